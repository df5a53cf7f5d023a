/**
 * The storage conformance suite: every `DeploymentSetStore` adapter runs {@link describeStoreConformance}
 * unchanged, and reuses {@link checkStoreInvariants} and the fixtures in its own crash and concurrency tests.
 *
 * Deliberately private: the per-feature suites (`src/suites/`), the per-test fixture and the skip-map
 * plumbing; adapters select tests through `StoreHarness.skip`, never by importing a feature.
 *
 * @packageDocumentation
 */

export { describeStoreConformance } from "./describe-store-conformance.js";
export type { StoreHarness } from "./harness.js";
export { checkStoreInvariants, findStoreInvariantViolations, type InvariantOptions } from "./invariants.js";

// Fixtures
export { TestClock, TEST_EPOCH } from "./fixtures/test-clock.js";
export { newOwnerId, sequentialIds } from "./fixtures/ids.js";
export { newSetInput } from "./fixtures/new-set-input.js";
export { acceptAt, recordingDecide, type RecordingDecide } from "./fixtures/decisions.js";
export {
  artifactRef,
  artifactUuid,
  groupId,
  groupRef,
  setRef,
  testCatalog,
  TEST_ARTIFACT_COUNT,
  TEST_GROUP_COUNT,
} from "./fixtures/catalog.js";
export { describeError, expectErrorCode, isRejectedWith } from "./fixtures/expect-error.js";
