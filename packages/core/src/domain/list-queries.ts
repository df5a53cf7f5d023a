import { z } from "zod";
import { LIMITS } from "./limits.js";
import { ARTIFACT_TYPES } from "./model.js";

const QueryInt = z.union([z.number(), z.string().regex(/^-?\d+$/, "must be an integer").transform(Number)]);

/** `limit` 1..200 (default 50). */
export const PageLimit = QueryInt.pipe(z.number().int("must be an integer").min(1).max(LIMITS.maxPageSize)).default(
  LIMITS.defaultPageSize,
);

/** `offset` >= 0 (default 0). */
export const PageOffset = QueryInt.pipe(z.number().int("must be an integer").min(0)).default(0);

/** The query of the artifact list: `type`, `q` (case-insensitive name substring), `limit`, `offset`. */
export const ArtifactListQueryInput = z.strictObject({
  /** Only artifacts of this type. */
  type: z.enum(ARTIFACT_TYPES as [string, ...string[]]).optional(),
  /** Case-insensitive substring of the name. */
  q: z.string().optional(),
  /** Page size, 1..200. */
  limit: PageLimit,
  /** Entries to skip, >= 0. */
  offset: PageOffset,
});

/** The query of the group list: `limit`, `offset`. */
export const GroupListQueryInput = z.strictObject({
  /** Page size, 1..200. */
  limit: PageLimit,
  /** Entries to skip, >= 0. */
  offset: PageOffset,
});
