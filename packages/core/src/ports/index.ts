/**
 * What an adapter implements and hands to the core: the storage port (`DeploymentSetStore`), the catalog port
 * (`ArtifactCatalog`), the deployer port (`Deployer`), the clock and id generator, the graph shapes a store
 * loads for the resolver, and `checkDecidedPosition`, the check every store runs on the position core decided. Import it as `@deployment-sets/core/ports` when writing a store, a catalog or a
 * deployer; an application that only uses `DeploymentSets` with the published adapters never needs it.
 *
 * The conformance suite every store must pass is `@deployment-sets/store-testkit`.
 *
 * @example
 * ```ts
 * import type { DeploymentSetStore } from "@deployment-sets/core/ports";
 *
 * export class MyStore implements DeploymentSetStore {
 *   // ...
 * }
 * ```
 *
 * @packageDocumentation
 */

export type {
  AddMemberContext,
  AddMemberDecision,
  DecideAddMember,
  DeploymentSetStore,
  NewMember,
  NewSet,
  SetDeployment,
  StoredGraph,
  StoredGraphSet,
  StoreListQuery,
  StorePage,
} from "./deployment-set-store.js";
export type { ArtifactCatalog, ArtifactListQuery, CatalogPage } from "./artifact-catalog.js";
export type { DeployedArtifact, Deployer, DeployProgress, DeployRequest, UndeployRequest } from "./deployer.js";
export type { Clock, IdGenerator } from "./environment.js";
export { checkDecidedPosition } from "./decided-position.js";
export type { CatalogView, GraphSet, SetGraph } from "../resolver/graph.js";
