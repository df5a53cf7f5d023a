import { z } from "zod";
import { charLength, foldCase } from "./text.js";
import { LIMITS } from "./limits.js";
import { PageLimit, PageOffset } from "./list-queries.js";

const maxChars = (max: number) => (value: string) => charLength(value) <= max;

/** A set name: trimmed, 1..255 characters. */
export const SetName = z
  .string()
  .transform((value) => value.trim())
  .refine((value) => value.length > 0, "must not be empty")
  .refine(maxChars(LIMITS.maxNameLength), `must be at most ${LIMITS.maxNameLength} characters`);

/** A description: at most 4,000 characters. */
export const SetDescription = z
  .string()
  .refine(maxChars(LIMITS.maxDescriptionLength), `must be at most ${LIMITS.maxDescriptionLength} characters`);

/** An icon (an emoji or an icon name): at most 64 characters. */
export const SetIcon = z
  .string()
  .refine(maxChars(LIMITS.maxIconLength), `must be at most ${LIMITS.maxIconLength} characters`);

/** A color: `#rgb`, `#rrggbb` or a lowercase CSS color word. */
export const SetColor = z
  .string()
  .regex(/^(#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}|[a-z]{1,32})$/, "must be #rgb, #rrggbb or a lowercase color word");

/** One tag: trimmed, 1..64 characters. */
export const SetTag = z
  .string()
  .transform((value) => value.trim())
  .refine((value) => value.length > 0, "must not be empty")
  .refine(maxChars(LIMITS.maxTagLength), `must be at most ${LIMITS.maxTagLength} characters`);

/** A tag list: each tag normalised, de-duplicated case-insensitively keeping the first spelling, at most 32. */
export const SetTags = z
  .array(SetTag)
  .transform(dedupeTags)
  .refine((tags) => tags.length <= LIMITS.maxTags, `must hold at most ${LIMITS.maxTags} distinct tags`);

/** Tags de-duplicated case-insensitively, first spelling and order kept. */
export function dedupeTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const tag of tags) {
    const key = foldCase(tag);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(tag);
  }
  return out;
}

/** The body that creates a set (`SetCreate`). Unknown fields are rejected. */
export const SetCreateInput = z.strictObject({
  /** Trimmed, 1..255 characters. */
  name: SetName,
  /** At most 4,000 characters; `null` clears. */
  description: SetDescription.nullish(),
  /** An emoji or icon name, at most 64 characters; `null` clears. */
  icon: SetIcon.nullish(),
  /** `#rgb`, `#rrggbb` or a lowercase CSS color word; `null` clears. */
  color: SetColor.nullish(),
  /** Replaces the list; trimmed, de-duplicated case-insensitively, at most 32. */
  tags: SetTags.optional(),
});

/**
 * The body that changes a set (`SetUpdate`): an absent field is unchanged, `null` clears `description`, `icon`
 * and `color`, `tags` replaces the list, `name` cannot be `null`.
 */
export const SetUpdateInput = z.strictObject({
  /** Trimmed, 1..255 characters. */
  name: SetName.optional(),
  /** At most 4,000 characters; `null` clears. */
  description: SetDescription.nullable().optional(),
  /** An emoji or icon name, at most 64 characters; `null` clears. */
  icon: SetIcon.nullable().optional(),
  /** `#rgb`, `#rrggbb` or a lowercase CSS color word; `null` clears. */
  color: SetColor.nullable().optional(),
  /** Replaces the list; trimmed, de-duplicated case-insensitively, at most 32. */
  tags: SetTags.optional(),
});

/** The optional body of a clone: a new name. */
export const SetCloneInput = z.strictObject({
  /** The clone's name; default `"<name> (copy)"`. */
  name: SetName.optional(),
});

/** A 0-based position: an integer >= 0. */
export const Position = z.number().int("must be an integer").min(0, "must be >= 0");

const Reference = z.string().min(1, "must not be empty").max(255, "must be at most 255 characters");

/**
 * The body that adds a member (`MemberCreate`): exactly one of `artifact_uuid`, `group_id`, `nested_set_id`
 * (a key sent as `null` counts as absent), an optional `position`, and `workflow_id` only as `null`.
 */
export const MemberCreateInput = z
  .strictObject({
    /** Reference an artifact by uuid (or derived id). */
    artifact_uuid: Reference.nullish(),
    /** Reference a group of the catalog. */
    group_id: Reference.nullish(),
    /** Reference another set of the same owner. */
    nested_set_id: Reference.nullish(),
    /** 0-based position; absent appends, past the end appends. */
    position: Position.nullish(),
    /** Accepted only as `null` (SkillMeat clients echo it); this product has no workflows. */
    workflow_id: z.null({ error: "workflows are not supported; send null or leave it out" }).optional(),
  })
  .superRefine((value, ctx) => {
    const given = REFERENCE_KEYS.filter((key) => value[key] != null);
    if (given.length === 1) return;
    const message =
      given.length === 0
        ? "exactly one of artifact_uuid, group_id, nested_set_id is required"
        : `exactly one of artifact_uuid, group_id, nested_set_id is allowed; got ${given.join(", ")}`;
    for (const key of given.length === 0 ? REFERENCE_KEYS : given) ctx.addIssue({ code: "custom", path: [key], message });
  });

const REFERENCE_KEYS = ["artifact_uuid", "group_id", "nested_set_id"] as const;

/** The body that moves a member: its new position. */
export const MemberMoveInput = z.strictObject({
  /** The new 0-based position; past the end moves it last. */
  position: Position,
});

/** The query of the set list: `name` substring, `tag`, `limit` 1..200 (default 50), `offset` >= 0. */
export const SetListQuery = z.strictObject({
  /** Trimmed, 1..255 characters. */
  name: z.string().optional(),
  /** Only sets carrying this tag (case-insensitive exact match). */
  tag: z.string().optional(),
  /** Page size, 1..200. */
  limit: PageLimit,
  /** Entries to skip, >= 0. */
  offset: PageOffset,
});

/** The body of a deploy (`DeployRequest`). */
export const DeployRequestInput = z.strictObject({
  /** Absolute path of the project folder to deploy into. */
  project_path: z.string().min(1, "must not be empty"),
  /** The assistant layout to deploy to. */
  profile: z.enum(["claude_code", "codex", "gemini", "cursor"]).default("claude_code"),
  /** Report what would happen without writing anything. */
  dry_run: z.boolean().default(false),
  /** Overwrite local changes and conflicts. */
  force: z.boolean().default(false),
});

/** The parsed set-create body. */
export type SetCreateInput = z.output<typeof SetCreateInput>;
/** The parsed set-update body. */
export type SetUpdateInput = z.output<typeof SetUpdateInput>;
/** The parsed clone body. */
export type SetCloneInput = z.output<typeof SetCloneInput>;
/** The parsed member-create body. */
export type MemberCreateInput = z.output<typeof MemberCreateInput>;
/** The parsed member-move body. */
export type MemberMoveInput = z.output<typeof MemberMoveInput>;
/** The parsed deploy body. */
export type DeployRequestInput = z.output<typeof DeployRequestInput>;
/** The parsed set-list query. */
export type SetListQuery = z.output<typeof SetListQuery>;
