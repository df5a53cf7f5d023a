import type { paths } from "./generated/api.js";
import { createSend, type CallOptions, type ClientOptions, type Send } from "./request.js";
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
  SetDeployment,
  SetListQuery,
  SetUpdate,
  Status,
  UndeployRequest,
} from "./types.js";

/** What every page of a list has: its entries and the total over all pages. */
export interface ListPage {
  /** This page's entries. */
  readonly items: readonly unknown[];
  /** How many entries match, over all pages. */
  readonly total: number;
}

/** A list that pages, by its page type `P` and query `Q`: one page at a time, every page, or every entry. */
export interface PagedList<P extends ListPage, Q> {
  /** One page (`limit` 1..200, default 50; `offset` default 0). */
  list(query?: Q, options?: CallOptions): Promise<P>;
  /**
   * Every page from `query.offset` (default 0) on, 200 entries each unless `query.limit` says otherwise, fetched one
   * after the other as the loop asks for them. Pages are offset-based: entries created or deleted while iterating
   * shift the pages that follow.
   */
  pages(query?: Q, options?: CallOptions): AsyncIterableIterator<P>;
  /** Every entry across {@link PagedList.pages}. */
  all(query?: Q, options?: CallOptions): AsyncIterableIterator<P["items"][number]>;
}

/** The members of sets. */
export interface MembersApi {
  /** The set's members in position order (`listMembers`). */
  list(setId: string, options?: CallOptions): Promise<Member[]>;
  /** Adds exactly one of `artifact_uuid`, `group_id`, `nested_set_id`, optionally at `position` (`addMember`). */
  add(setId: string, member: MemberCreate, options?: CallOptions): Promise<Member>;
  /** Removes a member; the others close ranks (`removeMember`). */
  remove(setId: string, memberId: string, options?: CallOptions): Promise<void>;
  /** Moves a member to `position`, clamped to the end; answers it at its final position (`moveMember`). */
  move(setId: string, memberId: string, move: MemberMove, options?: CallOptions): Promise<Member>;
}

/** Deployment sets. */
export interface SetsApi extends PagedList<DeploymentSetPage, SetListQuery> {
  /** Creates a set (`createDeploymentSet`). */
  create(set: SetCreate, options?: CallOptions): Promise<DeploymentSet>;
  /** The set with its members (`getDeploymentSet`). */
  get(setId: string, options?: CallOptions): Promise<DeploymentSet>;
  /** Changes a set: absent fields are unchanged, `null` clears (`updateDeploymentSet`). */
  update(setId: string, changes: SetUpdate, options?: CallOptions): Promise<DeploymentSet>;
  /** Deletes a set and removes it from every set containing it (`deleteDeploymentSet`). */
  delete(setId: string, options?: CallOptions): Promise<void>;
  /** Copies a set and its direct members, as `clone.name` or `"<name> (copy)"` (`cloneDeploymentSet`). */
  clone(setId: string, clone?: SetClone, options?: CallOptions): Promise<DeploymentSet>;
  /** The set's ordered, distinct artifacts with provenance (`resolveDeploymentSet`). */
  resolve(setId: string, options?: CallOptions): Promise<Resolution>;
  /** Deploys the set into a project folder, or plans it with `dry_run` (`deployDeploymentSet`). */
  deploy(setId: string, request: DeployRequest, options?: CallOptions): Promise<DeployReport>;
  /**
   * Takes the set back out of a project folder, or plans it with `dry_run`: what another set deployed there too is
   * `kept_shared`, what the user changed is `kept_local_changes` unless `force` (`undeployDeploymentSet`).
   */
  undeploy(setId: string, request: UndeployRequest, options?: CallOptions): Promise<DeployReport>;
  /** The project folders and profiles the set is deployed into, most recent first (`listSetDeployments`). */
  deployments(setId: string, options?: CallOptions): Promise<SetDeployment[]>;
  /** The members of sets. */
  readonly members: MembersApi;
}

/** What is deployed in projects. */
export interface DeploymentsApi {
  /**
   * What a project holds for a profile (default `claude_code`): each artifact with its `state` (`in_sync`,
   * `locally_modified`, `missing_on_disk`, `outdated`) and the sets that deployed it (`getProjectInventory`).
   */
  inventory(query: InventoryQuery, options?: CallOptions): Promise<ProjectInventory>;
}

/** A client of one Deployment Sets server. */
export interface Client {
  /** Deployment sets and their members. */
  readonly sets: SetsApi;
  /** The collection's artifacts (`listArtifacts`). */
  readonly artifacts: PagedList<ArtifactPage, ArtifactListQuery>;
  /** The collection's groups (`listGroups`). */
  readonly groups: PagedList<GroupPage, GroupListQuery>;
  /** What is deployed in projects. */
  readonly deployments: DeploymentsApi;
  /** Liveness: answers `{ status: "ok" }` while the server is up (`healthz`). */
  health(options?: CallOptions): Promise<Status>;
  /** Readiness: `{ status: "ready" }`, or `{ status: "unavailable", reason }` (`readyz`). */
  ready(options?: CallOptions): Promise<Status>;
}

