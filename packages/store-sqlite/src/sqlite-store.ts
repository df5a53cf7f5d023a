import { setTimeout } from "node:timers/promises";
import { DuplicateMemberError, InternalError, SetNotFoundError, StorageUnavailableError, type DeploymentSet, type DeployProfile, type Member, type OwnerId, type SetDeployment, type SetPatch } from "@deployment-sets/core";
import { checkDecidedPosition, type DecideAddMember, type DeploymentSetStore, type NewMember, type NewSet, type StoredGraph, type StoreListQuery, type StorePage } from "@deployment-sets/core/ports";
import {
  addMemberContext,
  copyTags,
  countMembers,
  deleteDeployment,
  deleteSetRow,
  insertSet,
  memberInsertion,
  memberMove,
  memberRemoval,
  movedPosition,
  newMemberRecord,
  newSetRecord,
  ownedDeployments,
  ownedMember,
  ownedMembers,
  selectAddTarget,
  selectMemberByRef,
  selectOwnedDeployments,
  selectOwnedMember,
  selectOwnedMembers,
  selectSet,
  setCreation,
  shiftPositions,
  tagReplacement,
  toDeployment,
  toDeploymentSet,
  toMember,
  touchSets,
  updateSetFields,
} from "@deployment-sets/store-sql";
import { BUSY_SLICE_MS, connect, DEFAULT_BUSY_TIMEOUT_MS, disconnect, type Context, type SqliteStoreOptions } from "./connection.js";
import { upsertDeployment } from "./deployment-queries.js";
import { isBusy, isUniqueViolation, translateError } from "./errors.js";
import { edgeDocument, graphDocument, nestsASet, parseEdgeDocument, parseGraphDocument, parseRootDocument, rootDocument } from "./graph-queries.js";
import { copyMembers } from "./member-copy-query.js";
import { NestingHints } from "./nesting-hints.js";
import { deleteReferences } from "./parent-queries.js";
import { selectSetExists } from "./set-exists-query.js";
import { countSets, listSetsPage } from "./set-list-queries.js";
import { SQLITE_STORE_DIALECT as DIALECT } from "./sqlite-store-dialect.js";

/**
 * The SQLite {@link DeploymentSetStore} (the embedded default), over better-sqlite3 with kysely-built queries.
 *
 * - Every method is one transaction; writers take SQLite's write lock up front (`begin immediate`), so the
 *   add-member check and insert cannot interleave with another writer, in this process or another one sharing
 *   the file.
 * - A resolution's graph loads in at most two statements whatever its depth: the root's own row and members,
 *   then (only when it nests a set) a recursive query for the reachable sets, returning them and their members
 *   as JSON documents. A set that nests nothing is read by the first alone; a set that nested one when last
 *   read, by the second alone.
 * - A file database's WAL is checkpointed on a timer between operations (`checkpointIntervalMs` after a write),
 *   never inside a commit, and truncated when it grows past `walSizeLimitBytes`; `close()` checkpoints it.
 * - Driver errors leave as core errors: `duplicate_member`, `storage_unavailable` (busy, locked, unopenable or
 *   closed database) or `internal_error` with the driver error as `cause`.
 *
 * {@link SqliteStore.init} opens the database and migrates it (safe when several processes start at once);
 * other methods call it on first use.
 *
 * @example
 * ```ts
 * import { DeploymentSets, MemoryCatalog } from "@deployment-sets/core";
 * import { SqliteStore } from "@deployment-sets/store-sqlite";
 *
 * const store = new SqliteStore({ filename: "deployment-sets.db" });
 * await store.init();
 * const sets = new DeploymentSets({ store, catalog: new MemoryCatalog() });
 * // ...
 * await store.close();
 * ```
 */
export class SqliteStore implements DeploymentSetStore {
  readonly #options: SqliteStoreOptions;
  readonly #busyTimeoutMs: number;
  #context: Context | undefined;
  #opening: Promise<Context> | undefined;
  #closed = false;
  readonly #nesting = new NestingHints();

