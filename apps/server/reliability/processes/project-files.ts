import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { OWN_TRACKING_FILE, PROFILE_ROOTS, TRACKING_FILE } from "@deployment-sets/local";
import type { CollectionArtifact, LargeCollection } from "./large-collection.js";

/** Where Claude Code's layout puts things (docs/deploying.md). */
const ROOT = PROFILE_ROOTS.claude_code;
const TRACKING_FILES = [join(ROOT, TRACKING_FILE), join(ROOT, OWN_TRACKING_FILE)];

/** smol-toml is the deployer's dependency, not the server's: use the deployer's own copy to read its files. */
const require = createRequire(import.meta.url);
const { parse: parseToml } = createRequire(require.resolve("@deployment-sets/local"))("smol-toml") as {
  parse(text: string): { deployed?: { artifact_name?: string; artifact_type?: string; deployment_set_ids?: string[] }[] };
};

/**
 * What in `project` contradicts a deploy of `artifacts` (Claude Code layout) from `collection`: a command file
 * whose bytes differ from its source, a skill folder whose files differ from its source's, a `.mcp.json` that does
 * not parse or holds one of the servers other than written. With `complete`, a missing artifact is one too;
 * without it (right after a crash) absent is fine, half-written is not.
 */
export function projectProblems(project: string, collection: LargeCollection, artifacts: readonly CollectionArtifact[], complete: boolean): string[] {
  const problems: string[] = [];
  let mcpServers: Record<string, unknown> | undefined;
  for (const artifact of artifacts) {
    const source = join(collection.root, artifact.path);
    if (artifact.type === "command") {
      const target = join(project, ROOT, "commands", `${artifact.name}.md`);
      if (!existsSync(target)) {
        if (complete) problems.push(`${artifact.name}: missing`);
      } else if (!readFileSync(target).equals(readFileSync(source))) {
        problems.push(`${artifact.name}: ${relative(project, target)} differs from its source (${statSync(target).size} bytes)`);
      }
    } else if (artifact.type === "skill") {
      const target = join(project, ROOT, "skills", artifact.name);
      if (!existsSync(target)) {
        if (complete) problems.push(`${artifact.name}: missing`);
      } else if (!isDeepStrictEqual(folderContents(target), folderContents(source))) {
        problems.push(`${artifact.name}: ${relative(project, target)} differs from its source`);
      }
    } else {
      if (mcpServers === undefined) {
        const file = join(project, ".mcp.json");
        if (!existsSync(file)) mcpServers = {};
        else {
          try {
            mcpServers = (JSON.parse(readFileSync(file, "utf8")) as { mcpServers?: Record<string, unknown> }).mcpServers ?? {};
          } catch (error) {
            problems.push(`.mcp.json does not parse: ${String(error)}`);
            mcpServers = {};
          }
        }
      }
      const want = (JSON.parse(readFileSync(join(source, "mcp.json"), "utf8")) as { mcpServers: Record<string, unknown> }).mcpServers[artifact.name];
      const got = mcpServers[artifact.name];
      if (got === undefined) {
        if (complete) problems.push(`${artifact.name}: missing from .mcp.json`);
      } else if (!isDeepStrictEqual(got, want)) {
        problems.push(`${artifact.name}: .mcp.json holds ${JSON.stringify(got)}`);
      }
    }
  }
  return problems;
}

/** Every file below `dir` (relative path to bytes, as base64), for comparing folders. */
function folderContents(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else files[relative(dir, path)] = readFileSync(path).toString("base64");
    }
  };
  walk(dir);
  return files;
}

/** The temporary leftovers (`.ds-tmp-*`) anywhere in `project`, relative to it. */
export function temporaryLeftovers(project: string): string[] {
  const found: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.name.startsWith(".ds-tmp-")) found.push(relative(project, path));
      else if (entry.isDirectory()) walk(path);
    }
  };
  if (existsSync(project)) walk(project);
  return found;
}

/**
 * The records of the project's Claude Code tracking files, `<type>:<name>` to the sets they name
 * (`deployment_set_ids`, sorted). Throws when a tracking file does not parse.
 */
export function trackedRecords(project: string): Map<string, string[]> {
  const records = new Map<string, string[]>();
  for (const file of TRACKING_FILES) {
    const path = join(project, file);
    if (!existsSync(path)) continue;
    for (const record of parseToml(readFileSync(path, "utf8")).deployed ?? []) {
      records.set(`${record.artifact_type}:${record.artifact_name}`, [...(record.deployment_set_ids ?? [])].sort());
    }
  }
  return records;
}
