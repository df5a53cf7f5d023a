import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADAPTERS, startTestServer, type TestServer } from "../../test/harness.js";

describe.each(ADAPTERS)("sets over HTTP (%s)", (adapter) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ adapter });
  });
  afterAll(() => server.close());

  const create = async (body: object) => {
    const response = await server.request("POST", "/api/v1/deployment-sets", body);
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  };

  it("creates with only a name: defaults and the DTO shape", async () => {
    const response = await server.request("POST", "/api/v1/deployment-sets", { name: "Backend" });
    expect(response.statusCode).toBe(201);
    expect(response.headers["content-type"]).toMatch(/^application\/json/);
    const set = response.json();
    expect(Object.keys(set).sort()).toEqual(
      ["id", "name", "description", "icon", "color", "tags", "owner_id", "member_count", "resolved_count", "created_at", "updated_at", "members"].sort(),
    );
    expect(set).toMatchObject({ name: "Backend", description: null, icon: null, color: null, tags: [], owner_id: "local-user", member_count: 0, resolved_count: 0, members: [] });
    expect(set.id).toMatch(/^[0-9a-f]{32}$/);
    expect(set.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  // SkillMeat's web client sends `tags: null` on create and update.
  it("reads tags: null as no tags on create and as clearing them on update (PUT and PATCH)", async () => {
    const created = await create({ name: "Null tags", tags: null });
    expect(created.tags).toEqual([]);
    for (const method of ["PUT", "PATCH"] as const) {
      await server.request("PATCH", `/api/v1/deployment-sets/${created.id}`, { tags: ["a", "b"] });
      const response = await server.request(method, `/api/v1/deployment-sets/${created.id}`, { tags: null });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json().tags).toEqual([]);
      expect((await server.request("GET", `/api/v1/deployment-sets/${created.id}`)).json().tags).toEqual([]);
    }
  });

  it("rejects a bad body with every field named", async () => {
    const response = await server.request("POST", "/api/v1/deployment-sets", { name: "", color: "Red", owner_id: "x" });
    expect(response.statusCode).toBe(422);
    expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
    const problem = response.json();
    expect(problem).toMatchObject({ status: 422, code: "validation_failed", title: expect.any(String), type: expect.any(String), detail: expect.any(String) });
    expect(problem.errors.map((e: { path: string }) => e.path).sort()).toEqual(["body.color", "body.name", "body.owner_id"]);
  });

  it("lists newest first with name and tag filters and pagination", async () => {
    const tag = `t${Date.now()}`;
    const a = await create({ name: "Zeta 50% off", tags: [tag] });
    const b = await create({ name: "zeta_b", tags: [tag.toUpperCase()] });
    const page = (await server.request("GET", `/api/v1/deployment-sets?tag=${tag}`)).json();
    expect(page).toMatchObject({ total: 2, limit: 50, offset: 0 });
    expect(page.items.map((s: { id: string }) => s.id)).toEqual([b.id, a.id]);
    expect(page.items[0]).not.toHaveProperty("members");
    expect((await server.request("GET", "/api/v1/deployment-sets?name=ZETA%2050%25")).json().items.map((s: { id: string }) => s.id)).toEqual([a.id]);
    const second = (await server.request("GET", `/api/v1/deployment-sets?tag=${tag}&limit=1&offset=1`)).json();
    expect(second).toMatchObject({ total: 2, limit: 1, offset: 1, items: [{ id: a.id }] });
    for (const query of ["limit=0", "limit=201", "offset=-1", "limit=x", "bogus=1"]) {
      const response = await server.request("GET", `/api/v1/deployment-sets?${query}`);
      expect(response.statusCode, query).toBe(422);
      expect(response.json().errors[0].path).toMatch(/^query\./);
    }
  });

  it("gets a set with its members, and a malformed or unknown id is 404", async () => {
    const set = await create({ name: "Get me" });
    expect((await server.request("GET", `/api/v1/deployment-sets/${set.id}`)).json()).toMatchObject({ id: set.id, members: [] });
    for (const id of ["0".repeat(32), "not-an-id"]) {
      const response = await server.request("GET", `/api/v1/deployment-sets/${id}`);
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ code: "set_not_found", set_id: id });
    }
  });

  it.each(["PUT", "PATCH"] as const)("updates partially and clears with null (%s)", async (method) => {
    const set = await create({ name: "Old", description: "d", icon: "🚀", color: "#fff", tags: ["a"] });
    const response = await server.request(method, `/api/v1/deployment-sets/${set.id}`, { name: "New", description: null, tags: [] });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ name: "New", description: null, icon: "🚀", color: "#fff", tags: [] });
    expect((await server.request(method, `/api/v1/deployment-sets/${set.id}`, { name: null })).statusCode).toBe(422);
    expect((await server.request(method, `/api/v1/deployment-sets/${"0".repeat(32)}`, { name: "x" })).statusCode).toBe(404);
    // 422 request shape wins over 404 set.
    expect((await server.request(method, `/api/v1/deployment-sets/${"0".repeat(32)}`, { name: "" })).json().code).toBe("validation_failed");
  });

  it("deletes and removes the set from its parents", async () => {
    const child = await create({ name: "Child" });
    const parent = await create({ name: "Parent" });
    await server.request("POST", `/api/v1/deployment-sets/${parent.id}/members`, { nested_set_id: child.id });
    const response = await server.request("DELETE", `/api/v1/deployment-sets/${child.id}`);
    expect(response.statusCode).toBe(204);
    expect(response.body).toBe("");
    expect((await server.request("GET", `/api/v1/deployment-sets/${parent.id}`)).json()).toMatchObject({ member_count: 0, members: [] });
    expect((await server.request("DELETE", `/api/v1/deployment-sets/${child.id}`)).statusCode).toBe(404);
  });

  it("clones with members, with or without a body, independently both ways", async () => {
    const source = await create({ name: "Source", tags: ["x"] });
    const child = await create({ name: "Nested" });
    await server.request("POST", `/api/v1/deployment-sets/${source.id}/members`, { nested_set_id: child.id });
    const bare = await server.app.inject({ method: "POST", url: `/api/v1/deployment-sets/${source.id}/clone` });
    expect(bare.statusCode).toBe(201);
    expect(bare.json()).toMatchObject({ name: "Source (copy)", tags: ["x"], member_count: 1, members: [{ name: "Nested", member_type: "set" }] });
    const emptyJson = await server.app.inject({ method: "POST", url: `/api/v1/deployment-sets/${source.id}/clone`, headers: { "content-type": "application/json" }, payload: "" });
    expect(emptyJson.statusCode).toBe(201);
    const named = await server.request("POST", `/api/v1/deployment-sets/${source.id}/clone`, { name: "Mine" });
    expect(named.json().name).toBe("Mine");
    const clone = named.json();
    await server.request("DELETE", `/api/v1/deployment-sets/${clone.id}/members/${clone.members[0].id}`);
    expect((await server.request("GET", `/api/v1/deployment-sets/${source.id}`)).json().member_count).toBe(1);
    expect((await server.request("POST", `/api/v1/deployment-sets/${"0".repeat(32)}/clone`)).statusCode).toBe(404);
    expect((await server.request("POST", `/api/v1/deployment-sets/${source.id}/clone`, { name: "" })).statusCode).toBe(422);
  });
});
