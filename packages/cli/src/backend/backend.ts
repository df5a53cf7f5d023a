import type {
  ArtifactListQuery,
  ArtifactPage,
  DeploymentSet,
  DeploymentSetPage,
  DeployReport,
  DeployRequest,
  GroupListQuery,
  GroupPage,
  InventoryQuery,
  Member,
  MemberCreate,
  MemberMove,
  ProjectInventory,
  Resolution,
  SetClone,
  SetCreate,
  SetListQuery,
  SetUpdate,
  UndeployRequest,
} from "@deployment-sets/client";

/** Progress of a deploy: `done` of `total` artifacts written. */
export type DeployProgress = (done: number, total: number) => void;

/**
 * What every command talks to: the REST API's operations, with its bodies and answers (snake_case JSON). The
 * embedded backend runs them in this process on the library; the remote one sends them to a server with the SDK.
 * Both answer the same JSON for the same state, so the CLI prints the same thing in both modes.
 */
export interface Backend {
  /** `embedded` or `remote`, for messages (a spinner instead of a progress bar, where to change settings). */
  readonly mode: "embedded" | "remote";
  listSets(query: SetListQuery): Promise<DeploymentSetPage>;
  getSet(setId: string): Promise<DeploymentSet>;
  createSet(body: SetCreate): Promise<DeploymentSet>;
  updateSet(setId: string, body: SetUpdate): Promise<DeploymentSet>;
  deleteSet(setId: string): Promise<void>;
  cloneSet(setId: string, body: SetClone): Promise<DeploymentSet>;
  addMember(setId: string, body: MemberCreate): Promise<Member>;
  removeMember(setId: string, memberId: string): Promise<void>;
  moveMember(setId: string, memberId: string, body: MemberMove): Promise<Member>;
  resolve(setId: string): Promise<Resolution>;
  /** `onProgress` is called as artifacts are written (embedded mode only; a server reports at the end). */
  deploy(setId: string, body: DeployRequest, onProgress?: DeployProgress): Promise<DeployReport>;
  undeploy(setId: string, body: UndeployRequest): Promise<DeployReport>;
  inventory(query: InventoryQuery): Promise<ProjectInventory>;
  listArtifacts(query: ArtifactListQuery): Promise<ArtifactPage>;
  listGroups(query: GroupListQuery): Promise<GroupPage>;
  /** Releases the database and the collection (embedded), nothing for a server. */
  close(): Promise<void>;
}
