/** The domain's numeric rules (domain.md), in one place. */
export const LIMITS = {
  /** Most direct members one set may hold. */
  maxMembers: 10_000,
  /** Longest chain of nested sets a resolution accepts, the root included. */
  maxDepth: 20,
  /** Longest set name, in characters (code points) after trimming. */
  maxNameLength: 255,
  /** Longest description, in characters. */
  maxDescriptionLength: 4_000,
  /** Longest icon, in characters. */
  maxIconLength: 64,
  /** Longest tag, in characters after trimming. */
  maxTagLength: 64,
  /** Most tags on one set (after de-duplication). */
  maxTags: 32,
  /** Largest page size of a list. */
  maxPageSize: 200,
  /** Default page size of a list. */
  defaultPageSize: 50,
} as const;
