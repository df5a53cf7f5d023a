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
  tagReplacement,
  toDeployment,
  toDeploymentSet,
  toMember,
  touchSets,
  updateSetFields,
  type Database,
} from "@deployment-sets/store-sql";
import type { Kysely, Transaction } from "kysely";
import { connect, type Connection, type QueryEvent } from "./connection.js";
import { upsertDeployment } from "./deployment-queries.js";
import { translateError, uniqueViolation } from "./errors.js";
import { allRows, firstRow, run, runAll } from "./execute.js";
import { selectGraph, selectSetEdges } from "./graph-queries.js";
import { copyMembers } from "./member-copy-query.js";
import { migrateToLatest } from "./migrations/index.js";
import { OwnerQueue } from "./owner-queue.js";
import { detachFromParents } from "./parent-queries.js";
import { POSTGRES_STORE_DIALECT as DIALECT } from "./postgres-store-dialect.js";
import { selectSetPage } from "./set-page-query.js";
import { graphWrite, withRetries } from "./transactions.js";

/** How to reach the database; see {@link PostgresStore}. */
export interface PostgresStoreOptions {
  /** A libpq-style URL, e.g. `postgres://user:password@db:5432/deployment_sets`. */
  readonly connectionString: string;
  /**
   * Most connections this store's pool opens (the server passes `DS_DB_POOL_SIZE`).
   * @defaultValue 10
   */
  readonly poolSize?: number;
  /**
   * A schema to keep the tables (and the migration bookkeeping) in, created when missing; every connection's
   * `search_path` is set to it. Lets several stores share one database, e.g. one schema per test.
   * @defaultValue the connection's default `search_path` (usually `public`)
   */
  readonly schema?: string;
  /**
   * How long to wait for a connection before failing with `storage_unavailable`.
   * @defaultValue 10000
   */
  readonly connectionTimeoutMillis?: number;
  /** Called after every statement sent to the server (logging slow queries, counting round trips). */
  readonly onQuery?: (event: QueryEvent) => void;
  /**
   * Longest a graph write (add, remove and move member, delete and clone set) waits for its turn: behind the same
   * owner's earlier writes in this process, then for the owner's lock (held by another process). Past it the write
   * fails with `storage_unavailable` having changed nothing.
   * @defaultValue 20000
   */
  readonly writeWaitMillis?: number;
}

/**
 * A {@link DeploymentSetStore} in PostgreSQL, for teams and for several server processes sharing one database.
 *
 * - `init()` migrates the database to the latest schema (forward only; kysely's migrator takes an advisory lock,
 *   so processes starting together take turns).
 * - Graph writes (add, remove and move member, delete and clone set) take a per-owner transaction-level
 *   advisory lock first, so a concurrent `A -> B` and `B -> A` can never both pass the cycle check, even from
 *   different processes. Within a process they queue per owner before taking a pooled connection, so a burst from
 *   one owner uses one connection and never starves the others; a write whose turn does not come in time
 *   (`writeWaitMillis`) fails with `storage_unavailable` having changed nothing.
 * - `loadGraph` is one statement however deep the graph is (a recursive CTE).
 * - Only core errors leave it: `storage_unavailable` when the database cannot be reached or times out,
 *   `internal_error` (driver error as `cause`) for anything unexpected.
 *
 * @example
 * ```ts
 * const store = new PostgresStore({ connectionString: process.env.DATABASE_URL!, poolSize: 10 });
 * await store.init();
 * const sets = new DeploymentSets({ store, catalog });
 * // ...
 * await store.close();
 * ```
 */
export class PostgresStore implements DeploymentSetStore {
  readonly #connection: Connection;
  readonly #db: Kysely<Database>;
  readonly #schema: string | undefined;
  readonly #writes: OwnerQueue;
  readonly #writeWaitMillis: number;
  #initialized: Promise<void> | undefined;
  #closed = false;

