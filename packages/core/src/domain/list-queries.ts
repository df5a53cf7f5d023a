import { z } from "zod";
import { LIMITS } from "./limits.js";
import { NameFilter } from "./fields.js";
import { ARTIFACT_TYPES } from "./model.js";

/**
 * The page-size rule (an integer, 1..200) applied to a number schema: `z.number()` for the library, a coercing one
 * where numbers arrive as text (a URL's query).
 */
export function pageLimit<T extends z.ZodNumber | z.ZodCoercedNumber>(base: T): T {
  return base
    .int("must be an integer")
    .min(1, "must be >= 1")
    .max(LIMITS.maxPageSize, `must be at most ${LIMITS.maxPageSize}`)
    .meta({ description: `Page size, 1..${LIMITS.maxPageSize}.` }) as T;
}

/** The page-offset rule (an integer, 0..2^31-1) applied to a number schema, see {@link pageLimit}. */
export function pageOffset<T extends z.ZodNumber | z.ZodCoercedNumber>(base: T): T {
  return base
    .int("must be an integer")
    .min(0, "must be >= 0")
    .max(LIMITS.maxOffset, `must be at most ${LIMITS.maxOffset}`)
    .meta({ description: "Entries to skip." }) as T;
}

/** A page size, 1..200. */
export const PageLimit = pageLimit(z.number());

/** The number of entries to skip, from 0. */
export const PageOffset = pageOffset(z.number());

/** What {@link DeploymentSets.listArtifacts} takes: `type`, `q` (name substring) and a page. */
export const ListArtifactsQuery = z.strictObject({
  /** Only artifacts of this type. */
  type: z.enum(ARTIFACT_TYPES).optional(),
  /** Case-insensitive substring of the name. */
  q: NameFilter.optional(),
  /** Page size, 1..200; default 50. */
  limit: PageLimit.default(LIMITS.defaultPageSize),
  /** Entries to skip; default 0. */
  offset: PageOffset.default(0),
});

/** What {@link DeploymentSets.listGroups} takes: a page. */
export const ListGroupsQuery = z.strictObject({
  /** Page size, 1..200; default 50. */
  limit: PageLimit.default(LIMITS.defaultPageSize),
  /** Entries to skip; default 0. */
  offset: PageOffset.default(0),
});

/**
 * The query of {@link DeploymentSets.listArtifacts}.
 * @useDeclaredType
 */
export type ListArtifactsQuery = z.input<typeof ListArtifactsQuery>;
/**
 * The query of {@link DeploymentSets.listGroups}.
 * @useDeclaredType
 */
export type ListGroupsQuery = z.input<typeof ListGroupsQuery>;
