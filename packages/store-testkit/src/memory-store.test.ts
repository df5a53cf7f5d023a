import { MemoryStore } from "@deployment-sets/core";
import { describeStoreConformance } from "./index.js";

describeStoreConformance("MemoryStore", {
  create: async () => new MemoryStore(),
  destroy: (store) => store.close(),
});
