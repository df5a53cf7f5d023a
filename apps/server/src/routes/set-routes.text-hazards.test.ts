import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dumpOwner } from "../../test/dump.js";
import { expectProblem } from "../../test/expect-problem.js";
import { ADAPTERS, startTestServer, type TestServer } from "../../test/harness.js";

// Text a store cannot keep exactly (PostgreSQL's text holds no NUL; a lone surrogate is not a character and was
// stored as U+FFFD, three of them on SQLite) is rejected on every adapter, before anything is written.
const HAZARDS = { nul: "a\u0000b", lone_high: "x\ud800y", lone_low: "x\udc00y", reversed_pair: "\udc00\ud800" };

describe.each(ADAPTERS)("text no store can keep exactly (%s)", (adapter) => {
  let server: TestServer;
  let setId: string;
  beforeAll(async () => {
    server = await startTestServer({ adapter });
    setId = (await server.request("POST", "/api/v1/deployment-sets", { name: "Holder", tags: ["kept"] })).json().id;
  });
  afterAll(() => server.close());

  const rejected = async (method: "POST" | "PUT" | "PATCH" | "GET", url: string, body: unknown, field: string) => {
    const before = await dumpOwner(server);
    const problem = expectProblem(await server.request(method, url, body), 422, "validation_failed");
    expect(problem.errors).toEqual([expect.objectContaining({ path: field })]);
    expect(await dumpOwner(server)).toEqual(before);
  };

  for (const [hazard, text] of Object.entries(HAZARDS)) {
    it(`rejects ${hazard} in every text field of create, update and clone`, async () => {
      const sets = "/api/v1/deployment-sets";
      for (const field of ["name", "description", "icon"]) await rejected("POST", sets, { name: "ok", [field]: text }, `body.${field}`);
      await rejected("POST", sets, { name: "ok", tags: ["fine", text] }, "body.tags.1");
      for (const method of ["PUT", "PATCH"] as const) {
        await rejected(method, `${sets}/${setId}`, { name: text }, "body.name");
        await rejected(method, `${sets}/${setId}`, { tags: [text] }, "body.tags.0");
      }
      await rejected("POST", `${sets}/${setId}/clone`, { name: text }, "body.name");
    });

    it(`rejects ${hazard} in member references`, async () => {
      for (const key of ["artifact_uuid", "group_id", "nested_set_id"]) {
        await rejected("POST", `/api/v1/deployment-sets/${setId}/members`, { [key]: text }, `body.${key}`);
      }
    });
  }

  // A query string is UTF-8 on the wire, so it can carry a NUL but no lone surrogate.
  it("rejects NUL in the list's name and tag filters", async () => {
    for (const filter of ["name", "tag"]) await rejected("GET", `/api/v1/deployment-sets?${filter}=a%00b`, undefined, `query.${filter}`);
  });

  it("keeps text with combining marks, right-to-left script and astral characters exactly", async () => {
    const name = "e\u0301 \u05e9\u05dc\u05d5\u05dd \u{1F680}";
    const created = (await server.request("POST", "/api/v1/deployment-sets", { name, tags: [name] })).json();
    expect(created).toMatchObject({ name, tags: [name] });
    expect((await server.request("GET", `/api/v1/deployment-sets/${created.id}`)).json()).toMatchObject({ name, tags: [name] });
  });
});
