import { mkdir, realpath, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CollectionCatalog } from "./collection-catalog.js";
import { artifactToml, HEADER, recordingLogger, sourceFiles, tempDir, writeFiles } from "./test-collection.js";

async function load(toml: string, prepare?: (root: string, outside: string) => Promise<void>) {
  const root = await tempDir();
  const outside = await tempDir();
  await writeFiles(outside, { "secret/SKILL.md": "stolen\n", "secret.md": "stolen\n" });
  await writeFile(join(root, "collection.toml"), HEADER + toml);
  await prepare?.(root, outside);
  const logger = recordingLogger();
  const catalog = await CollectionCatalog.open({ root, logger });
  const { items } = await catalog.listArtifacts({ limit: 100, offset: 0 });
  return { names: items.map((a) => a.name), warnings: logger.warnings, status: await catalog.status() };
}

describe("CollectionCatalog: unsafe entries", () => {
  it.each([
    ["empty", "", "the name is empty"],
    ["a slash", "a/b", "path separator"],
    ["a backslash", "a\\\\b", "path separator"],
    ["dot-dot", "a..b", "'..'"],
    ["a leading dot", ".hidden", "starts with '.'"],
    ["a control character", "bell\\u0007", "control character"],
    ["a newline", "two\\nlines", "control character"],
    ["DEL", "del\\u007f", "control character"],
  ])("skips a name with %s", async (_label, tomlName, reason) => {
    const { names, warnings, status } = await load(`[[artifacts]]\nname = "${tomlName}"\ntype = "skill"\npath = "skills/x"\n`);
    expect(names).toEqual([]);
    expect(warnings).toEqual([expect.stringContaining(reason)]);
    expect(warnings[0]).not.toMatch(/\p{Cc}/u);
    expect(status).toMatchObject({ ok: true, artifacts: 0, warnings });
  });

  it.each([
    ["an unknown type", `name = "x"\ntype = "plugin"`, 'unknown type "plugin"'],
    ["an upper-case type", `name = "x"\ntype = "Skill"`, "unknown type"],
    ["a missing name", `type = "skill"`, "`name` must be a string"],
    ["a numeric name", `name = 3\ntype = "skill"`, "`name` must be a string"],
    ["a non-string path", `name = "x"\ntype = "skill"\npath = 1`, "`path` must be a string"],
  ])("skips an entry with %s", async (_label, fields, reason) => {
    const { names, warnings } = await load(`[[artifacts]]\n${fields}\n`);
    expect(names).toEqual([]);
    expect(warnings).toEqual([expect.stringContaining(reason)]);
  });

  it("keeps safe names with spaces, unicode and inner dots", async () => {
    const { names, warnings } = await load(
      artifactToml("command", "my command") + artifactToml("command", "résumé") + artifactToml("command", "v1.2"),
      (root) => writeFiles(root, { ...sourceFiles("command", "my command"), ...sourceFiles("command", "résumé"), ...sourceFiles("command", "v1.2") }).then(() => {}),
    );
    expect(names).toEqual(["my command", "résumé", "v1.2"]);
    expect(warnings).toEqual([]);
  });
});

describe("CollectionCatalog: sources leaving the collection", () => {
  it.each([
    ["climbing out with ..", "../outside/secret", "leaves the collection folder"],
    ["climbing out after going in", "skills/../../secret", "leaves the collection folder"],
    ["with backslashes", "skills\\\\..\\\\..\\\\secret", "leaves the collection folder"],
    ["absolute", "/etc", "absolute"],
    ["a Windows drive", "C:/Windows", "absolute"],
    ["the folder itself", "./", "collection folder itself"],
  ])("skips a path %s", async (_label, path, reason) => {
    const { names, warnings } = await load(artifactToml("skill", "x", `path = "${path}"`));
    expect(names).toEqual([]);
    expect(warnings).toEqual([expect.stringContaining(reason)]);
  });

  it("skips a source that is a symbolic link pointing outside", async () => {
    const { names, warnings } = await load(artifactToml("skill", "linked") + artifactToml("agent", "linked"), async (root, outside) => {
      await mkdir(join(root, "skills"));
      await mkdir(join(root, "agents"));
      await symlink(join(outside, "secret"), join(root, "skills/linked"));
      await symlink(join(outside, "secret.md"), join(root, "agents/linked.md"));
    });
    expect(names).toEqual([]);
    expect(warnings).toEqual([
      expect.stringMatching(/skill:linked .*skipped: the source is a symbolic link leading outside/),
      expect.stringMatching(/agent:linked .*skipped: the source is a symbolic link leading outside/),
    ]);
  });

  it("skips sources under a folder that is a symbolic link pointing outside, present or not", async () => {
    const toml = artifactToml("skill", "secret") + artifactToml("skill", "absent") + artifactToml("skill", "deep", `path = "skills/a/b/deep"`);
    const { names, warnings } = await load(toml, async (root, outside) => {
      await symlink(outside, join(root, "skills"));
    });
    expect(names).toEqual([]);
    expect(warnings).toHaveLength(3);
    for (const warning of warnings) expect(warning).toContain("leads outside the collection folder through a symbolic link");
  });

  it("skips a dangling symbolic link", async () => {
    const { names, warnings } = await load(artifactToml("command", "dangling"), async (root) => {
      await mkdir(join(root, "commands"));
      await symlink(join(root, "nowhere.md"), join(root, "commands/dangling.md"));
    });
    expect(names).toEqual([]);
    expect(warnings).toEqual([expect.stringContaining("symbolic link that cannot be resolved")]);
  });

  it("accepts symbolic links that stay inside, and a collection folder reached through a link", async () => {
    const toml = artifactToml("skill", "alias") + artifactToml("skill", "real");
    const base = await tempDir();
    await writeFiles(base, { "real/collection.toml": HEADER + toml, ...prefixed("real/", sourceFiles("skill", "real")) });
    await symlink(join(base, "real/skills/real"), join(base, "real/skills/alias"));
    await symlink(join(base, "real"), join(base, "link"));
    const logger = recordingLogger();
    const catalog = await CollectionCatalog.open({ root: join(base, "link"), logger });
    expect((await catalog.listArtifacts({ limit: 10, offset: 0 })).items.map((a) => a.path)).toEqual(["skills/alias", "skills/real"]);
    expect(logger.warnings).toEqual([]);
    expect(catalog.root).toBe(join(await realpath(base), "real"));
  });

  it("group members naming a skipped artifact are skipped too", async () => {
    const { warnings } = await load(
      artifactToml("skill", "x", `path = "../x"`) + `[[groups]]\nname = "G"\nmembers = ["skill:x"]\n`,
    );
    expect(warnings).toEqual([expect.stringContaining("leaves"), expect.stringContaining('member "skill:x" names no artifact')]);
  });
});

function prefixed(prefix: string, files: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(files).map(([path, content]) => [prefix + path, content]));
}
