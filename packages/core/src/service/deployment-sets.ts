import { isId, newId } from "../domain/ids.js";
import { LIMITS } from "../domain/limits.js";
import type { Artifact, Group, MemberRef, OwnerId, SetPatch } from "../domain/model.js";
import { DeployInput, InventoryQuery, UndeployInput } from "../domain/deploy-input.js";
import { ListArtifactsQuery, ListGroupsQuery } from "../domain/list-queries.js";
import { AddMemberInput, MoveMemberInput } from "../domain/member-inputs.js";
import { parseInput } from "../domain/parse-input.js";
import { CloneSetInput, CreateSetInput, ListSetsQuery, UpdateSetInput } from "../domain/set-inputs.js";
import { foldCase } from "../domain/text.js";
import { hasErrorCode } from "../errors/deployment-sets-error.js";
import {
  CycleDetectedError,
  DeployDisabledError,
  DuplicateMemberError,
  MemberNotFoundError,
  SetNotFoundError,
  TooManyMembersError,
  UnknownReferenceError,
} from "../errors/errors.js";
import { findCycle } from "../cycles/find-cycle.js";
import type { ArtifactCatalog } from "../ports/artifact-catalog.js";
import type { Deployer, DeployReport } from "../ports/deployer.js";
import type { AddMemberContext, DeploymentSetStore, SetDeployment, StoredGraph } from "../ports/deployment-set-store.js";
import { silentLogger, type Clock, type IdGenerator, type Logger } from "../ports/environment.js";
import type { CatalogView, SetGraph } from "../resolver/graph.js";
import { resolveSet, type Resolution } from "../resolver/resolve.js";
import { loadCatalogView } from "./catalog-view.js";
import { cloneName } from "./clone-name.js";
import { deployReport, reportLogFields } from "./deploy-report.js";
import { readAfterWrite } from "./read-after-write.js";
import type { MemberView, Page, ProjectInventory, SetDetails, SetRef, SetSummary } from "./views.js";

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
 * @example
 * ```ts
 * const sets = new DeploymentSets({ store: new MemoryStore(), catalog: new MemoryCatalog({ artifacts }) });
 * const backend = await sets.createSet("alice", { name: "Backend", tags: ["api"] });
 * await sets.addMember("alice", backend.id, { ref: { type: "artifact", id: reviewSkill.uuid } });
 * const { artifacts: resolved, missing } = await sets.resolve("alice", backend.id);
 * ```
 */
export class DeploymentSets {
  readonly #store: DeploymentSetStore;
  readonly #catalog: ArtifactCatalog;
  readonly #deployer: Deployer | undefined;
  readonly #clock: Clock;
  readonly #ids: IdGenerator;
  readonly #logger: Logger;

  /** @param options - the store, the catalog and optional environment */
  constructor(options: DeploymentSetsOptions) {
    this.#store = options.store;
    this.#catalog = options.catalog;
    this.#deployer = options.deployer;
    this.#clock = options.clock ?? (() => new Date());
    this.#ids = options.ids ?? newId;
    this.#logger = options.logger ?? silentLogger;
  }

