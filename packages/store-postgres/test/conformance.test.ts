import { describeStoreConformance } from "@deployment-sets/store-testkit";
import { PostgresStore } from "../src/index.js";
import { describe } from "vitest";
import { dropSchema, randomName } from "./support/databases.js";
import { noPg, pgUrl } from "./support/pg.js";

// One fresh schema per store (one per feature of the suite), dropped when the suite is done with it.
const schemas = new WeakMap<PostgresStore, string>();

describe.skipIf(noPg)("postgres", () => {
  describeStoreConformance("postgres", {
    create: async () => {
      const schema = randomName("conf");
      const store = new PostgresStore({ connectionString: pgUrl, schema, poolSize: 4 });
      schemas.set(store, schema);
      return store;
    },
    destroy: async (store) => {
      await store.close();
      await dropSchema(pgUrl, schemas.get(store as PostgresStore)!);
    },
  });
});
