import { defineConfig } from "tsup";
import { baseTsupConfig } from "../../tsup.config.base.js";

export default defineConfig({
  ...baseTsupConfig,
  entry: ["src/index.ts", "src/main.ts", "src/gen-openapi.ts"],
  dts: { entry: "src/index.ts", compilerOptions: { ignoreDeprecations: "6.0" } },
});
