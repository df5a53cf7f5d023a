/**
 * The pure core of Deployment Sets: the domain model and its rules, the use cases (`DeploymentSets`), the
 * resolver, the cycle detector, and in-memory implementations of the store and the catalog. What an adapter
 * implements (the storage, catalog and deployer ports, and the graph shapes a store loads) is exported from
 * `@deployment-sets/core/ports`.
 *
 * Deliberately private: the zod helpers behind `parseInput`'s error paths and the service's internal view
 * builders.
 *
 * @packageDocumentation
 */

// Errors
export {
  DeploymentSetsError,
  isDeploymentSetsError,
  hasErrorCode,
  ERROR_CODES,
  type ErrorCode,
  type ErrorDataByCode,
  type FieldError,
  ValidationError,
  SetNotFoundError,
  MemberNotFoundError,
  UnknownReferenceError,
  DuplicateMemberError,
  CycleDetectedError,
  DepthLimitExceededError,
  TooManyMembersError,
  ProjectPathInvalidError,
  ProjectPathForbiddenError,
  DeployDisabledError,
  ProjectUnavailableError,
  StorageUnavailableError,
  InternalError,
} from "./errors/index.js";

// Domain
export {
  ARTIFACT_TYPES,
  DEPLOY_PROFILES,
  REFERENCE_KINDS,
  type Artifact,
  type ArtifactType,
  type DeploymentSet,
  type DeployProfile,
  type Group,
  type Member,
  type MemberRef,
  type OwnerId,
  type ReferenceKind,
  type SetFields,
  type SetPatch,
} from "./domain/model.js";
export { LIMITS } from "./domain/limits.js";
export { ID_PATTERN, isId, newId } from "./domain/ids.js";
export { charLength, foldCase, truncateChars } from "./domain/text.js";

// Inputs: zod schemas and the types inferred from them (same name)
export {
  SetName,
  SetDescription,
  SetIcon,
  SetColor,
  SetTag,
  SetTags,
  dedupeTags,
  Position,
  ReferenceId,
  ProjectPath,
  NameFilter,
  TagFilter,
} from "./domain/fields.js";
export { CreateSetInput, UpdateSetInput, CloneSetInput, ListSetsQuery } from "./domain/set-inputs.js";
export { MemberRefInput, AddMemberInput, MoveMemberInput } from "./domain/member-inputs.js";
export { DeployInput, UndeployInput, InventoryQuery } from "./domain/deploy-input.js";
export { PageLimit, PageOffset, pageLimit, pageOffset, ListArtifactsQuery, ListGroupsQuery } from "./domain/list-queries.js";
export { parseInput, safeParseInput, toFieldErrors, type SafeParseResult } from "./domain/parse-input.js";

// Graph algorithms (their graph shapes are in `@deployment-sets/core/ports`)
export {
  resolveSet,
  type MissingReference,
  type Resolution,
  type ResolvedArtifact,
  type ResolveOptions,
} from "./resolver/resolve.js";
export { longestChain } from "./resolver/longest-chain.js";
export { findCycle } from "./cycles/find-cycle.js";

// What adapters produce that users read (the ports themselves are in `@deployment-sets/core/ports`)
export type { SetDeployment } from "./ports/deployment-set-store.js";
export {
  DEPLOY_ACTIONS,
  DEPLOY_STATUSES,
  DEPLOYED_STATES,
  type DeployAction,
  type DeployedState,
  type DeployReport,
  type DeployResult,
  type DeployStatus,
} from "./ports/deployer.js";
export { silentLogger, type Logger } from "./ports/environment.js";

// Use cases
export { DeploymentSets, type DeploymentSetsOptions } from "./service/deployment-sets.js";
export type { DeployOptions } from "./service/deployment-use-cases.js";
export type { DeployProgress } from "./ports/deployer.js";
export type {
  DeployedArtifactView,
  MemberView,
  Page,
  ProjectInventory,
  SetDetails,
  SetRef,
  SetSummary,
} from "./service/views.js";

// In-memory implementations
export { MemoryStore } from "./memory/memory-store.js";
export { MemoryCatalog, type MemoryCatalogContents } from "./memory/memory-catalog.js";
