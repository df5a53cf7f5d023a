import type { components, operations } from "./generated/api.js";

/**
 * The request and response types of the API, derived from the generated OpenAPI types (never restated by hand):
 * snake_case, as on the wire.
 */

type Schemas = components["schemas"];
/** The JSON content of a request body or a response. */
type JsonOf<T> = T extends { content: { "application/json": infer B } } ? B : never;

/** The JSON body an operation takes, by `operationId`: `RequestBody<"addMember">`. */
export type RequestBody<Id extends keyof operations> = JsonOf<NonNullable<operations[Id]["requestBody"]>>;

/** The query an operation takes, by `operationId`: `QueryOf<"listDeploymentSets">`. */
export type QueryOf<Id extends keyof operations> = NonNullable<operations[Id]["parameters"]["query"]>;

/** The JSON body of an operation's success answer, by `operationId` (`undefined` for 204). */
export type ResponseBody<Id extends keyof operations> = SuccessBodies<operations[Id]["responses"]>[keyof operations[Id]["responses"]];

/** Each response's JSON body for the success statuses, `never` for the others. */
type SuccessBodies<R> = { [S in keyof R]: S extends 200 | 201 ? JsonOf<R[S]> : S extends 204 ? undefined : never };

/** A deployment set with its members (what get, create, update and clone answer). */
export type DeploymentSet = Schemas["DeploymentSetWithMembers"];
/** A deployment set without its members (list items). */
export type DeploymentSetSummary = Schemas["DeploymentSet"];
/** A member of a set. */
export type Member = Schemas["Member"];
/** The resolution of a set. */
export type Resolution = Schemas["Resolution"];
/** A reference that could not be resolved. */
export type MissingReference = Schemas["MissingReference"];
/** The report of a deploy or an undeploy. */
export type DeployReport = Schemas["DeployReport"];
/** A project folder and profile a set is deployed into. */
export type SetDeployment = Schemas["SetDeployment"];
/** What is deployed in a project for one assistant, and in what state. */
export type ProjectInventory = Schemas["ProjectInventory"];
/** One artifact of a project's inventory, with its `state` and the sets that deployed it. */
export type DeployedArtifact = ProjectInventory["artifacts"][number];
/** An artifact of the collection. */
export type Artifact = Schemas["Artifact"];
/** A group of the collection. */
export type Group = Schemas["Group"];
/** Liveness or readiness. */
export type Status = Schemas["Status"];

/** The body that creates a set. */
export type SetCreate = RequestBody<"createDeploymentSet">;
/** The body that changes a set. */
export type SetUpdate = RequestBody<"updateDeploymentSet">;
/** The optional body of a clone. */
export type SetClone = RequestBody<"cloneDeploymentSet">;
/** The body that adds a member: exactly one of `artifact_uuid`, `group_id`, `nested_set_id`. */
export type MemberCreate = RequestBody<"addMember">;
/** The body that moves a member. */
export type MemberMove = RequestBody<"moveMember">;
/** The body of a deploy. */
export type DeployRequest = RequestBody<"deployDeploymentSet">;
/** The body of an undeploy. */
export type UndeployRequest = RequestBody<"undeployDeploymentSet">;

/** The query of the set list. */
export type SetListQuery = QueryOf<"listDeploymentSets">;
/** The query of the artifact list. */
export type ArtifactListQuery = QueryOf<"listArtifacts">;
/** The query of the group list. */
export type GroupListQuery = QueryOf<"listGroups">;
/** The query of a project's inventory: `project_path` and optionally `profile`. */
export type InventoryQuery = QueryOf<"getProjectInventory">;

/** One page of the set list: `items`, `total` over all pages, `limit` and `offset`. */
export type DeploymentSetPage = ResponseBody<"listDeploymentSets">;
/** One page of the artifact list. */
export type ArtifactPage = ResponseBody<"listArtifacts">;
/** One page of the group list. */
export type GroupPage = ResponseBody<"listGroups">;
