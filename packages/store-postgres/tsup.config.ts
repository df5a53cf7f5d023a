import { defineConfig } from "tsup";
import { baseTsupConfig } from "../../tsup.config.base.js";

// The SQL shared with the other kysely adapter is a private workspace package: bundled in, never a dependency.
export default defineConfig({ ...baseTsupConfig, noExternal: ["@deployment-sets/store-sql"] });
