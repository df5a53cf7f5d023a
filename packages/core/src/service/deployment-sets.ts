import { newId } from "../domain/ids.js";
import type { Artifact, Group, OwnerId } from "../domain/model.js";
import type { DeployInput, InventoryQuery, UndeployInput } from "../domain/deploy-input.js";
import type { ListArtifactsQuery, ListGroupsQuery } from "../domain/list-queries.js";
import type { AddMemberInput, MoveMemberInput } from "../domain/member-inputs.js";
import type { CloneSetInput, CreateSetInput, ListSetsQuery, UpdateSetInput } from "../domain/set-inputs.js";
import type { ArtifactCatalog } from "../ports/artifact-catalog.js";
import type { Deployer, DeployReport } from "../ports/deployer.js";
import type { DeploymentSetStore, SetDeployment } from "../ports/deployment-set-store.js";
import { silentLogger, type Clock, type IdGenerator, type Logger } from "../ports/environment.js";
import type { Resolution } from "../resolver/resolve.js";
import * as catalogUseCases from "./catalog-use-cases.js";
import * as deploymentUseCases from "./deployment-use-cases.js";
import type { DeployOptions } from "./deployment-use-cases.js";
import * as memberUseCases from "./member-use-cases.js";
import * as resolutionUseCases from "./resolution-use-cases.js";
import type { ServiceContext } from "./service-context.js";
import * as setUseCases from "./set-use-cases.js";
import type { MemberView, Page, ProjectInventory, SetDetails, SetSummary } from "./views.js";

/** What {@link DeploymentSets} is built from. */
export interface DeploymentSetsOptions {
  /** Where sets and members live. */
  readonly store: DeploymentSetStore;
  /** Where artifacts and groups come from. */
  readonly catalog: ArtifactCatalog;
  /**
   * Writes resolved sets into projects. Without one, deploys fail with `deploy_disabled`.
   * @defaultValue none
   */
  readonly deployer?: Deployer;
  /**
   * Returns "now".
   * @defaultValue `() => new Date()`
   */
  readonly clock?: Clock;
  /**
   * Returns fresh ids.
   * @defaultValue a v4 UUID without dashes
   */
  readonly ids?: IdGenerator;
  /**
   * Receives warnings (missing references, rejected cycles).
   * @defaultValue a logger that drops everything
   */
  readonly logger?: Logger;
}

/**
 * The use cases of deployment sets, run as an owner: every operation the HTTP API offers, validated here once for
 * every storage adapter. Inputs are typed objects (validated again at run time with the zod schemas of the same
 * name, so JavaScript callers get the same checks; a rejected input throws `validation_failed` naming each field);
 * outputs are domain objects. Nothing is changed when a call throws.
 *
 * A malformed set or member id is simply not found. Another owner's set behaves exactly like a missing one.
 *
 * Each use case lives with its kind (`set-use-cases.ts`, `member-use-cases.ts`, `resolution-use-cases.ts`,
 * `deployment-use-cases.ts`, `catalog-use-cases.ts`); this class is their one public entry.
 *
 * @example
 * ```ts
 * const sets = new DeploymentSets({ store: new MemoryStore(), catalog: new MemoryCatalog({ artifacts }) });
 * const backend = await sets.createSet("alice", { name: "Backend", tags: ["api"] });
 * await sets.addMember("alice", backend.id, { ref: { type: "artifact", id: reviewSkill.uuid } });
 * const { artifacts: resolved, missing } = await sets.resolve("alice", backend.id);
 * ```
 */
export class DeploymentSets {
  readonly #ctx: ServiceContext;

