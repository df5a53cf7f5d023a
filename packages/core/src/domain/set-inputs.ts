import { z } from "zod";
import { NameFilter, SetColor, SetDescription, SetIcon, SetName, SetTags, TagFilter } from "./fields.js";
import { LIMITS } from "./limits.js";
import { PageLimit, PageOffset } from "./list-queries.js";

/** What {@link DeploymentSets.createSet} takes: a name and optional fields. Unknown fields are rejected. */
export const CreateSetInput = z.strictObject({
  /** Trimmed, 1..255 characters. */
  name: SetName,
  /** At most 4,000 characters; `null` or absent means none. */
  description: SetDescription.nullish(),
  /** An emoji or icon name, at most 64 characters; `null` or absent means none. */
  icon: SetIcon.nullish(),
  /** `#rgb`, `#rrggbb` or a lowercase CSS color word; `null` or absent means none. */
  color: SetColor.nullish(),
  /** Trimmed, de-duplicated case-insensitively, at most 32. */
  tags: SetTags.readonly().optional(),
});

/**
 * What {@link DeploymentSets.updateSet} takes: an absent field is unchanged, `null` clears `description`, `icon`
 * and `color`, `tags` replaces the list. Unknown fields are rejected.
 */
export const UpdateSetInput = z.strictObject({
  /** Trimmed, 1..255 characters. */
  name: SetName.optional(),
  /** At most 4,000 characters; `null` clears. */
  description: SetDescription.nullable().optional(),
  /** An emoji or icon name, at most 64 characters; `null` clears. */
  icon: SetIcon.nullable().optional(),
  /** `#rgb`, `#rrggbb` or a lowercase CSS color word; `null` clears. */
  color: SetColor.nullable().optional(),
  /** Replaces the list; trimmed, de-duplicated case-insensitively, at most 32. */
  tags: SetTags.readonly().optional(),
});

/** What {@link DeploymentSets.cloneSet} takes: optionally the clone's name. */
export const CloneSetInput = z.strictObject({
  /** The clone's name; by default `"<name> (copy)"`. */
  name: SetName.optional(),
});

/** What {@link DeploymentSets.listSets} takes: filters and a page. */
export const ListSetsQuery = z.strictObject({
  /** Only sets whose name contains this text, case-insensitively. */
  name: NameFilter.optional(),
  /** Only sets carrying this tag (case-insensitive exact match). */
  tag: TagFilter.optional(),
  /** Page size, 1..200; default 50. */
  limit: PageLimit.default(LIMITS.defaultPageSize),
  /** Entries to skip; default 0. */
  offset: PageOffset.default(0),
});

/**
 * The input of {@link DeploymentSets.createSet}.
 * @useDeclaredType
 */
export type CreateSetInput = z.input<typeof CreateSetInput>;
/**
 * The input of {@link DeploymentSets.updateSet}.
 * @useDeclaredType
 */
export type UpdateSetInput = z.input<typeof UpdateSetInput>;
/**
 * The input of {@link DeploymentSets.cloneSet}.
 * @useDeclaredType
 */
export type CloneSetInput = z.input<typeof CloneSetInput>;
/**
 * The query of {@link DeploymentSets.listSets}.
 * @useDeclaredType
 */
export type ListSetsQuery = z.input<typeof ListSetsQuery>;
