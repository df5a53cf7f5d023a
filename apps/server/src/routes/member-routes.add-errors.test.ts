import { describe, expect, it } from "vitest";
import { ADAPTERS, type TestServer } from "../../test/harness.js";
import { api, art, expectProblem, expectValidation, grp, UNKNOWN_ID, type SetRef } from "../../test/fixtures.js";
import { membersUrl, setsUrl, startServerForBlock } from "./route-test-helpers.js";

describe.each(ADAPTERS)("members over HTTP (%s)", (adapter) => {
  let server: TestServer;
  let a: ReturnType<typeof api>;
  startServerForBlock(adapter, (started) => ({ server, a } = started));

  const BAD_BODIES: [string, unknown, string[]][] = [
    ["no reference", {}, ["body.artifact_uuid", "body.group_id", "body.nested_set_id"]],
    ["only null references", { artifact_uuid: null, group_id: null, nested_set_id: null }, ["body.artifact_uuid", "body.group_id", "body.nested_set_id"]],
    ["only a position", { position: 0 }, ["body.artifact_uuid", "body.group_id", "body.nested_set_id"]],
    ["two references", { artifact_uuid: art("review").uuid, group_id: grp("Code review").id }, ["body.artifact_uuid", "body.group_id"]],
    ["an artifact and a set", { artifact_uuid: art("review").uuid, nested_set_id: UNKNOWN_ID, group_id: null }, ["body.artifact_uuid", "body.nested_set_id"]],
    [
      "three references",
      { artifact_uuid: art("review").uuid, group_id: grp("Code review").id, nested_set_id: UNKNOWN_ID },
      ["body.artifact_uuid", "body.group_id", "body.nested_set_id"],
    ],
    ["a workflow_id string", { artifact_uuid: art("review").uuid, workflow_id: "wf-1" }, ["body.workflow_id"]],
    ["a workflow_id number", { artifact_uuid: art("review").uuid, workflow_id: 0 }, ["body.workflow_id"]],
    ["an unknown field", { artifact_uuid: art("review").uuid, bogus: 1 }, ["body.bogus"]],
    ["member_type (not an input)", { artifact_uuid: art("review").uuid, member_type: "artifact" }, ["body.member_type"]],
    ["a negative position", { artifact_uuid: art("review").uuid, position: -1 }, ["body.position"]],
    ["a fractional position", { artifact_uuid: art("review").uuid, position: 1.5 }, ["body.position"]],
    ["a string position", { artifact_uuid: art("review").uuid, position: "1" }, ["body.position"]],
    ["an empty artifact_uuid", { artifact_uuid: "" }, ["body.artifact_uuid"]],
    ["a number as artifact_uuid", { artifact_uuid: 42 }, ["body.artifact_uuid"]],
    ["an array body", [], ["body"]],
  ];

  it.each(BAD_BODIES)("rejects %s with 422 validation_failed naming the fields", async (_label, body, paths) => {
    const set = await a.createSet("Bad bodies");
    expectValidation(await server.request("POST", membersUrl(set.id), body), paths);
    expect(await a.members(set.id)).toEqual([]);
  });

  it("rejects a missing body with 422 validation_failed", async () => {
    const set = await a.createSet("No body");
    expectValidation(await server.request("POST", membersUrl(set.id)), ["body"]);
  });

  const UNKNOWN_REFERENCES: [string, object, { kind: string; id: string }][] = [
    ["an unknown artifact uuid", { artifact_uuid: UNKNOWN_ID }, { kind: "artifact", id: UNKNOWN_ID }],
    ["an artifact name instead of an id", { artifact_uuid: "api-design" }, { kind: "artifact", id: "api-design" }],
    ["a group id given as artifact_uuid", { artifact_uuid: grp("Docs toolkit").id }, { kind: "artifact", id: grp("Docs toolkit").id }],
    ["an unknown group id", { group_id: UNKNOWN_ID }, { kind: "group", id: UNKNOWN_ID }],
    ["a group name instead of its id", { group_id: "Docs toolkit" }, { kind: "group", id: "Docs toolkit" }],
    ["an artifact uuid given as group_id", { group_id: art("review").uuid }, { kind: "group", id: art("review").uuid }],
    ["an unknown set id", { nested_set_id: UNKNOWN_ID }, { kind: "set", id: UNKNOWN_ID }],
    ["a malformed set id", { nested_set_id: "not-a-set" }, { kind: "set", id: "not-a-set" }],
  ];

  it.each(UNKNOWN_REFERENCES)("rejects %s with 422 unknown_reference", async (_label, body, data) => {
    const set = await a.createSet("Unknown refs");
    expectProblem(await server.request("POST", membersUrl(set.id), body), 422, "unknown_reference", data);
    expect(await a.members(set.id)).toEqual([]);
  });

  it("rejects a deleted set as a nested set with 422 unknown_reference", async () => {
    const gone = await a.createSet("Gone");
    const set = await a.createSet("Holder of gone");
    expect((await server.request("DELETE", `${setsUrl}/${gone.id}`)).statusCode).toBe(204);
    expectProblem(await server.request("POST", membersUrl(set.id), { nested_set_id: gone.id }), 422, "unknown_reference", { kind: "set", id: gone.id });
  });

  const DUPLICATES: [string, (child: SetRef) => object][] = [
    ["artifact", () => ({ artifact_uuid: art("review").uuid })],
    ["artifact by derived id", () => ({ artifact_uuid: art("write-tests").derivedId })],
    ["group", () => ({ group_id: grp("Docs toolkit").id })],
    ["set", (child) => ({ nested_set_id: child.id })],
  ];

  it("rejects one artifact named first by its derived id, then by its uuid (and the other way round)", async () => {
    const { uuid, derivedId } = art("api-design");
    expect(uuid).not.toBe(derivedId);
    for (const [first, second] of [[derivedId, uuid], [uuid, derivedId]] as const) {
      const set = await a.createSet(`Both spellings ${first.slice(0, 4)}`);
      const added = await a.addMember(set.id, { artifact_uuid: first });
      expectProblem(await server.request("POST", membersUrl(set.id), { artifact_uuid: second }), 409, "duplicate_member", { member_id: added.id });
      expect((await a.members(set.id)).map((m) => m.artifact_uuid)).toEqual([uuid]);
    }
  });

  it.each(DUPLICATES)("rejects a duplicate %s with 409 duplicate_member naming the existing member", async (_label, body) => {
    const child = await a.createSet("Dup child");
    const set = await a.createSet("Dups");
    await a.addMember(set.id, { artifact_uuid: art("postgres").uuid });
    const first = await a.addMember(set.id, body(child));
    for (const again of [body(child), { ...body(child), position: 0 }]) {
      expectProblem(await server.request("POST", membersUrl(set.id), again), 409, "duplicate_member", { member_id: first.id });
    }
    expect((await a.members(set.id)).map((m) => m.id)).toHaveLength(2);
  });
});
