import type { DeploymentSet, DeployProfile, Member, MemberRef, OwnerId, SetPatch } from "../domain/model.js";
import {
  DuplicateMemberError,
  MemberNotFoundError,
  SetNotFoundError,
  StorageUnavailableError,
} from "../errors/errors.js";
import type {
  DecideAddMember,
  DeploymentSetStore,
  NewMember,
  SetDeployment,
  NewSet,
  StoredGraph,
  StoredGraphSet,
  StoreListQuery,
  StorePage,
} from "../ports/deployment-set-store.js";
import { foldCase } from "../domain/text.js";
import type { GraphSet } from "../resolver/graph.js";
import { checkDecidedPosition } from "../ports/decided-position.js";

interface StoredMember {
  readonly id: string;
  readonly ref: MemberRef;
  readonly addedAt: Date;
}

interface StoredSet {
  set: DeploymentSet;
  readonly seq: number;
  /** In position order: a member's position is its index. */
  members: StoredMember[];
  /** Where it is deployed, most recent first. */
  deployments: SetDeployment[];
}

/**
 * A {@link DeploymentSetStore} held in memory: a real, complete implementation (it passes the conformance
 * suite), for embedders, examples and tests. Every method runs synchronously between two awaits, so each is
 * atomic and the add-member check + insert cannot interleave. Nothing survives the process.
 *
 * @example
 * ```ts
 * const sets = new DeploymentSets({ store: new MemoryStore(), catalog });
 * ```
 */
export class MemoryStore implements DeploymentSetStore {
  readonly #owners = new Map<OwnerId, Map<string, StoredSet>>();
  #seq = 0;
  #closed = false;

  /** Nothing to prepare. */
  async init(): Promise<void> {}

  /** Drops every set; later calls fail. */
  async close(): Promise<void> {
    this.#owners.clear();
    this.#closed = true;
  }

