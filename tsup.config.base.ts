import type { Options } from "tsup";

/** Shared tsup settings; each package spreads these and names its own entries. */
export const baseTsupConfig: Options = {
  entry: ["src/index.ts"],
  format: ["esm"],
  sourcemap: true,
  clean: true,
  target: "node20",
  // TS 6: tsup 8.5.1 injects the deprecated `baseUrl` into its dts program (TS5101) without this.
  dts: { compilerOptions: { ignoreDeprecations: "6.0" } },
};
