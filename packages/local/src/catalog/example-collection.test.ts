import { access, constants, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ARTIFACT_TYPES } from "@deployment-sets/core";
import { describe, expect, it } from "vitest";
import { CollectionCatalog } from "./collection-catalog.js";
import { derivedArtifactId, groupId } from "./identity.js";
import { recordingLogger } from "./test-collection.js";

const EXAMPLE = fileURLToPath(new URL("../../../../examples/starter-collection", import.meta.url));

describe("the shipped starter collection", () => {
  it("loads cleanly: every type, every source present, no warnings", async () => {
    const logger = recordingLogger();
    const catalog = await CollectionCatalog.open({ root: EXAMPLE, logger });
    expect(await catalog.status()).toMatchObject({ ok: true, error: null, artifacts: 13, groups: 3, warnings: [] });
    expect(logger.warnings).toEqual([]);

    const { items } = await catalog.listArtifacts({ limit: 200, offset: 0 });
    const countOf = (type: string) => items.filter((a) => a.type === type).length;
    expect(ARTIFACT_TYPES.map(countOf)).toEqual([4, 3, 3, 1, 2]);
    for (const artifact of items) {
      expect(artifact.description, artifact.name).toEqual(expect.any(String));
      expect(artifact.tags.length, artifact.name).toBeGreaterThan(0);
    }
  });

  it("has groups in order whose members all resolve", async () => {
    const catalog = await CollectionCatalog.open({ root: EXAMPLE });
    const { items } = await catalog.listGroups({ limit: 50, offset: 0 });
    expect(items.map((g) => g.name)).toEqual(["Backend essentials", "Docs toolkit", "Code review"]);
    expect(items[0]?.id).toBe(groupId("Backend essentials"));
    const uuids = items.flatMap((g) => g.artifactUuids);
    expect((await catalog.getArtifacts(uuids)).size).toBe(uuids.length);
    expect(uuids.length).toBe(13);
  });

  it("answers to both ids for an artifact with a uuid field", async () => {
    const catalog = await CollectionCatalog.open({ root: EXAMPLE });
    const found = await catalog.getArtifacts(["4bffb3fc729543ddb27751361d169512", derivedArtifactId("skill", "api-design")]);
    expect([...found.values()].map((a) => a.name)).toEqual(["api-design", "api-design"]);
  });

  it("has real-looking sources: SKILL.md front matter naming the skill, executable scripts, valid MCP JSON", async () => {
    const catalog = await CollectionCatalog.open({ root: EXAMPLE });
    const { items } = await catalog.listArtifacts({ limit: 200, offset: 0 });
    for (const artifact of items) {
      const source = join(catalog.root, artifact.path);
      if (artifact.type === "skill") {
        const skill = await readFile(join(source, "SKILL.md"), "utf8");
        expect(skill).toMatch(new RegExp(`^---\\nname: ${artifact.name}\\ndescription: .{40,}\\n---\\n`));
      } else if (artifact.type === "mcp") {
        expect(JSON.parse(await readFile(join(source, "mcp.json"), "utf8"))).toHaveProperty(["mcpServers", artifact.name]);
      } else if (artifact.type === "hook") {
        // Claude Code's plugin hooks format, its script beside it and executable.
        const hooks = JSON.parse(await readFile(join(source, "hooks.json"), "utf8")) as { hooks: Record<string, { hooks: { command: string }[] }[]> };
        const command = Object.values(hooks.hooks).flat()[0]!.hooks[0]!.command;
        const script = /\$\{CLAUDE_PLUGIN_ROOT\}\/([\w.-]+)/.exec(command)![1]!;
        await access(join(source, script), constants.X_OK);
      } else {
        expect(await readFile(source, "utf8")).toMatch(/^---\n(.+\n)+---\n/);
      }
    }
    const script = join(catalog.root, "skills/sql-migrations/scripts/check-migration.sh");
    await access(script, constants.X_OK);
    expect((await stat(script)).mode & 0o111).not.toBe(0);
  });
});
