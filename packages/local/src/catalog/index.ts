// The collection catalog: SkillMeat's `collection.toml` read as an `ArtifactCatalog`.
// Deliberately private: the TOML parsing, the per-entry checks, the source-path checker and the immutable
// snapshot behind each loaded version.
export { CollectionCatalog } from "./collection-catalog.js";
export type { CatalogLogger, CatalogStatus, CollectionCatalogOptions } from "./catalog-options.js";
export { derivedArtifactId, groupId } from "./identity.js";
