import { defineConfig, mergeConfig } from "vitest/config";
import { sharedVitestConfig } from "../../vitest.shared.js";

// Type tests (`*.test-d.ts`) run with vitest's typecheck mode beside the ordinary tests.
export default mergeConfig(sharedVitestConfig, defineConfig({ test: { typecheck: { enabled: true, include: ["src/**/*.test-d.ts"] } } }));
