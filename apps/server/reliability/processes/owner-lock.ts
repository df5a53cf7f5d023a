import pg from "pg";

/** A direct PostgreSQL connection holding one owner's graph lock: a stalled server instance, as the store sees it. */
export interface HeldOwnerLock {
  /** Rolls back (which releases the lock) and closes the connection. */
  release(): Promise<void>;
}

/**
 * Takes `owner`'s graph lock the way the PostgreSQL store does (packages/store-postgres/src/transactions.ts:
 * `pg_advisory_xact_lock(hashtext(owner))` inside a transaction) on a connection of its own, and holds it until
 * released.
 */
export async function holdOwnerLock(url: string, owner: string): Promise<HeldOwnerLock> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("begin");
  await client.query("select pg_advisory_xact_lock(hashtext($1))", [owner]);
  return {
    async release() {
      try {
        await client.query("rollback");
      } finally {
        await client.end();
      }
    },
  };
}
