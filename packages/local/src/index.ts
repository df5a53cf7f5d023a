/**
 * The local side of Deployment Sets: {@link CollectionCatalog} reads a SkillMeat-format collection folder as an
 * `ArtifactCatalog`, and {@link FilesystemDeployer} writes resolved artifacts into project folders (see
 * docs/deploying.md).
 *
 * Deliberately private: TOML parsing, the per-entry checks, the decision table, the tracking-file reader and
 * writer, the lock and the atomic-write helpers.
 *
 * @packageDocumentation
 */
export {
  CollectionCatalog,
  derivedArtifactId,
  groupId,
  type CatalogLogger,
  type CatalogStatus,
  type CollectionCatalogOptions,
} from "./catalog/index.js";
export {
  FilesystemDeployer,
  contentHash,
  PLACEMENTS,
  PROFILE_ROOTS,
  placementPath,
  isJunk,
  TRACKING_FILE,
  OWN_TRACKING_FILE,
  LOCK_FILE,
  type FilesystemDeployerOptions,
  type Placement,
  type CopyPlacement,
  type ConvertPlacement,
  type MergePlacement,
  type UnsupportedPlacement,
} from "./deployer/index.js";
