import { describe, expect, it } from "vitest";
import { ADAPTERS, type TestServer } from "../../test/harness.js";
import { api, art, grp, type MemberBody, type SetRef } from "../../test/fixtures.js";
import { expectMember, membersUrl, setsUrl, startServerForBlock } from "./route-test-helpers.js";

describe.each(ADAPTERS)("members over HTTP (%s)", (adapter) => {
  let server: TestServer;
  let a: ReturnType<typeof api>;
  startServerForBlock(adapter, (started) => ({ server, a } = started));

  it("lists members in position order with their names", async () => {
    const child = await a.createSet("Listed child");
    const set = await a.createSet("Listed");
    await a.addMember(set.id, { artifact_uuid: art("review").uuid });
    await a.addMember(set.id, { group_id: grp("Docs toolkit").id });
    await a.addMember(set.id, { nested_set_id: child.id });
    await a.addMember(set.id, { artifact_uuid: art("postgres").uuid, position: 0 });
    const response = await server.request("GET", membersUrl(set.id));
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toMatch(/^application\/json/);
    const members: MemberBody[] = response.json();
    expect(members.map((m) => [m.position, m.member_type, m.name])).toEqual([
      [0, "artifact", "postgres"],
      [1, "artifact", "review"],
      [2, "group", "Docs toolkit"],
      [3, "set", "Listed child"],
    ]);
    for (const member of members) expectMember(member, { deployment_set_id: set.id });
    // The set's own view carries the same members.
    expect((await server.request("GET", `${setsUrl}/${set.id}`)).json()).toMatchObject({ member_count: 4, members });
    // An empty set lists [].
    expect((await server.request("GET", membersUrl(child.id))).json()).toEqual([]);
  });

  const ADD_CASES: [string, (child: SetRef) => object, (child: SetRef) => Partial<MemberBody>][] = [
    [
      "an artifact by uuid",
      () => ({ artifact_uuid: art("api-design").uuid }),
      () => ({ member_type: "artifact", artifact_uuid: art("api-design").uuid, group_id: null, nested_set_id: null, name: "api-design" }),
    ],
    [
      "an artifact by its derived id (the entry also has a uuid), stored under the uuid",
      () => ({ artifact_uuid: art("api-design").derivedId }),
      () => ({ member_type: "artifact", artifact_uuid: art("api-design").uuid, group_id: null, nested_set_id: null, name: "api-design" }),
    ],
    [
      "an artifact by derived id (the entry has no uuid)",
      () => ({ artifact_uuid: art("sql-migrations").derivedId }),
      () => ({ member_type: "artifact", artifact_uuid: art("sql-migrations").derivedId, group_id: null, nested_set_id: null, name: "sql-migrations" }),
    ],
    [
      "a group",
      () => ({ group_id: grp("Backend essentials").id }),
      () => ({ member_type: "group", artifact_uuid: null, group_id: grp("Backend essentials").id, nested_set_id: null, name: "Backend essentials" }),
    ],
    [
      "a nested set",
      (child) => ({ nested_set_id: child.id }),
      (child) => ({ member_type: "set", artifact_uuid: null, group_id: null, nested_set_id: child.id, name: child.name }),
    ],
    [
      "a Member echoed back (unused references null, workflow_id null)",
      () => ({ artifact_uuid: null, group_id: grp("Code review").id, nested_set_id: null, workflow_id: null }),
      () => ({ member_type: "group", artifact_uuid: null, group_id: grp("Code review").id, nested_set_id: null, name: "Code review" }),
    ],
    [
      "a nested set echoed with null artifact and group keys",
      (child) => ({ artifact_uuid: null, group_id: null, nested_set_id: child.id, position: 0 }),
      (child) => ({ member_type: "set", artifact_uuid: null, group_id: null, nested_set_id: child.id, name: child.name }),
    ],
    [
      "an artifact with workflow_id null",
      () => ({ artifact_uuid: art("github").uuid, workflow_id: null }),
      () => ({ member_type: "artifact", artifact_uuid: art("github").uuid, group_id: null, nested_set_id: null, name: "github" }),
    ],
  ];

  it.each(ADD_CASES)("adds %s: 201 with the Member DTO", async (_label, body, want) => {
    const child = await a.createSet("Nested child");
    const set = await a.createSet("Adds");
    const response = await server.request("POST", membersUrl(set.id), body(child));
    expect(response.statusCode, response.body).toBe(201);
    expect(response.headers["content-type"]).toMatch(/^application\/json/);
    const member: MemberBody = response.json();
    expectMember(member, { ...want(child), deployment_set_id: set.id, position: 0 });
    expect(await a.members(set.id)).toEqual([member]);
  });
});
