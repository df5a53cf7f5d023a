/**
 * Bench case `catalog.load`: opening a collection of 5,000 artifacts and 200 groups, as the server does at
 * start and on every change to `collection.toml`. A load is the whole of `CollectionCatalog.open`: stat, read,
 * parse, check every entry and every source path on disk (the sources are written too, so the symbolic-link
 * checks do the work they do on a real collection), hash the ids, and index.
 *
 * Runs at top level when imported (`bench/run.ts`) or run directly
 * (`node --expose-gc --import tsx bench/catalog-load.ts`). Prints exactly one `BENCH {json}` line on stdout;
 * progress goes to stderr. A missed target is reported, not fatal; a load that does not produce the expected
 * catalog exits non-zero.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { collectGarbage, median, progressFor, report, round, startClocks, type RunTime } from "@deployment-sets/bench-fixtures";
import { ARTIFACT_TYPES, type ArtifactType } from "@deployment-sets/core";
import { CollectionCatalog } from "../src/catalog/index.js";

const ARTIFACTS = 5_000;
const GROUPS = 200;
const MEMBERS_PER_GROUP = 25;
/** Loads: untimed ones first, then timed ones, each after a full GC. */
const LOADS = { warmup: 2, runs: 11 } as const;
const TARGET_MS = 200;

const progress = progressFor("bench");

/** Writes the collection: `collection.toml` plus one source per artifact, in SkillMeat's layout. */
function writeCollection(root: string): { bytes: number } {
  const entries: string[] = [
    `[collection]\nname = "bench"\nversion = "1.0.0"\ncreated = "2025-01-01T00:00:00Z"\nupdated = "2025-01-01T00:00:00Z"\n`,
  ];
  const keys: string[] = [];
  for (const type of ARTIFACT_TYPES) mkdirSync(join(root, type === "mcp" ? "mcp" : `${type}s`), { recursive: true });
  for (let i = 0; i < ARTIFACTS; i++) {
    const type: ArtifactType = ARTIFACT_TYPES[i % ARTIFACT_TYPES.length]!;
    const name = `${type}-${String(i).padStart(5, "0")}-${["alpha", "beta", "gamma", "delta"][i % 4]}`;
    const path = sourcePath(type, name);
    keys.push(`${type}:${name}`);
    if (type === "skill" || type === "mcp" || type === "hook") {
      mkdirSync(join(root, path));
      const file = type === "skill" ? "SKILL.md" : type === "mcp" ? "mcp.json" : "hooks.json";
      writeFileSync(join(root, path, file), type === "skill" ? `name: ${name}\n` : "{}\n");
    } else {
      writeFileSync(join(root, path), `---\ndescription: ${name}\n---\n`);
    }
    const uuid = i % 3 === 0 ? `uuid = "${(i + 1).toString(16).padStart(32, "0")}"\n` : "";
    const about =
      i % 2 === 0
        ? `description = "Artifact number ${i}, a ${type} used by the catalog benchmark."\n`
        : `\n[artifacts.metadata]\ntitle = "Artifact ${i}"\ndescription = "Artifact number ${i}, described in its metadata table."\nversion = "1.0.${i % 10}"\n`;
    entries.push(
      `[[artifacts]]\nname = "${name}"\ntype = "${type}"\npath = "${path}"\norigin = "${i % 4 === 0 ? "github" : "local"}"\n` +
        `added = "2025-01-01T00:00:00Z"\n${uuid}tags = ["bench", "${type}", "batch-${i % 50}"]\n${about}`,
    );
  }
  for (let g = 0; g < GROUPS; g++) {
    const members = Array.from({ length: MEMBERS_PER_GROUP }, (_, m) => `"${keys[(g * 97 + m * 31) % ARTIFACTS]}"`);
    entries.push(
      `[[groups]]\nname = "Group ${g}"\ndescription = "Benchmark group ${g}"\ncolor = "#2563eb"\nicon = "box"\n` +
        `position = ${GROUPS - g}\nmembers = [${members.join(", ")}]\n`,
    );
  }
  const text = entries.join("\n");
  writeFileSync(join(root, "collection.toml"), text);
  return { bytes: Buffer.byteLength(text) };
}

function sourcePath(type: ArtifactType, name: string): string {
  return type === "skill" ? `skills/${name}` : type === "mcp" ? `mcp/${name}` : type === "hook" ? `hooks/${name}` : `${type}s/${name}.md`;
}

/** One load after a full GC: its wall time and the process CPU time it took; the checks after it are not timed. */
async function loadOnce(root: string): Promise<RunTime> {
  collectGarbage();
  const stop = startClocks();
  const catalog = await CollectionCatalog.open({ root });
  const time = stop();
  const status = await catalog.status();
  if (!status.ok || status.artifacts !== ARTIFACTS || status.groups !== GROUPS || status.warnings.length > 0) {
    throw new Error(`catalog.load: unexpected catalog ${JSON.stringify({ ...status, warnings: status.warnings.slice(0, 3) })}`);
  }
  catalog.close();
  return time;
}

const root = mkdtempSync(join(tmpdir(), "ds-bench-catalog-"));
try {
  progress(`catalog.load: writing ${ARTIFACTS} artifacts and ${GROUPS} groups to ${root}`);
  const { bytes } = writeCollection(root);
  for (let i = 0; i < LOADS.warmup; i++) await loadOnce(root);
  const runs: RunTime[] = [];
  for (let i = 0; i < LOADS.runs; i++) runs.push(await loadOnce(root));
  const times = runs.map((run) => run.ms);
  const ms = round(median(times));
  progress(`catalog.load: runs ${times.map((t) => t.toFixed(1)).join(", ")} ms`);
  report({
    case: "catalog.load",
    ms,
    target_ms: TARGET_MS,
    target_met: ms < TARGET_MS,
    target: `median load < ${TARGET_MS} ms`,
    artifacts: ARTIFACTS,
    groups: GROUPS,
    group_members: GROUPS * MEMBERS_PER_GROUP,
    toml_bytes: bytes,
    checks_sources: true,
    runs: LOADS.runs,
    min_ms: round(Math.min(...times)),
    max_ms: round(Math.max(...times)),
    cpu_ms: round(median(runs.map((run) => run.cpuMs))),
    // The machine's 1-minute load average: a wall-clock median is only as good as the machine was quiet.
    load_avg: Math.round(loadavg()[0]! * 100) / 100,
  });
} finally {
  rmSync(root, { recursive: true, force: true });
}
