import { defineConfig, mergeConfig } from "vitest/config";
import { sharedVitestConfig } from "../../vitest.shared.js";

export default mergeConfig(
  sharedVitestConfig,
  defineConfig({
    test: {
      // Creates one throwaway database per run when PG_URL is set, drops it afterwards.
      globalSetup: ["test/support/global-setup.ts"],
    },
  }),
);
