import { defineConfig } from "tsup";
import { baseTsupConfig } from "../../tsup.config.base.js";

export default defineConfig({ ...baseTsupConfig, entry: { index: "src/index.ts", ports: "src/ports/index.ts" } });
