import { beforeAll, describe, expect, it } from "vitest";
import { CollectionCatalog } from "./collection-catalog.js";
import { artifactToml, HEADER, sourceFiles, tempDir, writeFiles } from "./test-collection.js";

// Written in scrambled order on purpose.
const ARTIFACTS: readonly (readonly [string, string])[] = [
  ["mcp", "postgres"],
  ["command", "review"],
  ["skill", "sql-migrations"],
  ["hook", "guard-secrets"],
  ["agent", "docs-writer"],
  ["skill", "API-design"],
  ["command", "Write-Tests"],
  ["skill", "changelog"],
  ["agent", "code-reviewer"],
  ["skill", "Ärger"],
];

let catalog: CollectionCatalog;
beforeAll(async () => {
  const groups =
    `[[groups]]\nname = "zeta"\nposition = 1\n` +
    `[[groups]]\nname = "unplaced"\n` +
    `[[groups]]\nname = "beta"\nposition = 1\n` +
    `[[groups]]\nname = "first"\nposition = -3\n` +
    `[[groups]]\nname = "Alpha"\nposition = 1\n`;
  const toml = HEADER + ARTIFACTS.map(([type, name]) => artifactToml(type, name)).join("") + groups;
  const files = Object.assign({}, ...ARTIFACTS.map(([type, name]) => sourceFiles(type, name))) as Record<string, string>;
  const root = await writeFiles(await tempDir(), { "collection.toml": toml, ...files });
  catalog = await CollectionCatalog.open({ root });
});

const names = async (query: Parameters<CollectionCatalog["listArtifacts"]>[0]) =>
  (await catalog.listArtifacts(query)).items.map((a) => `${a.type}:${a.name}`);

describe("CollectionCatalog: lists", () => {
  it("orders artifacts by type (skill, command, agent, hook, mcp) then name by code unit", async () => {
    expect(await names({ limit: 50, offset: 0 })).toEqual([
      "skill:API-design",
      "skill:changelog",
      "skill:sql-migrations",
      "skill:Ärger",
      "command:Write-Tests",
      "command:review",
      "agent:code-reviewer",
      "agent:docs-writer",
      "hook:guard-secrets",
      "mcp:postgres",
    ]);
  });

  it.each([
    [{ q: "REV", limit: 50, offset: 0 }, ["command:review", "agent:code-reviewer"], 2],
    [{ q: "äR", limit: 50, offset: 0 }, ["skill:Ärger"], 1],
    [{ q: "write", limit: 50, offset: 0 }, ["command:Write-Tests", "agent:docs-writer"], 2],
    [{ type: "skill", limit: 50, offset: 0 }, ["skill:API-design", "skill:changelog", "skill:sql-migrations", "skill:Ärger"], 4],
    [{ type: "skill", q: "-", limit: 50, offset: 0 }, ["skill:API-design", "skill:sql-migrations"], 2],
    [{ type: "hook", q: "nothing", limit: 50, offset: 0 }, [], 0],
    [{ q: "", limit: 3, offset: 0 }, ["skill:API-design", "skill:changelog", "skill:sql-migrations"], 10],
    [{ limit: 3, offset: 8 }, ["hook:guard-secrets", "mcp:postgres"], 10],
    [{ limit: 3, offset: 10 }, [], 10],
    [{ type: "agent", limit: 1, offset: 1 }, ["agent:docs-writer"], 2],
  ] as const)("filters and pages %j", async (query, want, total) => {
    expect(await names(query)).toEqual(want);
    expect((await catalog.listArtifacts(query)).total).toBe(total);
  });

  it("orders groups by position, then name; a group without a position comes last", async () => {
    const { items, total } = await catalog.listGroups({ limit: 50, offset: 0 });
    expect(items.map((g) => g.name)).toEqual(["first", "Alpha", "beta", "zeta", "unplaced"]);
    expect(total).toBe(5);
    expect((await catalog.listGroups({ limit: 2, offset: 2 })).items.map((g) => g.name)).toEqual(["beta", "zeta"]);
  });
});
