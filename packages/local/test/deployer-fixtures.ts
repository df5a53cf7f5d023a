import { createHash } from "node:crypto";
import { chmod, lstat, mkdir, mkdtemp, readdir, readFile, readlink, realpath, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Artifact, ArtifactType, DeployProfile } from "@deployment-sets/core";
import type { DeployRequest } from "@deployment-sets/core/ports";

/** A fresh empty folder under the system temp folder (real path), removed by {@link removeTemp}. */
export async function makeTemp(prefix = "ds-deployer-"): Promise<string> {
  return realpath(await mkdtemp(join(tmpdir(), prefix)));
}

/** Removes a folder made by {@link makeTemp}. */
export async function removeTemp(path: string): Promise<void> {
  await rm(path, { recursive: true, force: true });
}

/** The collection-relative source path SkillMeat uses for an artifact. */
export function sourcePathOf(type: ArtifactType, name: string): string {
  switch (type) {
    case "skill":
      return `skills/${name}`;
    case "mcp":
      return `mcp/${name}`;
    case "hook":
      return `hooks/${name}`;
    default:
      return `${type}s/${name}.md`;
  }
}

/** True for the types whose source is a folder. */
export function isFolderType(type: ArtifactType): boolean {
  return type === "skill" || type === "mcp" || type === "hook";
}

/** True for the types merged into config files (for Claude Code): hooks and MCP servers. */
export function isMergedType(type: ArtifactType): boolean {
  return type === "mcp" || type === "hook";
}

/** An artifact as a catalog would return it; `path` defaults to SkillMeat's layout. */
export function artifact(type: ArtifactType, name: string, path = sourcePathOf(type, name)): Artifact {
  const uuid = createHash("sha256").update(`artifact:${type}:${name}`).digest("hex").slice(0, 32);
  return { uuid, name, type, description: null, tags: [], path };
}

/**
 * Writes an artifact's source into `collection` with content derived from `version` (so versions differ in
 * every file): a folder of `files` files (one nested), or one file.
 */
export async function writeSource(
  collection: string,
  item: Artifact,
  version: string,
  options: { files?: number; size?: number } = {},
): Promise<void> {
  const path = join(collection, item.path);
  const body = (label: string) => {
    const line = `${item.type} ${item.name} ${label} version ${version}\n`;
    return line.repeat(Math.max(1, Math.ceil((options.size ?? line.length) / line.length)));
  };
  if (isFolderType(item.type)) {
    await rm(path, { recursive: true, force: true });
    await mkdir(join(path, "docs"), { recursive: true });
    const count = options.files ?? 3;
    await writeFile(join(path, mainFile(item.type)), item.type === "skill" ? body("main") : definition(item, version));
    for (let index = 1; index < count; index++) {
      await writeFile(join(path, index % 2 === 0 ? "docs" : "", `part-${index}.md`), body(`part ${index}`));
    }
  } else {
    // Front matter with a description, which the conversions for Codex and Gemini CLI need.
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, `---\ndescription: ${item.type} ${item.name}, version ${version}\n---\n${body("file")}`);
  }
}

function mainFile(type: ArtifactType): string {
  return type === "skill" ? "SKILL.md" : type === "mcp" ? "mcp.json" : "hooks.json";
}

/**
 * The definition an MCP or hook artifact is merged from, different for every version: one local MCP server
 * named after the artifact, or one `PreToolUse` hook running a script of the artifact.
 */
function definition(item: Artifact, version: string): string {
  if (item.type === "mcp") {
    return `${JSON.stringify({ mcpServers: { [item.name]: { command: "npx", args: [`${item.name}-server@${version}`] } } }, null, 2)}\n`;
  }
  const hook = { type: "command", command: `sh "\${CLAUDE_PLUGIN_ROOT}/part-1.md" ${version}` };
  return `${JSON.stringify({ hooks: { PreToolUse: [{ matcher: `Bash|${item.name}`, hooks: [hook] }] } }, null, 2)}\n`;
}

/** A deploy request with defaults. */
export function request(
  projectPath: string,
  artifacts: readonly Artifact[],
  options: { profile?: DeployProfile; force?: boolean; prune?: boolean; setId?: string } = {},
): DeployRequest {
  return {
    setId: options.setId ?? "0123456789abcdef0123456789abcdef",
    projectPath,
    profile: options.profile ?? "claude_code",
    force: options.force ?? false,
    prune: options.prune ?? false,
    artifacts,
  };
}

/** One entry of a {@link snapshotTree}. */
export interface SnapshotEntry {
  readonly path: string;
  readonly kind: "file" | "folder" | "link";
  readonly mode: number;
  readonly mtimeNs: string;
  readonly content: string | null;
}

/** Every entry under `root` (paths, kinds, modes, mtimes in ns, file bytes as base64, link targets). */
export async function snapshotTree(root: string): Promise<SnapshotEntry[]> {
  const out: SnapshotEntry[] = [];
  const visit = async (dir: string, rel: string): Promise<void> => {
    for (const name of (await readdir(dir)).sort()) {
      const abs = join(dir, name);
      const path = rel ? `${rel}/${name}` : name;
      const stats = await lstat(abs, { bigint: true });
      const base = { path, mode: Number(stats.mode & 0o7777n), mtimeNs: String(stats.mtimeNs) };
      if (stats.isSymbolicLink()) out.push({ ...base, kind: "link", content: await readlink(abs) });
      else if (stats.isDirectory()) {
        out.push({ ...base, kind: "folder", content: null });
        await visit(abs, path);
      } else out.push({ ...base, kind: "file", content: (await readFile(abs)).toString("base64") });
    }
  };
  await visit(root, "");
  return out;
}

/** Makes a file executable (`0o755`). */
export async function makeExecutable(path: string): Promise<void> {
  await chmod(path, 0o755);
}

/** The starter collection shipped in `examples/` (absolute path). */
export const STARTER_COLLECTION = fileURLToPath(new URL("../../../examples/starter-collection", import.meta.url));
