import type { DeploymentSetStore } from "@deployment-sets/core/ports";
import { SqliteStore } from "@deployment-sets/store-sqlite";
import { describeStoreConformance } from "@deployment-sets/store-testkit";
import { tempDatabase, type TempDatabase } from "./temp-database.js";

const files = new WeakMap<DeploymentSetStore, TempDatabase>();

// A fresh database file (WAL) per store, removed afterwards.
describeStoreConformance("sqlite", {
  create: async () => {
    const file = tempDatabase();
    const store = new SqliteStore({ filename: file.filename });
    files.set(store, file);
    return store;
  },
  destroy: async (store) => {
    await store.close();
    files.get(store)?.remove();
  },
});

// The in-memory variant (no WAL) must behave the same.
describeStoreConformance("sqlite :memory:", {
  create: async () => new SqliteStore({ filename: ":memory:" }),
  destroy: (store) => store.close(),
});
