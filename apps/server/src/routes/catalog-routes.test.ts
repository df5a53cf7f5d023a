import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ADAPTERS, startTestServer, type TestServer } from "../../test/harness.js";
import { art, copyExampleCollection, derivedId, EXAMPLE_ARTIFACTS, EXAMPLE_GROUPS, expectValidation, groupIdOf } from "../../test/fixtures.js";

const ARTIFACT_KEYS = ["uuid", "name", "type", "description", "tags", "path"];
const GROUP_KEYS = ["id", "name", "description", "artifact_uuids"];
const PAGE_KEYS = ["items", "total", "limit", "offset"];

type ArtifactItem = { uuid: string; name: string; type: string; description: string | null; tags: string[]; path: string };
type GroupItem = { id: string; name: string; description: string | null; artifact_uuids: string[] };

const ALL_NAMES = EXAMPLE_ARTIFACTS.map((a) => a.name);

describe.each(ADAPTERS)("catalog over HTTP (%s)", (adapter) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ adapter });
  });
  afterAll(() => server.close());

  const get = async (url: string) => {
    const response = await server.request("GET", url);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers["content-type"]).toMatch(/^application\/json/);
    const page = response.json();
    expect(Object.keys(page).sort()).toEqual([...PAGE_KEYS].sort());
    return page;
  };

  describe("GET /api/v1/artifacts", () => {
    it("lists the 13 example artifacts by type (skill, command, agent, hook, mcp), then name, with their DTO", async () => {
      const page = await get("/api/v1/artifacts");
      expect(page).toMatchObject({ total: 13, limit: 50, offset: 0 });
      const items: ArtifactItem[] = page.items;
      expect(items.map((a) => `${a.type}:${a.name}`)).toEqual(EXAMPLE_ARTIFACTS.map((a) => `${a.type}:${a.name}`));
      for (const item of items) {
        const want = art(item.name);
        expect(Object.keys(item).sort()).toEqual([...ARTIFACT_KEYS].sort());
        expect(item).toMatchObject({ uuid: want.uuid, type: want.type, path: want.path });
        expect(item.tags.length).toBeGreaterThan(0);
        expect(item.description).toEqual(expect.any(String));
      }
    });

    it("takes the description from the entry or from its [artifacts.metadata] table, and keeps the tags in order", async () => {
      const items: ArtifactItem[] = (await get("/api/v1/artifacts?limit=200")).items;
      const byName = new Map(items.map((a) => [a.name, a]));
      expect(byName.get("api-design")).toEqual({
        uuid: "4bffb3fc729543ddb27751361d169512",
        name: "api-design",
        type: "skill",
        description: "Designs and reviews HTTP/JSON APIs: resource naming, status codes, pagination, errors as problem+json, versioning.",
        tags: ["backend", "http", "rest"],
        path: "skills/api-design",
      });
      expect(byName.get("sql-migrations")).toEqual({
        uuid: art("sql-migrations").derivedId,
        name: "sql-migrations",
        type: "skill",
        description: "Writes zero-downtime schema migrations (expand, migrate, contract) and flags locking statements before they ship.",
        tags: ["backend", "database", "postgres"],
        path: "skills/sql-migrations",
      });
      expect(byName.get("review")).toMatchObject({ uuid: "d002db29196e4d9fbf2d658fcd7edde2", path: "commands/review.md", tags: ["review", "git"] });
    });

    const FILTERS: [string, string, string[]][] = [
      ["type=skill", "type=skill", ["api-design", "changelog", "docs-style", "sql-migrations"]],
      ["type=command", "type=command", ["review", "update-docs", "write-tests"]],
      ["type=agent", "type=agent", ["code-reviewer", "db-architect", "docs-writer"]],
      ["type=hook", "type=hook", ["guard-secrets"]],
      ["type=mcp", "type=mcp", ["github", "postgres"]],
      ["q (case-insensitive substring)", "q=DOCS", ["docs-style", "update-docs", "docs-writer"]],
      ["q matching the middle of names", "q=re", ["review", "code-reviewer", "guard-secrets", "postgres"]],
      ["q and type together", "q=docs&type=agent", ["docs-writer"]],
      ["q with a URL-encoded space matching nothing", "q=api%20design", []],
      ["q with a literal %", "q=%25", []],
      ["q with a literal _ (not a wildcard)", "q=_", []],
      ["q = - matches hyphenated names", "q=-", ["api-design", "docs-style", "sql-migrations", "update-docs", "write-tests", "code-reviewer", "db-architect", "docs-writer", "guard-secrets"]],
      ["an empty q (no filter)", "q=", ALL_NAMES],
      ["a type with no artifacts left after q", "type=hook&q=git", []],
    ];

    it.each(FILTERS)("filters by %s", async (_label, query, names) => {
      const page = await get(`/api/v1/artifacts?${query}`);
      expect(page.items.map((a: ArtifactItem) => a.name)).toEqual(names);
      expect(page.total).toBe(names.length);
    });

    const PAGES: [string, string, { limit: number; offset: number; names: string[] }][] = [
      ["the first page", "limit=5", { limit: 5, offset: 0, names: ALL_NAMES.slice(0, 5) }],
      ["a middle page", "limit=5&offset=5", { limit: 5, offset: 5, names: ALL_NAMES.slice(5, 10) }],
      ["the last, short page", "limit=5&offset=10", { limit: 5, offset: 10, names: ALL_NAMES.slice(10) }],
      ["past the end", "offset=13", { limit: 50, offset: 13, names: [] }],
      ["far past the end", "limit=200&offset=1000", { limit: 200, offset: 1000, names: [] }],
      ["one item", "limit=1&offset=12", { limit: 1, offset: 12, names: ["postgres"] }],
      ["a filtered page", "type=skill&limit=2&offset=1", { limit: 2, offset: 1, names: ["changelog", "docs-style"] }],
    ];

    it.each(PAGES)("pages: %s", async (_label, query, want) => {
      const page = await get(`/api/v1/artifacts?${query}`);
      expect(page).toMatchObject({ limit: want.limit, offset: want.offset, total: query.startsWith("type=skill") ? 4 : 13 });
      expect(page.items.map((a: ArtifactItem) => a.name)).toEqual(want.names);
    });

    const BAD_QUERIES: [string, string][] = [
      ["type=widget", "query.type"],
      ["type=Skill", "query.type"],
      ["limit=0", "query.limit"],
      ["limit=201", "query.limit"],
      ["limit=-1", "query.limit"],
      ["limit=abc", "query.limit"],
      ["limit=1.5", "query.limit"],
      ["offset=-1", "query.offset"],
      ["offset=x", "query.offset"],
      ["bogus=1", "query.bogus"],
      ["name=api", "query.name"],
    ];

    it.each(BAD_QUERIES)("rejects ?%s with 422 validation_failed naming %s", async (query, path) => {
      expectValidation(await server.request("GET", `/api/v1/artifacts?${query}`), [path]);
    });

    it("names every bad parameter at once", async () => {
      expectValidation(await server.request("GET", "/api/v1/artifacts?type=x&limit=0&offset=-2"), ["query.type", "query.limit", "query.offset"]);
    });
  });

  describe("GET /api/v1/groups", () => {
    it("lists the 3 example groups in the collection's position order, artifact uuids in group order", async () => {
      const page = await get("/api/v1/groups");
      expect(page).toMatchObject({ total: 3, limit: 50, offset: 0 });
      const items: GroupItem[] = page.items;
      for (const item of items) expect(Object.keys(item).sort()).toEqual([...GROUP_KEYS].sort());
      expect(items).toEqual(
        EXAMPLE_GROUPS.map((g) => ({
          id: g.id,
          name: g.name,
          description: g.description,
          artifact_uuids: g.members.map((name) => art(name).uuid),
        })),
      );
    });

    const PAGES: [string, string, { limit: number; offset: number; names: string[] }][] = [
      ["limit=1", "limit=1", { limit: 1, offset: 0, names: ["Backend essentials"] }],
      ["limit=1&offset=1", "limit=1&offset=1", { limit: 1, offset: 1, names: ["Docs toolkit"] }],
      ["offset=2", "offset=2", { limit: 50, offset: 2, names: ["Code review"] }],
      ["offset=3", "offset=3", { limit: 50, offset: 3, names: [] }],
    ];

    it.each(PAGES)("pages: %s", async (_label, query, want) => {
      const page = await get(`/api/v1/groups?${query}`);
      expect(page).toMatchObject({ total: 3, limit: want.limit, offset: want.offset });
      expect(page.items.map((g: GroupItem) => g.name)).toEqual(want.names);
    });

    const BAD_QUERIES: [string, string][] = [
      ["limit=0", "query.limit"],
      ["limit=201", "query.limit"],
      ["limit=ten", "query.limit"],
      ["offset=-1", "query.offset"],
      ["type=skill", "query.type"],
      ["q=docs", "query.q"],
    ];

    it.each(BAD_QUERIES)("rejects ?%s with 422 validation_failed naming %s", async (query, path) => {
      expectValidation(await server.request("GET", `/api/v1/groups?${query}`), [path]);
    });
  });

  describe("with a collection of its own", () => {
    let collection: ReturnType<typeof copyExampleCollection>;
    let local: TestServer;
    beforeAll(async () => {
      collection = copyExampleCollection();
      // Positions out of file order, and a tie broken by name.
      collection.rewrite((toml) =>
        toml
          .replace("position = 0", "position = 7")
          .replace("position = 1", "position = 3")
          .replace("position = 2", "position = 3")
          .concat('\n[[groups]]\nname = "All reviews"\nposition = 3\nmembers = ["agent:code-reviewer", "command:bare"]\n')
          .concat('\n[[artifacts]]\nname = "bare"\ntype = "command"\npath = "commands/bare.md"\norigin = "local"\nadded = "2025-07-01T00:00:00Z"\n'),
      );
      writeFileSync(join(collection.dir, "commands/bare.md"), "# bare\n");
      local = await startTestServer({ adapter, collection: collection.dir });
    });
    afterAll(async () => {
      await local.close();
      collection.remove();
    });

    it("an entry without description or tags has description null and tags []", async () => {
      const page = (await local.request("GET", "/api/v1/artifacts?q=bare")).json();
      expect(page).toEqual({
        items: [{ uuid: derivedId("command", "bare"), name: "bare", type: "command", description: null, tags: [], path: "commands/bare.md" }],
        total: 1,
        limit: 50,
        offset: 0,
      });
      expect((await local.request("GET", "/api/v1/artifacts?type=command")).json().items.map((a: ArtifactItem) => a.name)).toEqual([
        "bare",
        "review",
        "update-docs",
        "write-tests",
      ]);
    });

    it("orders groups by position, then name", async () => {
      const response = await local.request("GET", "/api/v1/groups");
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json().items.map((g: GroupItem) => [g.name, g.id])).toEqual([
        ["All reviews", groupIdOf("All reviews")],
        ["Code review", groupIdOf("Code review")],
        ["Docs toolkit", groupIdOf("Docs toolkit")],
        ["Backend essentials", groupIdOf("Backend essentials")],
      ]);
      expect(response.json().items[0]).toEqual({
        id: groupIdOf("All reviews"),
        name: "All reviews",
        description: null,
        artifact_uuids: [art("code-reviewer").uuid, derivedId("command", "bare")],
      });
    });

    it("keeps serving the last good catalog while collection.toml does not parse (and /readyz says 503)", async () => {
      const good = collection.read();
      collection.rewrite(() => "[[artifacts]\nname = ");
      try {
        await vi.waitFor(async () => expect((await local.request("GET", "/readyz")).statusCode).toBe(503), { timeout: 5_000, interval: 100 });
        const artifacts = await local.request("GET", "/api/v1/artifacts");
        expect(artifacts.statusCode).toBe(200);
        expect(artifacts.json().total).toBe(14);
        expect((await local.request("GET", "/api/v1/groups")).json().total).toBe(4);
      } finally {
        collection.rewrite(() => good.replace('"All reviews"', '"All the reviews"'));
      }
      await vi.waitFor(async () => expect((await local.request("GET", "/readyz")).statusCode).toBe(200), { timeout: 5_000, interval: 100 });
      await vi.waitFor(
        async () => expect((await local.request("GET", "/api/v1/groups?limit=1")).json().items[0].name).toBe("All the reviews"),
        { timeout: 5_000, interval: 100 },
      );
    });
  });
});