  /**
   * Creates a set.
   * @throws ValidationError
   * @example
   * ```ts
   * const backend = await sets.createSet("alice", { name: "Backend", description: "API work", tags: ["api"] });
   * ```
   */
  async createSet(owner: OwnerId, input: CreateSetInput): Promise<SetDetails> {
    const fields = parseInput(CreateSetInput, input);
    const now = this.#clock();
    const set = await this.#store.createSet(owner, {
      id: this.#ids(),
      name: fields.name,
      description: fields.description ?? null,
      icon: fields.icon ?? null,
      color: fields.color ?? null,
      tags: fields.tags ?? [],
      createdAt: now,
    });
    return { ...set, memberCount: 0, resolvedCount: 0, members: [] };
  }

  /**
   * Lists the owner's sets, newest first, filtered by `name` (case-insensitive substring) and `tag`
   * (case-insensitive exact), paged by `limit` (1..200, default 50) and `offset`. Resolved counts are computed
   * from one graph load for the whole page.
   * @throws ValidationError
   */
  async listSets(owner: OwnerId, query: ListSetsQuery = {}): Promise<Page<SetSummary>> {
    const { name, tag, limit, offset } = parseInput(ListSetsQuery, query);
    const page = await this.#store.listSets(owner, {
      ...(name !== undefined && name !== "" ? { nameContains: foldCase(name) } : {}),
      ...(tag !== undefined ? { tag: foldCase(tag.trim()) } : {}),
      limit,
      offset,
    });
    const graph: StoredGraph =
      page.items.length > 0 ? await this.#store.loadGraph(owner, page.items.map((s) => s.id)) : { roots: new Map(), sets: new Map() };
    const view = await loadCatalogView(this.#catalog, graph.sets);
    const items = page.items.map((set) => ({
      ...set,
      memberCount: graph.roots.get(set.id)?.members.length ?? 0,
      resolvedCount: resolvedCount(graph.sets, view, set.id),
    }));
    return { items, total: page.total, limit, offset };
  }

  /**
   * The set with its members and counts.
   * @throws SetNotFoundError
   */
  async getSet(owner: OwnerId, setId: string): Promise<SetDetails> {
    const graph = await this.#loadGraph(owner, setId);
    const view = await loadCatalogView(this.#catalog, graph.sets);
    return details(graph, view, setId);
  }

  /**
   * Changes a set: absent fields are unchanged, `null` clears `description`, `icon` and `color`, `tags` replaces
   * the list. An update that changes nothing leaves `updatedAt` as it was.
   * @throws ValidationError, SetNotFoundError
   */
  async updateSet(owner: OwnerId, setId: string, changes: UpdateSetInput): Promise<SetDetails> {
    const input = parseInput(UpdateSetInput, changes);
    const current = await this.#requireSet(owner, setId);
    const patch: { -readonly [K in keyof SetPatch]: SetPatch[K] } = {};
    if (input.name !== undefined && input.name !== current.name) patch.name = input.name;
    if (input.description !== undefined && input.description !== current.description) patch.description = input.description;
    if (input.icon !== undefined && input.icon !== current.icon) patch.icon = input.icon;
    if (input.color !== undefined && input.color !== current.color) patch.color = input.color;
    if (input.tags !== undefined && !sameList(input.tags, current.tags)) patch.tags = input.tags;
    if (Object.keys(patch).length === 0) return this.getSet(owner, setId);
    await this.#store.updateSet(owner, setId, patch, this.#clock());
    return readAfterWrite(() => this.getSet(owner, setId));
  }

  /**
   * Deletes a set and its members, and removes it from every set that contains it.
   * @throws SetNotFoundError
   */
  async deleteSet(owner: OwnerId, setId: string): Promise<void> {
    if (!isId(setId)) throw new SetNotFoundError(setId);
    await this.#store.deleteSet(owner, setId, this.#clock());
  }

  /**
   * Clones a set (fields and direct members in order, nested sets referenced, not copied) in one atomic step.
   * The clone is named `input.name`, else `"<name> (copy)"`.
   * @throws ValidationError, SetNotFoundError
   */
  async cloneSet(owner: OwnerId, setId: string, options: CloneSetInput = {}): Promise<SetDetails> {
    const input = parseInput(CloneSetInput, options);
    const source = await this.#requireSet(owner, setId);
    const clone = await this.#store.cloneSet(owner, setId, {
      id: this.#ids(),
      name: input.name ?? cloneName(source.name),
      createdAt: this.#clock(),
      newMemberId: this.#ids,
    });
    return readAfterWrite(() => this.getSet(owner, clone.id));
  }

  /**
   * The set's members in position order, with names.
   * @throws SetNotFoundError
   */
  async listMembers(owner: OwnerId, setId: string): Promise<MemberView[]> {
    const graph = await this.#loadGraph(owner, setId);
    return memberViews(graph, await loadCatalogView(this.#catalog, graph.sets), setId);
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
  async addMember(owner: OwnerId, setId: string, input: AddMemberInput): Promise<MemberView> {
    const { ref: asked, position } = parseInput(AddMemberInput, input);
    if (!isId(setId)) throw new SetNotFoundError(setId);
    // undefined for a nested set, null for an artifact or group the catalog does not know.
    const found = asked.type === "set" ? undefined : await this.#catalogEntry(asked);
    // An artifact is stored under its canonical uuid, whichever id it was asked by (its derived id is an alias),
    // so the same artifact cannot become two members under two spellings.
    const ref: MemberRef = asked.type === "artifact" && found ? { type: "artifact", id: found.uuid } : asked;
    // A nested set's name, as the write's own transaction saw it: the answer needs no read after the commit.
    let nestedName: string | null = null;
    const decide = (context: AddMemberContext) => {
      if (!context.set) throw new SetNotFoundError(setId);
      if (found === null) throw new UnknownReferenceError(ref.type, ref.id);
      if (ref.type === "set" && !context.graph?.has(ref.id)) throw new UnknownReferenceError("set", ref.id);
      if (context.existingMemberId !== undefined) throw new DuplicateMemberError(context.existingMemberId);
      if (context.memberCount >= LIMITS.maxMembers) throw new TooManyMembersError(LIMITS.maxMembers);
      if (ref.type === "set") {
        const cycle = findCycle(context.graph!, setId, ref.id);
        if (cycle) {
          const holder = context.set;
          const names = cycle.map((id) => (id === holder.id ? holder.name : (context.graph!.get(id)?.name ?? id)));
          this.#logger.warn({ set_id: setId, path: cycle, set_names: names }, "rejected a member that would create a cycle");
          throw new CycleDetectedError(cycle, names);
        }
      }
      if (ref.type === "set") nestedName = context.graph!.get(ref.id)?.name ?? null;
      return { position: Math.min(position ?? context.memberCount, context.memberCount) };
    };
    const member = await this.#store.addMember(owner, setId, { id: this.#ids(), ref, addedAt: this.#clock() }, decide);
    return { ...member, name: ref.type === "set" ? nestedName : (found?.name ?? null) };
  }

  /**
   * Removes a member; the others close ranks.
   * @throws SetNotFoundError, MemberNotFoundError
   */
  async removeMember(owner: OwnerId, setId: string, memberId: string): Promise<void> {
    if (!isId(setId)) throw new SetNotFoundError(setId);
    if (!isId(memberId)) {
      await this.#requireSet(owner, setId);
      throw new MemberNotFoundError(memberId);
    }
    await this.#store.removeMember(owner, setId, memberId, this.#clock());
  }

  /**
   * Moves a member to `position` (clamped to the end); the others close ranks. Returns the member at its final
   * position.
   * @throws ValidationError, SetNotFoundError, MemberNotFoundError
   */
  async moveMember(owner: OwnerId, setId: string, memberId: string, move: MoveMemberInput): Promise<MemberView> {
    const { position } = parseInput(MoveMemberInput, move);
    if (!isId(setId)) throw new SetNotFoundError(setId);
    if (!isId(memberId)) {
      await this.#requireSet(owner, setId);
      throw new MemberNotFoundError(memberId);
    }
    const member = await this.#store.moveMember(owner, setId, memberId, position, this.#clock());
    const nested = member.ref.type === "set" ? member.ref.id : null;
    const name = nested !== null ? await readAfterWrite(() => this.#setName(owner, nested)) : await this.#catalogName(member.ref);
    return { ...member, name };
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
  async resolve(owner: OwnerId, setId: string): Promise<Resolution> {
    return this.#resolveGraph(await this.#loadGraph(owner, setId), setId);
  }

  async #resolveGraph(graph: StoredGraph, setId: string): Promise<Resolution> {
    const resolution = resolveSet(graph.sets, await loadCatalogView(this.#catalog, graph.sets), setId);
    for (const missing of resolution.missing) {
      this.#logger.warn({ set_id: setId, kind: missing.kind, id: missing.id, path: missing.path }, "missing reference");
    }
    return resolution;
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
   * ```
   */
  async deploy(owner: OwnerId, setId: string, input: DeployInput): Promise<DeployReport> {
    const { projectPath, profile, dryRun, force, prune } = parseInput(DeployInput, input);
    const started = this.#clock().getTime();
    const graph = await this.#loadGraph(owner, setId);
    const deployer = this.#requireDeployer();
    await deployer.checkTarget(projectPath);
    const resolution = await this.#resolveGraph(graph, setId);
    // Pruning needs the whole set: with a reference the catalog could not resolve (an unreadable collection looks
    // like that), what would be removed is not known to be gone, so it is only reported stale.
    const safePrune = prune && resolution.missing.length === 0;
    const request = { setId, projectPath, profile, force, prune: safePrune, artifacts: resolution.artifacts.map((resolved) => resolved.artifact) };
    const results = dryRun ? await deployer.plan(request) : await deployer.deploy(request);
    // Remembered once anything landed (or the set is empty): a deploy that failed throughout left nothing to list.
    const landed = results.length === 0 || results.some((result) => result.status !== "failed");
    if (!dryRun && landed) await this.#store.recordDeployment(owner, { setId, projectPath, profile, deployedAt: this.#clock() });
    const report = deployReport(
      { setId, setName: resolution.setName, projectPath, profile, dryRun, durationMs: this.#since(started), missing: resolution.missing },
      results,
    );
    this.#logger.info({ ...reportLogFields(report), resolved_count: resolution.artifacts.length }, dryRun ? "planned deploy" : "deployed set");
    return report;
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
  async undeploy(owner: OwnerId, setId: string, input: UndeployInput): Promise<DeployReport> {
    const { projectPath, profile, dryRun, force } = parseInput(UndeployInput, input);
    const started = this.#clock().getTime();
    const set = await this.#requireSet(owner, setId);
    const deployer = this.#requireDeployer();
    await deployer.checkTarget(projectPath);
    const request = { setId, projectPath, profile, force };
    const results = dryRun ? await deployer.planUndeploy(request) : await deployer.undeploy(request);
    // Forgotten once nothing of the set is left there: no failure, and nothing kept because the user changed it.
    if (!dryRun && results.every((result) => result.status !== "failed" && result.action !== "kept_local_changes")) {
      await this.#store.forgetDeployment(owner, setId, projectPath, profile);
    }
    const report = deployReport({ setId, setName: set.name, projectPath, profile, dryRun, durationMs: this.#since(started), missing: [] }, results);
    this.#logger.info(reportLogFields(report), dryRun ? "planned undeploy" : "undeployed set");
    return report;
  }

  /**
   * Where the set is deployed (projects and profiles the server deployed it into), most recent first.
   * @throws SetNotFoundError
   */
  async listDeployments(owner: OwnerId, setId: string): Promise<SetDeployment[]> {
    if (!isId(setId)) throw new SetNotFoundError(setId);
    return this.#store.listDeployments(owner, setId);
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
  async inventory(owner: OwnerId, query: InventoryQuery): Promise<ProjectInventory> {
    const { projectPath, profile } = parseInput(InventoryQuery, query);
    const deployer = this.#requireDeployer();
    await deployer.checkTarget(projectPath);
    const deployed = await deployer.inventory(projectPath, profile);
    const names = new Map<string, string | null>();
    for (const artifact of deployed) for (const id of artifact.setIds) if (!names.has(id)) names.set(id, null);
    for (const id of names.keys()) if (isId(id)) names.set(id, (await this.#store.getSet(owner, id))?.name ?? null);
    const artifacts = deployed.map(({ setIds, ...artifact }) => ({
      ...artifact,
      sets: setIds.flatMap((id): SetRef[] => {
        const name = names.get(id);
        return name == null ? [] : [{ id, name }];
      }),
    }));
    return { projectPath, profile, artifacts };
  }

  /**
   * Lists the catalog's artifacts (ordered by type, then name), filtered by `type` and `q` (case-insensitive
   * name substring), paged by `limit` and `offset`.
   * @throws ValidationError
   */
  async listArtifacts(query: ListArtifactsQuery = {}): Promise<Page<Artifact>> {
    const { type, q, limit, offset } = parseInput(ListArtifactsQuery, query);
    const page = await this.#catalog.listArtifacts({
      ...(type !== undefined ? { type } : {}),
      ...(q !== undefined && q !== "" ? { q } : {}),
      limit,
      offset,
    });
    return { items: page.items, total: page.total, limit, offset };
  }

  /**
   * Lists the catalog's groups in the collection's order, paged by `limit` and `offset`.
   * @throws ValidationError
   */
  async listGroups(query: ListGroupsQuery = {}): Promise<Page<Group>> {
    const { limit, offset } = parseInput(ListGroupsQuery, query);
    const page = await this.#catalog.listGroups({ limit, offset });
    return { items: page.items, total: page.total, limit, offset };
  }

  #requireDeployer(): Deployer {
    if (!this.#deployer) throw new DeployDisabledError();
    return this.#deployer;
  }

  #since(startedMs: number): number {
    return Math.max(0, this.#clock().getTime() - startedMs);
  }

  async #loadGraph(owner: OwnerId, setId: string): Promise<StoredGraph> {
    if (!isId(setId)) throw new SetNotFoundError(setId);
    const graph = await this.#store.loadGraph(owner, [setId]);
    if (!graph.roots.has(setId)) throw new SetNotFoundError(setId);
    return graph;
  }

  async #requireSet(owner: OwnerId, setId: string) {
    const set = isId(setId) ? await this.#store.getSet(owner, setId) : undefined;
    if (!set) throw new SetNotFoundError(setId);
    return set;
  }

  /** The catalog name of an artifact or group reference, `null` when the catalog does not know it. */
  async #catalogName(ref: MemberRef): Promise<string | null> {
    return (await this.#catalogEntry(ref))?.name ?? null;
  }

  /** What the catalog knows of an artifact or group reference (an artifact's canonical uuid), `null` if nothing. */
  async #catalogEntry(ref: MemberRef): Promise<{ readonly uuid: string; readonly name: string } | null> {
    if (ref.type === "artifact") return (await this.#catalog.getArtifacts([ref.id])).get(ref.id) ?? null;
    const group = (await this.#catalog.getGroups([ref.id])).get(ref.id);
    return group ? { uuid: group.id, name: group.name } : null;
  }

  async #setName(owner: OwnerId, setId: string): Promise<string | null> {
    return (await this.#store.getSet(owner, setId))?.name ?? null;
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

/** The number of distinct artifacts `setId` resolves to, `null` over the depth limit. */
function resolvedCount(graph: SetGraph, view: CatalogView, setId: string): number | null {
  if (!graph.has(setId)) return null;
  try {
    return resolveSet(graph, view, setId).artifacts.length;
  } catch (error) {
    if (hasErrorCode(error, "depth_limit_exceeded")) return null;
    throw error;
  }
}

/** The set of `graph` with its members (named) and counts. */
function details(graph: StoredGraph, view: CatalogView, setId: string): SetDetails {
  const members = memberViews(graph, view, setId);
  return { ...graph.roots.get(setId)!.set, memberCount: members.length, resolvedCount: resolvedCount(graph.sets, view, setId), members };
}

/** The members of `setId` in `graph`, each with the referenced thing's name. */
function memberViews(graph: StoredGraph, view: CatalogView, setId: string): MemberView[] {
  return graph.roots.get(setId)!.members.map((member): MemberView => {
    const { ref } = member;
    const name =
      ref.type === "artifact"
        ? view.artifacts.get(ref.id)?.name
        : ref.type === "group"
          ? view.groups.get(ref.id)?.name
          : graph.sets.get(ref.id)?.name;
    return { id: member.id, setId: member.setId, ref, position: member.position, addedAt: member.addedAt, name: name ?? null };
  });
}