// The document's paths (a typo or a renamed route is a type error).
const SETS = "/api/v1/deployment-sets" satisfies keyof paths;
const SET = "/api/v1/deployment-sets/{set_id}" satisfies keyof paths;
const CLONE = "/api/v1/deployment-sets/{set_id}/clone" satisfies keyof paths;
const RESOLVE = "/api/v1/deployment-sets/{set_id}/resolve" satisfies keyof paths;
const DEPLOY = "/api/v1/deployment-sets/{set_id}/deploy" satisfies keyof paths;
const UNDEPLOY = "/api/v1/deployment-sets/{set_id}/undeploy" satisfies keyof paths;
const SET_DEPLOYMENTS = "/api/v1/deployment-sets/{set_id}/deployments" satisfies keyof paths;
const MEMBERS = "/api/v1/deployment-sets/{set_id}/members" satisfies keyof paths;
const MEMBER = "/api/v1/deployment-sets/{set_id}/members/{member_id}" satisfies keyof paths;
const ARTIFACTS = "/api/v1/artifacts" satisfies keyof paths;
const GROUPS = "/api/v1/groups" satisfies keyof paths;
const DEPLOYMENTS = "/api/v1/deployments" satisfies keyof paths;

/**
 * Creates a client of the Deployment Sets REST API. Every method maps to one operation of the server's OpenAPI
 * document, takes and answers its snake_case JSON, accepts an `AbortSignal`, and fails in one way: a
 * {@link DeploymentSetsApiError} for an error answer (with its stable `code`), a
 * {@link DeploymentSetsTimeoutError} or a {@link DeploymentSetsNetworkError} otherwise. Runs wherever `fetch` does
 * (Node.js 20+, browsers, Deno, Bun).
 *
 * @example
 * ```ts
 * const client = createClient({ baseUrl: "http://127.0.0.1:8080" });
 * const backend = await client.sets.create({ name: "Backend", tags: ["api"] });
 * await client.sets.members.add(backend.id, { artifact_uuid: pdf.uuid });
 * const plan = await client.sets.deploy(backend.id, { project_path: "/home/me/app", dry_run: true });
 * const { artifacts } = await client.deployments.inventory({ project_path: "/home/me/app" });
 * await client.sets.undeploy(backend.id, { project_path: "/home/me/app" });
 * for await (const set of client.sets.all({ tag: "api" })) console.log(set.name);
 * ```
 */
export function createClient(options: ClientOptions): Client {
  const send = createSend(options);
  const set = (setId: string) => ({ set_id: setId });
  const members: MembersApi = {
    list: (setId, call) => send("get", MEMBERS, { ...call, params: set(setId) }),
    add: (setId, member, call) => send("post", MEMBERS, { ...call, params: set(setId), body: member }),
    remove: (setId, memberId, call) => send("delete", MEMBER, { ...call, params: { ...set(setId), member_id: memberId } }),
    move: (setId, memberId, move, call) => send("put", MEMBER, { ...call, params: { ...set(setId), member_id: memberId }, body: move }),
  };
  const sets: SetsApi = {
    ...pagedList<DeploymentSetPage, SetListQuery>(send, SETS),
    create: (body, call) => send("post", SETS, { ...call, body }),
    get: (setId, call) => send("get", SET, { ...call, params: set(setId) }),
    update: (setId, body, call) => send("put", SET, { ...call, params: set(setId), body }),
    delete: (setId, call) => send("delete", SET, { ...call, params: set(setId) }),
    clone: (setId, body, call) => send("post", CLONE, { ...call, params: set(setId), body: body ?? {} }),
    resolve: (setId, call) => send("get", RESOLVE, { ...call, params: set(setId) }),
    deploy: (setId, body, call) => send("post", DEPLOY, { ...call, params: set(setId), body }),
    undeploy: (setId, body, call) => send("post", UNDEPLOY, { ...call, params: set(setId), body }),
    deployments: (setId, call) => send("get", SET_DEPLOYMENTS, { ...call, params: set(setId) }),
    members,
  };
  return {
    sets,
    artifacts: pagedList<ArtifactPage, ArtifactListQuery>(send, ARTIFACTS),
    groups: pagedList<GroupPage, GroupListQuery>(send, GROUPS),
    deployments: { inventory: (query, call) => send("get", DEPLOYMENTS, { ...call, query }) },
    health: (call) => send("get", "/healthz" satisfies keyof paths, call),
    ready: (call) => send("get", "/readyz" satisfies keyof paths, { ...call, answers: [503] }),
  };
}

/** The paging of one list route. */
function pagedList<P extends ListPage, Q extends { limit?: number; offset?: number } | undefined>(send: Send, path: keyof paths): PagedList<P, Q> {
  const list = (query: Q | undefined, call?: CallOptions) => send<P>("get", path, { ...call, ...(query ? { query } : {}) });
  async function* pages(query?: Q, call?: CallOptions): AsyncIterableIterator<P> {
    const limit = query?.limit ?? 200;
    for (let offset = query?.offset ?? 0; ; offset += limit) {
      const page = await list({ ...query, limit, offset } as Q, call);
      yield page;
      if (page.items.length < limit || offset + page.items.length >= page.total) return;
    }
  }
  async function* all(query?: Q, call?: CallOptions): AsyncIterableIterator<P["items"][number]> {
    for await (const page of pages(query, call)) for (const item of page.items) yield item as P["items"][number];
  }
  return { list, pages, all };
}
