import type { OwnerId } from "@deployment-sets/core";
import type { Database } from "@deployment-sets/store-sql";
import { sql, type Kysely, type Transaction } from "kysely";
import { isRetryable } from "./errors.js";

/** How often a transaction that hit a serialization failure or a deadlock is run in all. */
const ATTEMPTS = 4;

/**
 * Runs `work` in a transaction that first takes the owner's graph lock, `pg_advisory_xact_lock(hashtext(owner))`.
 * Every transaction that changes the set graph (add, remove and move member, delete and clone set) takes it,
 * so they run one at a time per owner across every pool and process sharing the database, and each reads a
 * fresh snapshot once it holds the lock (READ COMMITTED). The lock ends with the transaction, also when the
 * client dies. Owners never wait for each other (apart from rare `hashtext` collisions). Waiting for the lock
 * gives up after `lockTimeoutMillis`.
 */
export function graphWrite<T>(
  db: Kysely<Database>,
  owner: OwnerId,
  lockTimeoutMillis: number,
  work: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    // A stalled holder (another process) must not keep this connection forever: past the timeout the wait fails
    // with lock_not_available (55P03, `storage_unavailable`) and the transaction, which wrote nothing yet, rolls back.
    // One round trip: the subquery (setting the timeout) is evaluated before the lock it wraps.
    const timeout = `${Math.max(1, Math.round(lockTimeoutMillis))}ms`;
    await sql`select pg_advisory_xact_lock(hashtext(${owner})) from (select set_config('lock_timeout', ${timeout}, true)) as timeout`.execute(trx);
    return work(trx);
  });
}

/** Runs `attempt` again (with a short jittered pause) while it fails with a serialization failure or deadlock. */
export async function withRetries<T>(attempt: () => Promise<T>): Promise<T> {
  for (let round = 1; ; round++) {
    try {
      return await attempt();
    } catch (error) {
      if (round >= ATTEMPTS || !isRetryable(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * round));
    }
  }
}
