// Test helpers: real collection folders in temporary directories (no file-system mocks).
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach } from "vitest";
import type { CatalogLogger } from "./catalog-options.js";

const made: string[] = [];
afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A fresh temporary folder, removed after the test. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "ds-catalog-"));
  made.push(dir);
  return dir;
}

/**
 * Writes `files` (relative path to content) under `root`; a path ending in `/` makes an empty folder.
 * @returns `root`
 */
export async function writeFiles(root: string, files: Readonly<Record<string, string>>): Promise<string> {
  for (const [path, content] of Object.entries(files)) {
    if (path.endsWith("/")) {
      await mkdir(join(root, path), { recursive: true });
    } else {
      await mkdir(dirname(join(root, path)), { recursive: true });
      await writeFile(join(root, path), content);
    }
  }
  return root;
}

/** A `[collection]` table, for tests that do not care about it. */
export const HEADER = `[collection]\nname = "test"\nversion = "1.0.0"\n`;

/** One `[[artifacts]]` entry with its source written at the default layout path. */
export function artifactToml(type: string, name: string, extra = ""): string {
  return `[[artifacts]]\nname = ${JSON.stringify(name)}\ntype = ${JSON.stringify(type)}\n${extra}\n`;
}

/** The default source layout of a well-formed artifact, for {@link writeFiles}. */
export function sourceFiles(type: string, name: string): Record<string, string> {
  switch (type) {
    case "skill":
      return { [`skills/${name}/SKILL.md`]: `---\nname: ${name}\n---\n` };
    case "mcp":
      return { [`mcp/${name}/mcp.json`]: "{}\n" };
    case "hook":
      return { [`hooks/${name}/hooks.json`]: `{ "hooks": {} }\n` };
    default:
      return { [`${type}s/${name}.md`]: `# ${name}\n` };
  }
}

/** A logger that records every warning and error message. */
export function recordingLogger(): CatalogLogger & { readonly warnings: string[]; readonly errors: string[] } {
  const warnings: string[] = [];
  const errors: string[] = [];
  return {
    warnings,
    errors,
    warn: (_data, message) => void warnings.push(message),
    error: (_data, message) => void errors.push(message),
  };
}