  /** @param options - where to connect, pool size and schema; connects lazily (on `init` or the first call) */
  constructor(options: PostgresStoreOptions) {
    this.#schema = options.schema;
    this.#connection = connect({
      connectionString: options.connectionString,
      poolSize: options.poolSize ?? 10,
      schema: options.schema,
      connectionTimeoutMillis: options.connectionTimeoutMillis ?? 10_000,
      onQuery: options.onQuery,
    });
    this.#db = this.#connection.db;
    this.#writeWaitMillis = options.writeWaitMillis ?? 20_000;
    this.#writes = new OwnerQueue(this.#writeWaitMillis);
  }

  /** Runs the pending migrations. Idempotent, and safe from several processes at once. */
  init(): Promise<void> {
    this.#initialized ??= this.#run("init", async () => {
      await migrateToLatest(this.#db, this.#schema);
    }).catch((error: unknown) => {
      this.#initialized = undefined;
      throw error;
    });
    return this.#initialized;
  }

  /** Ends the pool once every running query is done. Later calls fail with `internal_error`. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#db.destroy();
  }

  async createSet(owner: OwnerId, set: NewSet): Promise<DeploymentSet> {
    return this.#run("createSet", () =>
      this.#db.transaction().execute(async (trx) => {
        await runAll(trx, setCreation(trx, DIALECT, owner, set));
        return newSetRecord(owner, set);
      }),
    );
  }

  async getSet(owner: OwnerId, setId: string): Promise<DeploymentSet | undefined> {
    return this.#run("getSet", async () => {
      const row = await firstRow(this.#db, selectSet(this.#db, DIALECT, owner, setId));
      return row && toDeploymentSet(row, DIALECT);
    });
  }

  async listSets(owner: OwnerId, query: StoreListQuery): Promise<StorePage<DeploymentSet>> {
    return this.#run("listSets", async () => {
      const { rows, total } = await selectSetPage(this.#db, owner, query);
      return { items: rows.map((row) => toDeploymentSet(row, DIALECT)), total };
    });
  }

  async updateSet(owner: OwnerId, setId: string, patch: SetPatch, now: Date): Promise<DeploymentSet> {
    return this.#run("updateSet", () =>
      this.#db.transaction().execute(async (trx) => {
        if ((await run(trx, updateSetFields(trx, owner, setId, patch, now))) === 0) throw new SetNotFoundError(setId);
        if (patch.tags !== undefined) await runAll(trx, tagReplacement(trx, setId, patch.tags));
        return toDeploymentSet((await firstRow(trx, selectSet(trx, DIALECT, owner, setId)))!, DIALECT);
      }),
    );
  }

  async deleteSet(owner: OwnerId, setId: string, now: Date): Promise<void> {
    return this.#run("deleteSet", () =>
      this.#graphWrite(owner, async (trx) => {
        if ((await run(trx, deleteSetRow(trx, owner, setId))) === 0) throw new SetNotFoundError(setId);
        const touch = touchSets(trx, DIALECT, await detachFromParents(trx, owner, setId), now);
        if (touch) await run(trx, touch);
      }),
    );
  }

  async cloneSet(
    owner: OwnerId,
    sourceId: string,
    clone: { readonly id: string; readonly name: string; readonly createdAt: Date; readonly newMemberId: () => string },
  ): Promise<DeploymentSet> {
    return this.#run("cloneSet", () =>
      this.#graphWrite(owner, async (trx) => {
        const row = await firstRow(trx, selectSet(trx, DIALECT, owner, sourceId));
        if (!row) throw new SetNotFoundError(sourceId);
        const copy: NewSet = { ...toDeploymentSet(row, DIALECT), id: clone.id, name: clone.name, createdAt: clone.createdAt };
        const count = (await firstRow(trx, countMembers(trx, sourceId)))?.count ?? 0;
        const memberIds = Array.from({ length: count }, () => clone.newMemberId());
        await run(trx, insertSet(trx, DIALECT, owner, copy));
        await run(trx, copyTags(trx, sourceId, clone.id));
        await copyMembers(trx, sourceId, clone.id, memberIds, clone.createdAt);
        return newSetRecord(owner, copy);
      }),
    );
  }

  async listMembers(owner: OwnerId, setId: string): Promise<Member[]> {
    return this.#run("listMembers", async () =>
      ownedMembers(await allRows(this.#db, selectOwnedMembers(this.#db, owner, setId)), setId).map(toMember),
    );
  }

  async addMember(owner: OwnerId, setId: string, member: NewMember, decide: DecideAddMember): Promise<Member> {
    return this.#run("addMember", async () => {
      try {
        return await this.#graphWrite(owner, async (trx) => {
          const target = await firstRow(trx, selectAddTarget(trx, DIALECT, owner, setId, member.ref));
          const graph = member.ref.type === "set" ? await selectSetEdges(trx, owner, member.ref.id) : undefined;
          const { position } = decide(addMemberContext(target, DIALECT, graph));
          if (!target) throw new SetNotFoundError(setId);
          if (target.existing_member_id !== null) throw new DuplicateMemberError(target.existing_member_id);
          checkDecidedPosition(position, target.member_count);
          await runAll(trx, memberInsertion(trx, setId, member, position, target.member_count));
          return newMemberRecord(setId, member, position);
        });
      } catch (error) {
        // A racing duplicate (a writer that bypassed the lock) trips the unique index: report the member it hit.
        if (REFERENCE_KEYS.has(uniqueViolation(error) ?? "")) {
          const existing = await firstRow(this.#db, selectMemberByRef(this.#db, setId, member.ref));
          if (existing !== undefined) throw new DuplicateMemberError(existing.id, { cause: error });
        }
        throw error;
      }
    });
  }

  async removeMember(owner: OwnerId, setId: string, memberId: string, now: Date): Promise<void> {
    return this.#run("removeMember", () =>
      this.#graphWrite(owner, async (trx) => {
        const { member } = await this.#requireMember(trx, owner, setId, memberId);
        await runAll(trx, memberRemoval(trx, member, now));
      }),
    );
  }

  async moveMember(owner: OwnerId, setId: string, memberId: string, position: number, now: Date): Promise<Member> {
    return this.#run("moveMember", () =>
      this.#graphWrite(owner, async (trx) => {
        const { member, count } = await this.#requireMember(trx, owner, setId, memberId);
        const target = movedPosition(position, count);
        await runAll(trx, memberMove(trx, member, target, now));
        return toMember({ ...member, position: target });
      }),
    );
  }

  async loadGraph(owner: OwnerId, rootIds: readonly string[]): Promise<StoredGraph> {
    return this.#run("loadGraph", () => selectGraph(this.#connection, owner, rootIds));
  }

  async recordDeployment(owner: OwnerId, deployment: SetDeployment): Promise<void> {
    return this.#run("recordDeployment", async () => {
      if (!(await upsertDeployment(this.#db, owner, deployment))) throw new SetNotFoundError(deployment.setId);
    });
  }

  async forgetDeployment(owner: OwnerId, setId: string, projectPath: string, profile: DeployProfile): Promise<void> {
    return this.#run("forgetDeployment", async () => {
      await run(this.#db, deleteDeployment(this.#db, owner, setId, projectPath, profile));
    });
  }

  async listDeployments(owner: OwnerId, setId: string): Promise<SetDeployment[]> {
    return this.#run("listDeployments", async () =>
      ownedDeployments(await allRows(this.#db, selectOwnedDeployments(this.#db, owner, setId)), setId).map(toDeployment),
    );
  }

  /**
   * A graph write: its turn in the owner's queue, then one transaction under the owner's lock. The lock wait gets
   * what is left of the write's wait budget.
   */
  #graphWrite<T>(owner: OwnerId, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    const queued = performance.now();
    return this.#writes.run(owner, () => {
      const left = this.#writeWaitMillis - (performance.now() - queued);
      if (left <= 0) throw new StorageUnavailableError();
      return graphWrite(this.#db, owner, left, work);
    });
  }

  /** The member under the owner's set, and the set's member count. @throws SetNotFoundError, then MemberNotFoundError */
  async #requireMember(db: Kysely<Database>, owner: OwnerId, setId: string, memberId: string) {
    return ownedMember(await firstRow(db, selectOwnedMember(db, owner, setId, memberId)), setId, memberId);
  }

  /** Runs one operation: retried on serialization failures and deadlocks, every error translated. */
  async #run<T>(operation: string, work: () => Promise<T>): Promise<T> {
    if (this.#closed) throw new InternalError(`PostgreSQL store: ${operation} called after close()`);
    try {
      return await withRetries(work);
    } catch (error) {
      throw translateError(error, operation);
    }
  }
}

/** The unique constraints that keep a reference once per set (see the initial migration). */
const REFERENCE_KEYS = new Set([
  "deployment_set_members_artifact_key",
  "deployment_set_members_group_key",
  "deployment_set_members_nested_set_key",
]);
