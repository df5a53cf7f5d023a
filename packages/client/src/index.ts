/**
 * The typed SDK of the Deployment Sets REST API. Its request and response types are generated from the server's
 * OpenAPI document; calls go through ky. Runs wherever `fetch` does: Node.js 20+, browsers, Deno and Bun.
 *
 * Deliberately private: the request function and the generated `paths`, `operations` and `components`
 * interfaces; the named types below are derived from them (`RequestBody<"addMember">` and its siblings reach any
 * operation's types by its `operationId`).
 *
 * @example
 * ```ts
 * import { createClient, isDeploymentSetsApiError } from "@deployment-sets/client";
 *
 * const client = createClient({ baseUrl: "http://127.0.0.1:8080", token: process.env.DS_TOKEN });
 * const backend = await client.sets.create({ name: "Backend" });
 * try {
 *   await client.sets.members.add(backend.id, { nested_set_id: backend.id });
 * } catch (error) {
 *   if (isDeploymentSetsApiError(error, "cycle_detected")) console.log(error.problem.path);
 * }
 * ```
 *
 * @packageDocumentation
 */

export {
  createClient,
  type Client,
  type DeploymentsApi,
  type ListPage,
  type MembersApi,
  type PagedList,
  type SetsApi,
} from "./client.js";
export type { CallOptions, ClientOptions, RetryOptions } from "./request.js";
export {
  DeploymentSetsApiError,
  DeploymentSetsNetworkError,
  DeploymentSetsTimeoutError,
  isDeploymentSetsApiError,
  type ErrorCode,
  type Problem,
} from "./errors.js";
export type {
  Artifact,
  ArtifactListQuery,
  ArtifactPage,
  DeployedArtifact,
  DeploymentSet,
  DeploymentSetPage,
  DeploymentSetSummary,
  DeployReport,
  DeployRequest,
  Group,
  GroupListQuery,
  GroupPage,
  InventoryQuery,
  Member,
  MemberCreate,
  MemberMove,
  MissingReference,
  ProjectInventory,
  QueryOf,
  RequestBody,
  Resolution,
  ResponseBody,
  SetClone,
  SetCreate,
  SetDeployment,
  SetListQuery,
  SetUpdate,
  Status,
  UndeployRequest,
} from "./types.js";
