import { realpath } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { CollectionCatalog } from "./collection-catalog.js";
import { derivedArtifactId, groupId } from "./identity.js";
import { artifactToml, HEADER, recordingLogger, sourceFiles, tempDir, writeFiles } from "./test-collection.js";

const UUID = "0123456789abcdef0123456789abcdef";

async function open(toml: string, files: Record<string, string> = {}) {
  const root = await writeFiles(await tempDir(), { "collection.toml": toml, ...files });
  const logger = recordingLogger();
  const catalog = await CollectionCatalog.open({ root, logger });
  return { root, logger, catalog };
}

describe("CollectionCatalog: loading", () => {
  it("answers to the uuid and to the derived id, keyed by the id asked for, with the uuid canonical", async () => {
    const { catalog } = await open(HEADER + artifactToml("skill", "pdf", `uuid = "${UUID}"`), sourceFiles("skill", "pdf"));
    const derived = derivedArtifactId("skill", "pdf");
    const found = await catalog.getArtifacts([UUID, derived, "ffffffffffffffffffffffffffffffff"]);
    expect([...found.keys()]).toEqual([UUID, derived]);
    expect(found.get(UUID)?.uuid).toBe(UUID);
    expect(found.get(derived)?.uuid).toBe(UUID);
  });

  it("uses the derived id as the uuid when there is no uuid field", async () => {
    const { catalog } = await open(HEADER + artifactToml("command", "review"), sourceFiles("command", "review"));
    const derived = derivedArtifactId("command", "review");
    const { items } = await catalog.listArtifacts({ limit: 10, offset: 0 });
    expect(items).toEqual([
      { uuid: derived, name: "review", type: "command", description: null, tags: [], path: "commands/review.md" },
    ]);
  });

  it("normalises a dashed or upper-case uuid field, and ignores one that is not a uuid", async () => {
    const toml =
      HEADER +
      artifactToml("skill", "a", `uuid = "01234567-89AB-CDEF-0123-456789ABCDEF"`) +
      artifactToml("skill", "b", `uuid = "not-a-uuid"`);
    const { catalog } = await open(toml, { ...sourceFiles("skill", "a"), ...sourceFiles("skill", "b") });
    const found = await catalog.getArtifacts([UUID, derivedArtifactId("skill", "b")]);
    expect(found.get(UUID)?.name).toBe("a");
    expect(found.get(derivedArtifactId("skill", "b"))?.uuid).toBe(derivedArtifactId("skill", "b"));
    expect((await catalog.status()).warnings).toEqual([expect.stringMatching(/skill:b .*uuid is not 32 hex/)]);
  });

  it("reads description and tags from the entry, else from [artifacts.metadata]", async () => {
    const toml =
      HEADER +
      artifactToml("skill", "top", `description = "From the entry"\ntags = ["a", "b", "a", " "]\n[artifacts.metadata]\ndescription = "ignored"`) +
      artifactToml("skill", "meta", `[artifacts.metadata]\ntitle = "Meta"\ndescription = "From metadata"\ntags = ["m"]`);
    const { catalog } = await open(toml, { ...sourceFiles("skill", "top"), ...sourceFiles("skill", "meta") });
    const { items } = await catalog.listArtifacts({ limit: 10, offset: 0 });
    expect(items.map((a) => [a.name, a.description, a.tags])).toEqual([
      ["meta", "From metadata", ["m"]],
      ["top", "From the entry", ["a", "b"]],
    ]);
  });

  it("normalises the source path and defaults it to the type's layout", async () => {
    const toml =
      HEADER +
      artifactToml("skill", "pdf", `path = "./skills//pdf/"`) +
      artifactToml("agent", "planner") +
      artifactToml("mcp", "db");
    const files = { ...sourceFiles("skill", "pdf"), ...sourceFiles("agent", "planner"), ...sourceFiles("mcp", "db") };
    const { catalog, logger } = await open(toml, files);
    const { items } = await catalog.listArtifacts({ limit: 10, offset: 0 });
    expect(items.map((a) => a.path)).toEqual(["skills/pdf", "agents/planner.md", "mcp/db"]);
    expect(logger.warnings).toEqual([]);
  });

  it("keeps an artifact whose source is missing or of the wrong kind, with a warning", async () => {
    const toml =
      HEADER +
      artifactToml("skill", "ghost") +
      artifactToml("skill", "flat", `path = "skills/flat.md"`) +
      artifactToml("hook", "lint", `path = "hooks/lint.md"`) +
      artifactToml("command", "dir", `path = "commands/dir"`);
    const { catalog, logger } = await open(toml, { "skills/flat.md": "# flat\n", "hooks/lint.md": "# lint\n", "commands/dir/dir.md": "# dir\n" });
    expect((await catalog.listArtifacts({ limit: 10, offset: 0 })).total).toBe(4);
    expect(logger.warnings).toEqual([
      expect.stringMatching(/skill:ghost .*source skills\/ghost does not exist/),
      expect.stringMatching(/skill:flat .*is a file, expected a folder/),
      expect.stringMatching(/hook:lint .*is a single file; a hook needs a folder with hooks.json or settings.json/),
    ]);
  });

  it("skips duplicates of type:name and of uuid, keeping the first", async () => {
    const toml =
      HEADER +
      artifactToml("skill", "pdf", `description = "first"`) +
      artifactToml("skill", "pdf", `description = "second"`) +
      artifactToml("command", "pdf") +
      artifactToml("agent", "a1", `uuid = "${UUID}"`) +
      artifactToml("agent", "a2", `uuid = "${UUID}"`);
    const files = { ...sourceFiles("skill", "pdf"), ...sourceFiles("command", "pdf"), ...sourceFiles("agent", "a1"), ...sourceFiles("agent", "a2") };
    const { catalog, logger } = await open(toml, files);
    const { items } = await catalog.listArtifacts({ limit: 10, offset: 0 });
    expect(items.map((a) => `${a.type}:${a.name}:${a.description ?? ""}`)).toEqual(["skill:pdf:first", "command:pdf:", "agent:a1:"]);
    expect(logger.warnings).toEqual([
      expect.stringMatching(/entry 2\).*skipped: an earlier entry already defines skill:pdf/),
      expect.stringMatching(/agent:a2 .*skipped: uuid 0123.* is already used by agent:a1/),
    ]);
  });

  it("resolves group members in group order and skips those naming no artifact", async () => {
    const toml =
      HEADER +
      artifactToml("skill", "pdf", `uuid = "${UUID}"`) +
      artifactToml("command", "review") +
      artifactToml("skill", "../evil") +
      `[[groups]]\nname = "Review kit"\ndescription = "Things for reviews"\ncolor = "#d97706"\nicon = "eye"\nposition = 1\n` +
      `members = ["command:review", "skill:nope", "skill:pdf", "skill:../evil", "command:review", "review"]\n`;
    const { catalog, logger } = await open(toml, { ...sourceFiles("skill", "pdf"), ...sourceFiles("command", "review") });
    const id = groupId("Review kit");
    const groups = await catalog.getGroups([id, "00000000000000000000000000000000"]);
    // A member naming no loadable artifact stays, under the id it would have, so resolving reports it missing.
    expect([...groups.values()]).toEqual([
      {
        id,
        name: "Review kit",
        description: "Things for reviews",
        artifactUuids: [derivedArtifactId("command", "review"), derivedArtifactId("skill", "nope"), UUID, derivedArtifactId("skill", "../evil")],
      },
    ]);
    expect(logger.warnings.filter((w) => w.startsWith('group "Review kit"'))).toEqual([
      expect.stringContaining('member "skill:nope" names no artifact the catalog could load; resolving the group reports it missing'),
      expect.stringContaining('member "skill:../evil" names no artifact the catalog could load'),
      expect.stringContaining('member "command:review" is listed twice'),
      expect.stringContaining('member review is not a "type:name" string; skipped'),
    ]);
    expect((await catalog.status()).warnings).toEqual(logger.warnings);
  });

  it("skips a group without a usable name and a second group of the same name", async () => {
    const toml = HEADER + `[[groups]]\nname = "  "\n[[groups]]\nname = "G"\nposition = 0\n[[groups]]\nname = "G"\nposition = 1\n[[groups]]\nposition = 2\n`;
    const { catalog, logger } = await open(toml);
    expect((await catalog.listGroups({ limit: 10, offset: 0 })).items.map((g) => g.name)).toEqual(["G"]);
    expect(logger.warnings).toHaveLength(3);
  });

  it("reports counts and no error in its status, and exposes the real path of the collection folder", async () => {
    const toml = HEADER + artifactToml("hook", "guard") + `[[groups]]\nname = "Empty"\n`;
    const now = new Date("2025-06-01T12:00:00.000Z");
    const root = await writeFiles(await tempDir(), { "collection.toml": toml, ...sourceFiles("hook", "guard") });
    const catalog = await CollectionCatalog.open({ root: `${root}/./`, now: () => now });
    expect(await catalog.status()).toEqual({ ok: true, error: null, loadedAt: now, artifacts: 1, groups: 1, warnings: [] });
    expect(catalog.root).toBe(await realpath(root));
  });

  it("warns when the [collection] table is missing, and loads the rest", async () => {
    const { catalog, logger } = await open(artifactToml("hook", "guard"), sourceFiles("hook", "guard"));
    expect((await catalog.status()).artifacts).toBe(1);
    expect(logger.warnings).toEqual(["collection.toml has no [collection] table"]);
  });

  it("takes TOML dates and unknown fields in its stride", async () => {
    const toml = `[collection]\nname = "x"\ncreated = 2025-01-01T00:00:00Z\n` +
      artifactToml("skill", "pdf", `added = 2025-01-02T03:04:05Z\norigin = "github"\nupstream = "anthropics/skills/pdf"\nresolved_sha = "abc"`);
    const { catalog, logger } = await open(toml, sourceFiles("skill", "pdf"));
    expect((await catalog.status()).ok).toBe(true);
    expect(logger.warnings).toEqual([]);
  });
});
