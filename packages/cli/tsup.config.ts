import { defineConfig } from "tsup";
import { baseTsupConfig } from "../../tsup.config.base.js";

// One bundle with the library packages and their pure-JS dependencies inside: a CLI pays for every module it
// loads at start (kysely alone is ~170 ms as 100+ files), so `deployment-sets` loads a few chunks, and what only
// some commands need (the collection reader, the SDK, PostgreSQL) is split out and loaded on first use. Better-sqlite3 (native) and the
// PostgreSQL driver stay dependencies.
export default defineConfig({
  ...baseTsupConfig,
  entry: ["src/bin.ts", "src/index.ts"],
  splitting: true,
  // Bundled dependencies have no sources to map to; a stack trace names the bundled function.
  sourcemap: false,
  minify: true,
  noExternal: [/^(?!better-sqlite3$|pg$)/],
  external: ["better-sqlite3", "pg"],
  // The bundled CommonJS modules (jsonc-parser, yaml) call require() for Node's built-ins.
  banner: { js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);' },
  dts: { entry: "src/index.ts", compilerOptions: { ignoreDeprecations: "6.0" } },
});