  async createSet(owner: OwnerId, input: NewSet): Promise<DeploymentSet> {
    const sets = this.#sets(owner, true);
    const set: DeploymentSet = {
      id: input.id,
      ownerId: owner,
      name: input.name,
      description: input.description,
      icon: input.icon,
      color: input.color,
      tags: [...input.tags],
      createdAt: input.createdAt,
      updatedAt: input.createdAt,
    };
    sets.set(set.id, { set, seq: ++this.#seq, members: [], deployments: [] });
    return set;
  }

  async getSet(owner: OwnerId, setId: string): Promise<DeploymentSet | undefined> {
    return this.#sets(owner).get(setId)?.set;
  }

  async listSets(owner: OwnerId, query: StoreListQuery): Promise<StorePage<DeploymentSet>> {
    const matching = [...this.#sets(owner).values()].filter(
      ({ set }) =>
        (query.nameContains === undefined || foldCase(set.name).includes(query.nameContains)) &&
        (query.tag === undefined || set.tags.some((tag) => foldCase(tag) === query.tag)),
    );
    matching.sort((a, b) => b.set.createdAt.getTime() - a.set.createdAt.getTime() || b.seq - a.seq);
    const items = matching.slice(query.offset, query.offset + query.limit).map(({ set }) => set);
    return { items, total: matching.length };
  }

  async updateSet(owner: OwnerId, setId: string, patch: SetPatch, now: Date): Promise<DeploymentSet> {
    const stored = this.#require(owner, setId);
    stored.set = { ...stored.set, ...patch, tags: [...(patch.tags ?? stored.set.tags)], updatedAt: now };
    return stored.set;
  }

  async deleteSet(owner: OwnerId, setId: string, now: Date): Promise<void> {
    const sets = this.#sets(owner);
    this.#require(owner, setId);
    sets.delete(setId);
    for (const parent of sets.values()) {
      const kept = parent.members.filter((m) => !(m.ref.type === "set" && m.ref.id === setId));
      if (kept.length === parent.members.length) continue;
      parent.members = kept;
      parent.set = { ...parent.set, updatedAt: now };
    }
  }

  async cloneSet(
    owner: OwnerId,
    sourceId: string,
    clone: { readonly id: string; readonly name: string; readonly createdAt: Date; readonly newMemberId: () => string },
  ): Promise<DeploymentSet> {
    const source = this.#require(owner, sourceId);
    const set: DeploymentSet = {
      ...source.set,
      id: clone.id,
      name: clone.name,
      tags: [...source.set.tags],
      createdAt: clone.createdAt,
      updatedAt: clone.createdAt,
    };
    const members = source.members.map((m) => ({ id: clone.newMemberId(), ref: m.ref, addedAt: clone.createdAt }));
    this.#sets(owner, true).set(set.id, { set, seq: ++this.#seq, members, deployments: [] });
    return set;
  }

  async listMembers(owner: OwnerId, setId: string): Promise<Member[]> {
    return membersOf(this.#require(owner, setId));
  }

  async addMember(owner: OwnerId, setId: string, member: NewMember, decide: DecideAddMember): Promise<Member> {
    const stored = this.#sets(owner).get(setId);
    const existing = stored?.members.find((m) => m.ref.type === member.ref.type && m.ref.id === member.ref.id);
    const { position } = decide({
      set: stored?.set,
      memberCount: stored?.members.length ?? 0,
      existingMemberId: existing?.id,
      graph: member.ref.type === "set" ? this.#graph(owner, [member.ref.id]).sets : undefined,
    });
    if (!stored) throw new SetNotFoundError(setId);
    if (existing) throw new DuplicateMemberError(existing.id);
    checkDecidedPosition(position, stored.members.length);
    stored.members.splice(position, 0, { id: member.id, ref: member.ref, addedAt: member.addedAt });
    stored.set = { ...stored.set, updatedAt: member.addedAt };
    return toMember(stored, position);
  }

  async removeMember(owner: OwnerId, setId: string, memberId: string, now: Date): Promise<void> {
    const stored = this.#require(owner, setId);
    const index = stored.members.findIndex((m) => m.id === memberId);
    if (index < 0) throw new MemberNotFoundError(memberId);
    stored.members.splice(index, 1);
    stored.set = { ...stored.set, updatedAt: now };
  }

  async moveMember(owner: OwnerId, setId: string, memberId: string, position: number, now: Date): Promise<Member> {
    const stored = this.#require(owner, setId);
    const index = stored.members.findIndex((m) => m.id === memberId);
    if (index < 0) throw new MemberNotFoundError(memberId);
    const target = Math.max(0, Math.min(position, stored.members.length - 1));
    if (target !== index) {
      const [moved] = stored.members.splice(index, 1);
      stored.members.splice(target, 0, moved!);
      stored.set = { ...stored.set, updatedAt: now };
    }
    return toMember(stored, target);
  }

  async recordDeployment(owner: OwnerId, deployment: SetDeployment): Promise<void> {
    const stored = this.#require(owner, deployment.setId);
    stored.deployments = [
      { ...deployment },
      ...stored.deployments.filter((d) => d.projectPath !== deployment.projectPath || d.profile !== deployment.profile),
    ];
  }

  async forgetDeployment(owner: OwnerId, setId: string, projectPath: string, profile: DeployProfile): Promise<void> {
    const stored = this.#sets(owner).get(setId);
    if (stored) stored.deployments = stored.deployments.filter((d) => d.projectPath !== projectPath || d.profile !== profile);
  }

  async listDeployments(owner: OwnerId, setId: string): Promise<SetDeployment[]> {
    return [...this.#require(owner, setId).deployments].sort(
      (a, b) => b.deployedAt.getTime() - a.deployedAt.getTime() || compare(a.projectPath, b.projectPath) || compare(a.profile, b.profile),
    );
  }

  async loadGraph(owner: OwnerId, rootIds: readonly string[]): Promise<StoredGraph> {
    return this.#graph(owner, rootIds);
  }

  #graph(owner: OwnerId, rootIds: readonly string[]): StoredGraph {
    const stored = this.#sets(owner);
    const roots = new Map<string, StoredGraphSet>();
    for (const id of rootIds) {
      const root = stored.get(id);
      if (root && !roots.has(id)) roots.set(id, { id, name: root.set.name, set: root.set, members: membersOf(root) });
    }
    const sets = new Map<string, GraphSet>();
    const queue = [...roots.keys()];
    for (let head = 0; head < queue.length; head++) {
      const id = queue[head]!;
      if (sets.has(id)) continue;
      const entry = stored.get(id)!;
      sets.set(id, roots.get(id) ?? { id, name: entry.set.name, members: entry.members.map(({ ref }) => ({ ref })) });
      for (const { ref } of entry.members) if (ref.type === "set" && stored.has(ref.id) && !sets.has(ref.id)) queue.push(ref.id);
    }
    return { roots, sets };
  }

  #sets(owner: OwnerId, create = false): Map<string, StoredSet> {
    if (this.#closed) throw new StorageUnavailableError({ cause: new Error("MemoryStore is closed") });
    let sets = this.#owners.get(owner);
    if (!sets) {
      sets = new Map();
      if (create) this.#owners.set(owner, sets);
    }
    return sets;
  }

  #require(owner: OwnerId, setId: string): StoredSet {
    const stored = this.#sets(owner).get(setId);
    if (!stored) throw new SetNotFoundError(setId);
    return stored;
  }
}

/** Code-unit order, as the SQL adapters compare text. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function toMember(stored: StoredSet, position: number): Member {
  const m = stored.members[position]!;
  return { id: m.id, setId: stored.set.id, ref: m.ref, position, addedAt: m.addedAt };
}

function membersOf(stored: StoredSet): Member[] {
  return stored.members.map((_, position) => toMember(stored, position));
}