  /** @param options - the store, the catalog and optional environment */
  constructor(options: DeploymentSetsOptions) {
    this.#ctx = {
      store: options.store,
      catalog: options.catalog,
      deployer: options.deployer,
      clock: options.clock ?? (() => new Date()),
      ids: options.ids ?? newId,
      logger: options.logger ?? silentLogger,
    };
  }

  /**
   * Creates a set.
   * @throws ValidationError
   * @example
   * ```ts
   * const backend = await sets.createSet("alice", { name: "Backend", description: "API work", tags: ["api"] });
   * ```
   */
  createSet(owner: OwnerId, input: CreateSetInput): Promise<SetDetails> {
    return setUseCases.createSet(this.#ctx, owner, input);
  }

  /**
   * Lists the owner's sets, newest first, filtered by `name` (case-insensitive substring) and `tag`
   * (case-insensitive exact), paged by `limit` (1..200, default 50) and `offset`. Resolved counts are computed
   * from one graph load for the whole page.
   * @throws ValidationError
   */
  listSets(owner: OwnerId, query: ListSetsQuery = {}): Promise<Page<SetSummary>> {
    return setUseCases.listSets(this.#ctx, owner, query);
  }

  /**
   * The set with its members and counts.
   * @throws SetNotFoundError
   */
  getSet(owner: OwnerId, setId: string): Promise<SetDetails> {
    return setUseCases.getSet(this.#ctx, owner, setId);
  }

  /**
   * Changes a set: absent fields are unchanged, `null` clears `description`, `icon` and `color`, `tags` replaces
   * the list. An update that changes nothing leaves `updatedAt` as it was.
   * @throws ValidationError, SetNotFoundError
   */
  updateSet(owner: OwnerId, setId: string, changes: UpdateSetInput): Promise<SetDetails> {
    return setUseCases.updateSet(this.#ctx, owner, setId, changes);
  }

  /**
   * Deletes a set and its members, and removes it from every set that contains it.
   * @throws SetNotFoundError
   */
  deleteSet(owner: OwnerId, setId: string): Promise<void> {
    return setUseCases.deleteSet(this.#ctx, owner, setId);
  }

  /**
   * Clones a set (fields and direct members in order, nested sets referenced, not copied) in one atomic step.
   * The clone is named `input.name`, else `"<name> (copy)"`.
   * @throws ValidationError, SetNotFoundError
   */
  cloneSet(owner: OwnerId, setId: string, options: CloneSetInput = {}): Promise<SetDetails> {
    return setUseCases.cloneSet(this.#ctx, owner, setId, options);
  }

  /**
   * The set's members in position order, with names.
   * @throws SetNotFoundError
   */
  listMembers(owner: OwnerId, setId: string): Promise<MemberView[]> {
    return memberUseCases.listMembers(this.#ctx, owner, setId);
  }

  /**
   * Adds a member: appended, or inserted at `position` (past the end appends). An artifact named by an alias
   * (its derived id) is stored under its canonical uuid, so one artifact is one reference. The existence,
   * duplicate, member-limit and cycle checks run inside the store's write transaction, so concurrent adds can
   * never create a cycle or a duplicate.
   * @throws ValidationError, SetNotFoundError, UnknownReferenceError, DuplicateMemberError, TooManyMembersError,
   *   CycleDetectedError (in that order of precedence)
   * @example
   * ```ts
   * await sets.addMember("alice", fullStack.id, { ref: { type: "set", id: backend.id } });
   * await sets.addMember("alice", backend.id, { ref: { type: "artifact", id: pdf.uuid }, position: 0 });
   * ```
   */
  addMember(owner: OwnerId, setId: string, input: AddMemberInput): Promise<MemberView> {
    return memberUseCases.addMember(this.#ctx, owner, setId, input);
  }

  /**
   * Removes a member; the others close ranks.
   * @throws SetNotFoundError, MemberNotFoundError
   */
  removeMember(owner: OwnerId, setId: string, memberId: string): Promise<void> {
    return memberUseCases.removeMember(this.#ctx, owner, setId, memberId);
  }

  /**
   * Moves a member to `position` (clamped to the end); the others close ranks. Returns the member at its final
   * position.
   * @throws ValidationError, SetNotFoundError, MemberNotFoundError
   */
  moveMember(owner: OwnerId, setId: string, memberId: string, move: MoveMemberInput): Promise<MemberView> {
    return memberUseCases.moveMember(this.#ctx, owner, setId, memberId, move);
  }

  /**
   * Resolves a set into its ordered, distinct artifacts (depth-first over members in position order, first
   * occurrence wins), each with its provenance, plus `duplicatesDropped` and the `missing` references. Missing
   * references are logged at warning level. Reads only.
   * @throws SetNotFoundError, DepthLimitExceededError
   *
   * @example
   * ```ts
   * const { artifacts, missing } = await sets.resolve("alice", fullStack.id);
   * ```
   */
  resolve(owner: OwnerId, setId: string): Promise<Resolution> {
    return resolutionUseCases.resolve(this.#ctx, owner, setId);
  }

  /**
   * Deploys a set into a project folder (or, with `dryRun`, reports what a deploy would do without writing
   * anything). One artifact's failure never stops the others; the report counts each outcome and carries the
   * resolution's missing references. Logs one summary line.
   * @throws ValidationError, SetNotFoundError, DeployDisabledError, ProjectPathInvalidError,
   *   ProjectPathForbiddenError, DepthLimitExceededError (in that order of precedence)
   *
   * @example
   * ```ts
   * const plan = await sets.deploy("alice", setId, { projectPath: "/home/alice/app", dryRun: true });
   * for (const result of plan.results) console.log(result.action, result.path);
   * await sets.deploy("alice", setId, { projectPath: "/home/alice/app" }, { onProgress: (done, total) => console.log(`${done}/${total}`) });
   * ```
   */
  deploy(owner: OwnerId, setId: string, input: DeployInput, options: DeployOptions = {}): Promise<DeployReport> {
    return deploymentUseCases.deploy(this.#ctx, owner, setId, input, options);
  }

  /**
   * Takes a set back out of a project folder (or, with `dryRun`, reports what that would do): removes what this set
   * deployed there, except artifacts another set deployed there still needs and what the user changed since
   * (kept and reported, unless `force`, which keeps a backup). Merged entries leave their config files as they
   * were. The report has the shape of a deploy's, with the actions `removed`, `kept_shared`, `kept_local_changes`
   * and `absent`.
   * @throws ValidationError, SetNotFoundError, DeployDisabledError, ProjectPathInvalidError,
   *   ProjectPathForbiddenError (in that order of precedence); ProjectUnavailableError when another deploy holds
   *   the project's lock past the wait or a tracking file does not parse
   *
   * @example
   * ```ts
   * const report = await sets.undeploy("alice", setId, { projectPath: "/home/alice/app" });
   * ```
   */
  undeploy(owner: OwnerId, setId: string, input: UndeployInput): Promise<DeployReport> {
    return deploymentUseCases.undeploy(this.#ctx, owner, setId, input);
  }

  /**
   * Where the set is deployed (projects and profiles the server deployed it into), most recent first.
   * @throws SetNotFoundError
   */
  listDeployments(owner: OwnerId, setId: string): Promise<SetDeployment[]> {
    return deploymentUseCases.listDeployments(this.#ctx, owner, setId);
  }

  /**
   * What is deployed in a project for a profile: each artifact the project's tracking data records, its state
   * (`in_sync`, `locally_modified`, `missing_on_disk`, `outdated`) and the owner's sets that brought it.
   * @throws ValidationError, DeployDisabledError, ProjectPathInvalidError, ProjectPathForbiddenError,
   *   ProjectUnavailableError (a tracking file does not parse)
   *
   * @example
   * ```ts
   * const { artifacts } = await sets.inventory("alice", { projectPath: "/home/alice/app", profile: "cursor" });
   * const drifted = artifacts.filter((artifact) => artifact.state !== "in_sync");
   * ```
   */
  inventory(owner: OwnerId, query: InventoryQuery): Promise<ProjectInventory> {
    return deploymentUseCases.inventory(this.#ctx, owner, query);
  }

  /**
   * Lists the catalog's artifacts (ordered by type, then name), filtered by `type` and `q` (case-insensitive
   * name substring), paged by `limit` and `offset`.
   * @throws ValidationError
   */
  listArtifacts(query: ListArtifactsQuery = {}): Promise<Page<Artifact>> {
    return catalogUseCases.listArtifacts(this.#ctx, query);
  }

  /**
   * Lists the catalog's groups in the collection's order, paged by `limit` and `offset`.
   * @throws ValidationError
   */
  listGroups(query: ListGroupsQuery = {}): Promise<Page<Group>> {
    return catalogUseCases.listGroups(this.#ctx, query);
  }
}
