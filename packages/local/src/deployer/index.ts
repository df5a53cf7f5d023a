// The filesystem deployer: writes resolved artifacts from a SkillMeat collection folder into project folders
// (see docs/deploying.md).
// Deliberately private: the decision table, the tracking-file reader and writer, the lock, the atomic-write
// helpers, the file-tree walker and the caches. They are implementation details of `FilesystemDeployer`.
export { FilesystemDeployer, type FilesystemDeployerOptions } from "./filesystem-deployer.js";
export { contentHash } from "./fs/content-hash.js";
export {
  PLACEMENTS,
  PROFILE_ROOTS,
  placementPath,
  type Placement,
  type CopyPlacement,
  type ConvertPlacement,
  type MergePlacement,
  type UnsupportedPlacement,
} from "./placement/placements.js";
export { OWN_TRACKING_FILE } from "./tracking/ledgers.js";
export { isJunk } from "./fs/junk.js";
export { TRACKING_FILE } from "./tracking/tracking-file.js";
export { LOCK_FILE } from "./locking/project-lock.js";
