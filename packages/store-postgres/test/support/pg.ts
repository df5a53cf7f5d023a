import { inject } from "vitest";
import { PostgresStore, type PostgresStoreOptions } from "../../src/index.js";
import { dropSchema, randomName } from "./databases.js";

/** This run's throwaway database URL (`""` when PG_URL is unset: the suites skip). */
export const pgUrl: string = inject("pgTestUrl");

/** True when the PostgreSQL suites must skip (PG_URL unset; the global setup said so once). */
export const noPg = pgUrl === "";

/** A store on a schema of its own in this run's database, and how to get rid of both. */
export interface SchemaStore {
  readonly store: PostgresStore;
  readonly schema: string;
  /** Opens one more store (another pool) on the same schema. */
  another(options?: Partial<PostgresStoreOptions>): PostgresStore;
  /** Closes every store opened here and drops the schema. */
  dispose(): Promise<void>;
}

/** A fresh, initialised store on a new schema. */
export async function schemaStore(options: Partial<PostgresStoreOptions> = {}): Promise<SchemaStore> {
  const schema = randomName("s");
  const stores: PostgresStore[] = [];
  const another = (more: Partial<PostgresStoreOptions> = {}) => {
    const store = new PostgresStore({ connectionString: pgUrl, schema, ...options, ...more });
    stores.push(store);
    return store;
  };
  const store = another();
  await store.init();
  return {
    store,
    schema,
    another,
    dispose: async () => {
      await Promise.all(stores.map((s) => s.close()));
      await dropSchema(pgUrl, schema);
    },
  };
}
