import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { writeCommandCollection } from "@deployment-sets/bench-fixtures";
import { derivedId } from "../../test/fixtures.js";

/** One artifact of a {@link LargeCollection}: its name, type, uuid (the derived id) and source path. */
export interface CollectionArtifact {
  readonly name: string;
  readonly type: "command" | "skill" | "mcp";
  readonly uuid: string;
  /** The source, relative to the collection folder. */
  readonly path: string;
}

/** What {@link writeLargeCollection} wrote. */
export interface LargeCollection {
  readonly root: string;
  /** `cmd-0000` ...: one markdown file each. */
  readonly commands: readonly CollectionArtifact[];
  /** `skill-000` ...: folders of three files, one of them in a sub-folder. */
  readonly skills: readonly CollectionArtifact[];
  /** `mcp-00` ...: one server each, merged into `.mcp.json` for Claude Code. */
  readonly mcps: readonly CollectionArtifact[];
}

/**
 * Writes a collection big enough for the reliability parts (a thousand distinct members for one set, deploys of
 * hundreds of files): `commands` commands (the benchmarks' generator), plus `skills` skill folders and `mcps` MCP
 * servers appended to its collection.toml.
 */
export function writeLargeCollection(root: string, counts: { commands: number; skills: number; mcps: number }): LargeCollection {
  writeCommandCollection(root, counts.commands);
  const commands = Array.from({ length: counts.commands }, (_, i) => artifact("command", `cmd-${String(i).padStart(4, "0")}`, "commands", ".md"));
  const skills = Array.from({ length: counts.skills }, (_, i) => artifact("skill", `skill-${String(i).padStart(3, "0")}`, "skills", "/"));
  const mcps = Array.from({ length: counts.mcps }, (_, i) => artifact("mcp", `mcp-${String(i).padStart(2, "0")}`, "mcp", "/"));
  for (const [i, skill] of skills.entries()) {
    const folder = join(root, skill.path);
    mkdirSync(join(folder, "templates"), { recursive: true });
    // Some bulk, so that copying a folder takes long enough to be interrupted.
    const body = `Step ${i}: ${"do the thing carefully. ".repeat(400)}\n`;
    writeFileSync(join(folder, "SKILL.md"), `---\nname: ${skill.name}\ndescription: reliability skill ${i}\n---\n\n${body}`);
    writeFileSync(join(folder, "notes.md"), body);
    writeFileSync(join(folder, "templates", "entry.md"), `# Entry ${i}\n`);
  }
  for (const mcp of mcps) {
    mkdirSync(join(root, mcp.path), { recursive: true });
    const server = { command: "node", args: [`${mcp.name}.js`], env: {} };
    writeFileSync(join(root, mcp.path, "mcp.json"), JSON.stringify({ mcpServers: { [mcp.name]: server } }, null, 2));
  }
  const entries = [...skills, ...mcps].map((a) => `\n[[artifacts]]\nname = "${a.name}"\ntype = "${a.type}"\npath = "${a.path}"\norigin = "local"\n`);
  appendFileSync(join(root, "collection.toml"), entries.join(""));
  return { root, commands, skills, mcps };
}

function artifact(type: CollectionArtifact["type"], name: string, folder: string, suffix: string): CollectionArtifact {
  return { name, type, uuid: derivedId(type, name), path: `${folder}/${name}${suffix === "/" ? "/" : suffix}` };
}
