import type { DeploymentSet, DeployProfile, Member, MemberRef, OwnerId, SetFields, SetPatch } from "../domain/model.js";
import type { GraphSet, SetGraph } from "../resolver/graph.js";

/** Where a set is deployed: one project folder and assistant profile, and when it was last deployed there. */
export interface SetDeployment {
  /** The set. */
  readonly setId: string;
  /** The project folder, as the deploy named it. */
  readonly projectPath: string;
  /** The assistant layout it was deployed for. */
  readonly profile: DeployProfile;
  /** When it was last deployed there (millisecond precision). */
  readonly deployedAt: Date;
}

/** A root of a loaded graph: the set's record and its member rows in position order. */
export interface StoredGraphSet extends GraphSet {
  /** The set itself. */
  readonly set: DeploymentSet;
  /** Its members in position order. */
  readonly members: readonly Member[];
}

/**
 * What {@link DeploymentSetStore.loadGraph} returns: the roots in full, and everything reachable from them in the
 * shape the resolver reads. Only the roots carry records and member rows: nothing a resolution or a count needs
 * lives in a nested set's record, and building 100,000 member rows nobody reads would cost more than the query.
 */
export interface StoredGraph {
  /** The roots the owner has (unknown ones left out), in the order asked, each with its record and member rows. */
  readonly roots: ReadonlyMap<string, StoredGraphSet>;
  /**
   * Every set reachable from the roots through nested-set members, the roots included: id, name and member
   * references in position order. A root may be the same object here and in `roots`.
   */
  readonly sets: SetGraph;
}

/** Filters and page of {@link DeploymentSetStore.listSets}. */
export interface StoreListQuery {
  /** Case-folded substring the folded name must contain (compared literally: `%`, `_`, `\` are plain). */
  readonly nameContains?: string;
  /** Case-folded tag one of the folded tags must equal. */
  readonly tag?: string;
  /** Page size. */
  readonly limit: number;
  /** Entries to skip. */
  readonly offset: number;
}

/** A page of sets and the total number matching the filters. */
export interface StorePage<T> {
  /** The entries of this page. */
  readonly items: readonly T[];
  /** How many sets match, over all pages. */
  readonly total: number;
}

/** A new set to store; the service assigns the id and the time. */
export interface NewSet extends SetFields {
  /** The new id, assigned by the service. */
  readonly id: string;
  /** Creation time; also the first `updatedAt`. */
  readonly createdAt: Date;
}

/** A new member to store; the service assigns the id and the time. */
export interface NewMember {
  /** The new id, assigned by the service. */
  readonly id: string;
  /** What it points at. */
  readonly ref: MemberRef;
  /** When it was added. */
  readonly addedAt: Date;
}

/**
 * What an adapter has loaded, inside its write transaction, before an add-member insert: the input of core's
 * {@link DecideAddMember}.
 */
export interface AddMemberContext {
  /** The target set, or `undefined` when it does not exist for this owner. */
  readonly set: DeploymentSet | undefined;
  /** The target's number of direct members. */
  readonly memberCount: number;
  /** The id of the target's direct member holding the same reference, if any. */
  readonly existingMemberId: string | undefined;
  /**
   * For a nested-set reference: every set of this owner reachable from the referenced set (it included, when it
   * exists for this owner; an empty map when it does not), with ids and names. Its members may be limited to the nested-set members (all the
   * cycle check reads), so an adapter can load just the set-to-set edges. `undefined` for artifact and group
   * references.
   */
  readonly graph: SetGraph | undefined;
}

/** Core's verdict on an add: where to insert. Rejections are thrown as core errors instead. */
export interface AddMemberDecision {
  /** The final position, 0..memberCount. */
  readonly position: number;
}

/**
 * Core's add-member rules (set exists, reference exists, no duplicate, member limit, no cycle), run by the
 * adapter inside its write transaction. It throws the matching core error or returns where to insert. It is
 * synchronous and does no I/O, so an adapter can call it inside a synchronous transaction.
 */
export type DecideAddMember = (context: AddMemberContext) => AddMemberDecision;

/**
 * The storage port: every set and member of every owner. Adapters (in-memory, SQLite, PostgreSQL) implement it
 * and must pass `@deployment-sets/store-testkit`'s conformance suite.
 *
 * Contracts every implementation keeps:
 * - **Owner scoping**: every method takes the owner first and never reads, lists, changes or returns another
 *   owner's sets or members. Another owner's set behaves exactly like a missing one, including as a nested
 *   reference and in {@link DeploymentSetStore.loadGraph}.
 * - **Ordering**: members come in position order and a set's positions are always the dense 0..n-1 after every
 *   operation, including deletes of nested sets. Lists are newest first: `createdAt` descending, then creation
 *   sequence descending (a counter the store keeps so sets created in the same millisecond keep their order).
 * - **Atomicity**: every method is one transaction; nothing partial is ever observable (a clone of 10,000
 *   members included). {@link DeploymentSetStore.addMember} runs core's decision and the insert in one
 *   transaction that concurrent writers (other instances of the adapter, other processes) cannot interleave, so
 *   two racing adds can never create a cycle or a duplicate.
 * - **Errors**: only core errors leave an adapter: `set_not_found` / `member_not_found` as documented per method,
 *   `duplicate_member` for a unique-index violation (with the existing member's id), `storage_unavailable` when
 *   the database cannot be reached, `internal_error` (driver error as `cause`) for anything else.
 * - `updatedAt` of a set is set to the given `now` by every method that really changes the set or its direct
 *   members (and by nothing else).
 */
