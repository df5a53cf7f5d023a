import { rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { CollectionCatalog } from "./collection-catalog.js";
import { artifactToml, HEADER, recordingLogger, sourceFiles, tempDir, writeFiles } from "./test-collection.js";

const V1 = HEADER + artifactToml("skill", "pdf") + artifactToml("command", "ghost");
const V2 = HEADER + artifactToml("skill", "pdf") + artifactToml("agent", "planner") + `[[groups]]\nname = "G"\nmembers = ["skill:pdf"]\n`;
const BROKEN = HEADER + `[[artifacts]]\nname = "pdf\ntype = "skill"\n`;

async function setUp(toml: string | null, options: { refreshIntervalMs?: number; watch?: boolean } = {}) {
  const root = await writeFiles(await tempDir(), { ...sourceFiles("skill", "pdf"), ...sourceFiles("agent", "planner") });
  if (toml !== null) await writeFile(join(root, "collection.toml"), toml);
  const logger = recordingLogger();
  let tick = 0;
  const catalog = await CollectionCatalog.open({
    root,
    logger,
    refreshIntervalMs: 0,
    now: () => new Date(Date.UTC(2025, 0, 1, 0, 0, tick++)),
    ...options,
  });
  const write = (text: string) => writeFile(join(root, "collection.toml"), text);
  const names = async () => (await catalog.listArtifacts({ limit: 50, offset: 0 })).items.map((a) => a.name);
  return { root, logger, catalog, write, names };
}

describe("CollectionCatalog: reloading", () => {
  it("picks up a changed collection.toml on the next access", async () => {
    const { catalog, write, names, logger } = await setUp(V1);
    expect(await names()).toEqual(["pdf", "ghost"]);
    expect((await catalog.status()).warnings).toHaveLength(1);
    await write(V2);
    expect(await names()).toEqual(["pdf", "planner"]);
    expect((await catalog.listGroups({ limit: 10, offset: 0 })).total).toBe(1);
    expect(await catalog.status()).toEqual({
      ok: true,
      error: null,
      loadedAt: new Date(Date.UTC(2025, 0, 1, 0, 0, 1)),
      artifacts: 2,
      groups: 1,
      warnings: [],
    });
    expect(logger.warnings).toHaveLength(1);
  });

  it("keeps the last good catalog when the file stops parsing, reports the error, and recovers", async () => {
    const { catalog, write, names, logger } = await setUp(V1);
    const good = await catalog.status();
    await write(BROKEN);
    expect(await names()).toEqual(["pdf", "ghost"]);
    const broken = await catalog.status();
    expect(broken).toEqual({ ...good, ok: false, error: expect.stringMatching(/^collection\.toml: line 5, column \d+: .+/) });
    expect(broken.error).not.toContain("\n");
    expect(logger.errors).toEqual(["collection cannot be loaded; the last good version stays in service"]);
    // Checking again does not log again while the file stays the same.
    await catalog.refresh();
    expect(logger.errors).toHaveLength(1);

    await write(V2);
    expect(await names()).toEqual(["pdf", "planner"]);
    expect(await catalog.status()).toMatchObject({ ok: true, error: null, artifacts: 2 });
  });

  it("treats a top level of the wrong shape like a parse error", async () => {
    const { catalog, write, names } = await setUp(V1);
    await write(`artifacts = "many"\n` + HEADER);
    expect(await names()).toEqual(["pdf", "ghost"]);
    expect((await catalog.status()).error).toBe("collection.toml: artifacts must be an array of tables ([[artifacts]])");
  });

  it("starts empty, without throwing, when the file does not parse, and loads once it is fixed", async () => {
    const { catalog, write, names, logger } = await setUp(BROKEN);
    expect(await catalog.status()).toMatchObject({ ok: false, loadedAt: null, artifacts: 0, groups: 0, warnings: [] });
    expect(await names()).toEqual([]);
    expect(logger.errors).toEqual(["collection cannot be loaded; the catalog is empty"]);
    await write(V2);
    expect(await names()).toEqual(["pdf", "planner"]);
    expect((await catalog.status()).ok).toBe(true);
  });

  it("starts empty when collection.toml or its folder does not exist", async () => {
    const { catalog, write, names } = await setUp(null);
    expect(await catalog.status()).toMatchObject({ ok: false, error: expect.stringMatching(/collection\.toml: ENOENT$/) });
    await write(V1);
    expect(await names()).toEqual(["pdf", "ghost"]);

    const missing = await CollectionCatalog.open({ root: join(await tempDir(), "nope") });
    expect(await missing.status()).toMatchObject({ ok: false, artifacts: 0 });
    expect(missing.root).toMatch(/nope$/);
  });

  it("keeps the last good catalog while the file is deleted, and takes a replacement renamed over it", async () => {
    const { root, catalog, write, names } = await setUp(V1);
    await rm(join(root, "collection.toml"));
    expect(await names()).toEqual(["pdf", "ghost"]);
    expect((await catalog.status()).ok).toBe(false);
    await write(V1);
    expect((await catalog.status()).ok).toBe(true);
    // Editors save by writing a temporary file and renaming it over the old one.
    await writeFile(join(root, "collection.toml.tmp"), V2);
    await rename(join(root, "collection.toml.tmp"), join(root, "collection.toml"));
    expect(await names()).toEqual(["pdf", "planner"]);
  });

  it("checks at most once per refresh interval, unless asked to refresh", async () => {
    const { catalog, write, names } = await setUp(V1, { refreshIntervalMs: 60_000 });
    await write(V2);
    expect(await names()).toEqual(["pdf", "ghost"]);
    expect((await catalog.refresh()).artifacts).toBe(2);
    expect(await names()).toEqual(["pdf", "planner"]);
  });

  it("does not re-parse a file that was touched but not changed", async () => {
    const { catalog, write } = await setUp(V1);
    const before = await catalog.status();
    await write(V1);
    expect((await catalog.refresh()).loadedAt).toEqual(before.loadedAt);
  });

  it("lets concurrent accesses share one reload", async () => {
    const { catalog, write, logger } = await setUp(V1);
    await write(V2 + artifactToml("hook", "missing"));
    const pages = await Promise.all(Array.from({ length: 5 }, () => catalog.listArtifacts({ limit: 50, offset: 0 })));
    for (const page of pages) expect(page.total).toBe(3);
    expect(logger.warnings.filter((w) => w.includes("hook:missing"))).toHaveLength(1);
  });

  it("with watch on, reloads when the file changes, without waiting for an access", async () => {
    const { catalog, write } = await setUp(V1, { refreshIntervalMs: 3_600_000, watch: true });
    try {
      await write(V2);
      // status() is throttled for an hour here: only the watcher can have reloaded.
      await vi.waitFor(async () => expect((await catalog.status()).artifacts).toBe(2), { timeout: 3_000, interval: 50 });
    } finally {
      catalog.close();
    }
  });
});
