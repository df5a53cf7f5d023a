/** The domain's numeric rules, in one place. */
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
  /** Most entries a tag list may have before de-duplication. */
  maxTagEntries: 64,
  /** Largest page size of a list. */
  maxPageSize: 200,
  /** Default page size of a list. */
  defaultPageSize: 50,
  /** Largest position accepted (a position past the end means the end). */
  maxPosition: 2_147_483_647,
  /** Largest page offset accepted. */
  maxOffset: 2_147_483_647,
  /** Longest reference id a member may carry, in characters. */
  maxReferenceLength: 255,
  /** Longest project path, in characters. */
  maxPathLength: 4_096,
  /** Most fields an input object may have (each input has a handful): more is rejected before any is read. */
  maxInputFields: 64,
  /** Most field errors a validation error lists (its message still counts them all). */
  maxFieldErrors: 20,
} as const;