export interface DeploymentSetStore {
  /** Prepares the store (migrations, pools). Idempotent; safe from several processes at once. */
  init(): Promise<void>;
  /** Releases every resource (connections, pools). Later calls fail with `storage_unavailable`. */
  close(): Promise<void>;

  /** Stores a new set with no members and returns it. */
  createSet(owner: OwnerId, set: NewSet): Promise<DeploymentSet>;
  /** The set, or `undefined` when it does not exist for this owner. */
  getSet(owner: OwnerId, setId: string): Promise<DeploymentSet | undefined>;
  /** A page of the owner's sets matching the filters, newest first, and the total matching. */
  listSets(owner: OwnerId, query: StoreListQuery): Promise<StorePage<DeploymentSet>>;
  /**
   * Applies `patch` (absent keys unchanged) and sets `updatedAt` to `now`. The service only calls it with a
   * patch that really changes something.
   * @throws SetNotFoundError
   */
  updateSet(owner: OwnerId, setId: string, patch: SetPatch, now: Date): Promise<DeploymentSet>;
  /**
   * Deletes the set and its members and removes it from every set that contains it, closing the gaps there and
   * setting those parents' `updatedAt` to `now`.
   * @throws SetNotFoundError
   */
  deleteSet(owner: OwnerId, setId: string, now: Date): Promise<void>;
  /**
   * Copies the set's fields (with `name` replaced) and its direct members in order into a new set `clone.id`,
   * in one transaction. Members get ids from `clone.newMemberId` and `addedAt` = `clone.createdAt`.
   * @throws SetNotFoundError
   */
  cloneSet(
    owner: OwnerId,
    sourceId: string,
    clone: { readonly id: string; readonly name: string; readonly createdAt: Date; readonly newMemberId: () => string },
  ): Promise<DeploymentSet>;

  /**
   * The set's members in position order.
   * @throws SetNotFoundError
   */
  listMembers(owner: OwnerId, setId: string): Promise<Member[]>;
  /**
   * In one write transaction: loads the {@link AddMemberContext}, calls `decide` (which throws core errors), inserts
   * the member at the decided position (shifting later members down) and sets the set's `updatedAt` to
   * `member.addedAt`. A unique-index violation from a racing duplicate becomes `duplicate_member`.
   * @throws whatever `decide` throws (unchanged); SetNotFoundError when the set is missing even though `decide`
   *   accepted; DuplicateMemberError (with the existing member's id) when the unique index rejects the insert;
   *   InternalError when `decide` returns a position outside 0..memberCount
   */
  addMember(owner: OwnerId, setId: string, member: NewMember, decide: DecideAddMember): Promise<Member>;
  /**
   * Removes the member and closes the gap; sets the set's `updatedAt` to `now`.
   * @throws SetNotFoundError, then MemberNotFoundError (also for a member of another set)
   */
  removeMember(owner: OwnerId, setId: string, memberId: string, now: Date): Promise<void>;
  /**
   * Moves the member to `position` (>= 0; clamped to the last position), the others closing ranks, and returns it with
   * its final position. Sets `updatedAt` to `now` only when the position really changed.
   * @throws SetNotFoundError, then MemberNotFoundError
   */
  moveMember(owner: OwnerId, setId: string, memberId: string, position: number, now: Date): Promise<Member>;

  /**
   * The owner's sets in `rootIds` with their records and member rows, and every set of this owner reachable from
   * them through nested-set members (the roots included) with its name and member references, from one snapshot
   * and in a bounded number of round trips (never one per level). Unknown roots and another owner's sets are left
   * out, and a nested-set member pointing at another owner's set is never followed.
   */
  loadGraph(owner: OwnerId, rootIds: readonly string[]): Promise<StoredGraph>;

  /**
   * Remembers that the set was deployed into `deployment.projectPath` for `deployment.profile` (one entry per
   * project and profile; a later deploy replaces `deployedAt`). Deleting the set forgets its deployments.
   * @throws SetNotFoundError
   */
  recordDeployment(owner: OwnerId, deployment: SetDeployment): Promise<void>;
  /** Forgets the set's deployment into `projectPath` for `profile` (nothing when there is none). */
  forgetDeployment(owner: OwnerId, setId: string, projectPath: string, profile: DeployProfile): Promise<void>;
  /**
   * Where the set is deployed, most recent first (ties by project folder, then profile).
   * @throws SetNotFoundError
   */
  listDeployments(owner: OwnerId, setId: string): Promise<SetDeployment[]>;
}