  /** @param options - a file name (or `":memory:"`), or an open better-sqlite3 handle; nothing is opened yet */
  constructor(options: SqliteStoreOptions) {
    this.#options = options;
    this.#busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  }

  /** Opens the database and applies pending migrations. Idempotent; safe from several processes at once. */
  async init(): Promise<void> {
    await this.#op("init", () => undefined);
  }

  /** Closes the database (unless the caller passed its own handle). Later calls fail with `storage_unavailable`. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const context = this.#context ?? (await this.#opening?.catch(() => undefined));
    this.#context = undefined;
    if (!context) return;
    try {
      await disconnect(context);
    } catch (error) {
      throw translateError(error, "close");
    }
  }

  async createSet(owner: OwnerId, input: NewSet): Promise<DeploymentSet> {
    return this.#op("createSet", ({ db, sql }) =>
      sql.write(() => {
        sql.runAll(setCreation(db, DIALECT, owner, input));
        return newSetRecord(owner, input);
      }),
    );
  }

  async getSet(owner: OwnerId, setId: string): Promise<DeploymentSet | undefined> {
    return this.#op("getSet", ({ db, sql }) => {
      const row = sql.first(selectSet(db, DIALECT, owner, setId));
      return row && toDeploymentSet(row, DIALECT);
    });
  }

  async listSets(owner: OwnerId, query: StoreListQuery): Promise<StorePage<DeploymentSet>> {
    return this.#op("listSets", ({ db, sql }) =>
      sql.read(() => ({
        items: sql.all(listSetsPage(db, owner, query)).map((row) => toDeploymentSet(row, DIALECT)),
        total: sql.first(countSets(db, owner, query))?.total ?? 0,
      })),
    );
  }

  async updateSet(owner: OwnerId, setId: string, patch: SetPatch, now: Date): Promise<DeploymentSet> {
    return this.#op("updateSet", ({ db, sql }) =>
      sql.write(() => {
        if (sql.run(updateSetFields(db, owner, setId, patch, now)) === 0) throw new SetNotFoundError(setId);
        if (patch.tags !== undefined) sql.runAll(tagReplacement(db, setId, patch.tags));
        return toDeploymentSet(sql.first(selectSet(db, DIALECT, owner, setId))!, DIALECT);
      }),
    );
  }

  async deleteSet(owner: OwnerId, setId: string, now: Date): Promise<void> {
    return this.#op("deleteSet", (context) =>
      context.sql.write(() => {
        const { db, sql } = context;
        requireSet(context, owner, setId);
        const removed = sql.all(deleteReferences(db, owner, setId));
        for (const { set_id, position } of removed) sql.run(shiftPositions(db, set_id, -1, position + 1));
        const touch = touchSets(db, DIALECT, removed.map((r) => r.set_id), now);
        if (touch) sql.run(touch);
        sql.run(deleteSetRow(db, owner, setId));
      }),
    );
  }

  async cloneSet(
    owner: OwnerId,
    sourceId: string,
    clone: { readonly id: string; readonly name: string; readonly createdAt: Date; readonly newMemberId: () => string },
  ): Promise<DeploymentSet> {
    return this.#op("cloneSet", ({ db, sql }) =>
      sql.write(() => {
        const row = sql.first(selectSet(db, DIALECT, owner, sourceId));
        if (!row) throw new SetNotFoundError(sourceId);
        const copy: NewSet = { ...toDeploymentSet(row, DIALECT), id: clone.id, name: clone.name, createdAt: clone.createdAt };
        const count = sql.first(countMembers(db, sourceId))?.count ?? 0;
        const memberIds = Array.from({ length: count }, () => clone.newMemberId());
        sql.run(insertSet(db, DIALECT, owner, copy));
        sql.run(copyTags(db, sourceId, clone.id));
        const copied = count > 0 ? sql.run(copyMembers(db, sourceId, clone.id, memberIds, clone.createdAt)) : 0;
        // The copy pairs ids with dense positions; a gap would drop members, so it fails (and rolls back) instead.
        if (copied !== count) throw new InternalError(`cloning ${sourceId}: copied ${copied} of ${count} members (positions not dense)`);
        return newSetRecord(owner, copy);
      }),
    );
  }

  async listMembers(owner: OwnerId, setId: string): Promise<Member[]> {
    return this.#op("listMembers", ({ db, sql }) =>
      ownedMembers(sql.all(selectOwnedMembers(db, owner, setId)), setId).map(toMember),
    );
  }

  async addMember(owner: OwnerId, setId: string, member: NewMember, decide: DecideAddMember): Promise<Member> {
    return this.#op("addMember", ({ db, sql }) =>
      sql.write(() => {
        const target = sql.first(selectAddTarget(db, DIALECT, owner, setId, member.ref));
        const graph = member.ref.type === "set" ? parseEdgeDocument(sql.first(edgeDocument(db, owner, member.ref.id))!) : undefined;
        const { position } = decide(addMemberContext(target, DIALECT, graph));
        if (!target) throw new SetNotFoundError(setId);
        checkDecidedPosition(position, target.member_count);
        try {
          sql.runAll(memberInsertion(db, setId, member, position, target.member_count));
        } catch (error) {
          // The unique index catches a duplicate that `decide` let through.
          const existing = isUniqueViolation(error) ? sql.first(selectMemberByRef(db, setId, member.ref)) : undefined;
          if (existing) throw new DuplicateMemberError(existing.id, { cause: error });
          throw error;
        }
        return newMemberRecord(setId, member, position);
      }),
    );
  }

  async removeMember(owner: OwnerId, setId: string, memberId: string, now: Date): Promise<void> {
    return this.#op("removeMember", ({ db, sql }) =>
      sql.write(() => {
        const { member } = ownedMember(sql.first(selectOwnedMember(db, owner, setId, memberId)), setId, memberId);
        sql.runAll(memberRemoval(db, member, now));
      }),
    );
  }

  async moveMember(owner: OwnerId, setId: string, memberId: string, position: number, now: Date): Promise<Member> {
    return this.#op("moveMember", ({ db, sql }) =>
      sql.write(() => {
        const { member, count } = ownedMember(sql.first(selectOwnedMember(db, owner, setId, memberId)), setId, memberId);
        const target = movedPosition(position, count);
        sql.runAll(memberMove(db, member, target, now));
        return toMember({ ...member, position: target });
      }),
    );
  }

  async loadGraph(owner: OwnerId, rootIds: readonly string[]): Promise<StoredGraph> {
    return this.#op("loadGraph", ({ db, sql }) => {
      if (rootIds.length === 0) return { roots: new Map(), sets: new Map() };
      if (rootIds.length !== 1) return parseGraphDocument(sql.first(graphDocument(db, owner, rootIds))!);
      // One root: its own row first, unless it nested a set when last read; only a root that nests a set needs
      // the walk (a complete read of its own, so the graph still comes from one snapshot).
      const rootId = rootIds[0]!;
      if (!this.#nesting.nests(rootId)) {
        const found = sql.first(rootDocument(db, owner, rootId));
        if (found === undefined) return { roots: new Map(), sets: new Map() };
        const graph = parseRootDocument(found);
        if (graph !== null) return graph;
      }
      const graph = parseGraphDocument(sql.first(graphDocument(db, owner, rootIds))!);
      const root = graph.roots.get(rootId);
      this.#nesting.record(rootId, root !== undefined && nestsASet(root));
      return graph;
    });
  }

  async recordDeployment(owner: OwnerId, deployment: SetDeployment): Promise<void> {
    return this.#op("recordDeployment", (context) =>
      context.sql.write(() => {
        requireSet(context, owner, deployment.setId);
        context.sql.run(upsertDeployment(context.db, owner, deployment));
      }),
    );
  }

  async forgetDeployment(owner: OwnerId, setId: string, projectPath: string, profile: DeployProfile): Promise<void> {
    return this.#op("forgetDeployment", ({ db, sql }) => {
      sql.run(deleteDeployment(db, owner, setId, projectPath, profile));
    });
  }

  async listDeployments(owner: OwnerId, setId: string): Promise<SetDeployment[]> {
    return this.#op("listDeployments", ({ db, sql }) =>
      ownedDeployments(sql.all(selectOwnedDeployments(db, owner, setId)), setId).map(toDeployment),
    );
  }

  /**
   * Runs `fn` on the open database, translating whatever it throws into core errors. When another connection
   * holds the lock, SQLite waits at most {@link BUSY_SLICE_MS} inside the (synchronous) call; `fn` is then run
   * again after an asynchronous pause, until `busyTimeoutMs` has passed, so a long foreign lock never blocks the
   * event loop. Running `fn` again is safe: it is one transaction, rolled back when it fails.
   */
  async #op<T>(operation: string, fn: (context: Context) => T): Promise<T> {
    let deadline: number | undefined;
    for (let attempt = 0; ; attempt++) {
      try {
        return fn(this.#context ?? (await this.#open()));
      } catch (error) {
        if (!isBusy(error)) throw translateError(error, operation);
        deadline ??= performance.now() + this.#busyTimeoutMs;
        if (performance.now() >= deadline) throw translateError(error, operation);
        await setTimeout(Math.min(BUSY_SLICE_MS, 2 ** attempt));
      }
    }
  }

  async #open(): Promise<Context> {
    if (this.#closed) throw new StorageUnavailableError({ cause: new Error("the SQLite store is closed") });
    this.#opening ??= connect(this.#options, this.#busyTimeoutMs).then(
      (context) => {
        if (!this.#closed) this.#context = context;
        return context;
      },
      (error: unknown) => {
        this.#opening = undefined; // a later call may retry
        throw error;
      },
    );
    const context = await this.#opening;
    if (this.#closed) throw new StorageUnavailableError({ cause: new Error("the SQLite store is closed") });
    return context;
  }
}

/**
 * Creates a {@link SqliteStore} and initialises it (opens the database, applies migrations).
 *
 * @example
 * ```ts
 * const store = await createSqliteStore({ filename: ":memory:" });
 * ```
 */
export async function createSqliteStore(options: SqliteStoreOptions): Promise<SqliteStore> {
  const store = new SqliteStore(options);
  await store.init();
  return store;
}

function requireSet(context: Context, owner: OwnerId, setId: string): void {
  if (!context.sql.first(selectSetExists(context.db, owner, setId))) throw new SetNotFoundError(setId);
}
