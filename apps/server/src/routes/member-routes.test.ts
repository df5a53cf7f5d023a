import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ADAPTERS, startTestServer, type TestServer } from "../../test/harness.js";
import {
  api,
  art,
  copyExampleCollection,
  expectProblem,
  expectValidation,
  grp,
  UNKNOWN_ID,
  withoutArtifact,
  withoutGroup,
  type MemberBody,
  type SetRef,
} from "../../test/fixtures.js";

const MEMBER_KEYS = ["id", "deployment_set_id", "member_type", "artifact_uuid", "group_id", "nested_set_id", "position", "added_at", "name"];
const ISO_MS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const setsUrl = "/api/v1/deployment-sets";
const membersUrl = (setId: string) => `${setsUrl}/${setId}/members`;
const memberUrl = (setId: string, memberId: string) => `${setsUrl}/${setId}/members/${memberId}`;

/** Asserts a Member DTO: exactly its keys, well-formed ids and timestamp, and the given values. */
function expectMember(member: MemberBody, want: Partial<MemberBody>) {
  expect(Object.keys(member).sort()).toEqual([...MEMBER_KEYS].sort());
  expect(member.id).toMatch(/^[0-9a-f]{32}$/);
  expect(member.added_at).toMatch(ISO_MS);
  expect(member).toMatchObject(want);
}

describe.each(ADAPTERS)("members over HTTP (%s)", (adapter) => {
  let server: TestServer;
  let a: ReturnType<typeof api>;
  beforeAll(async () => {
    server = await startTestServer({ adapter });
    a = api(server);
  });
  afterAll(() => server.close());

  const setWith = (name: string, artifacts: readonly string[]) => a.setWith(name, artifacts);
  const names = async (setId: string) => (await a.members(setId)).map((m) => m.name);
  const positions = async (setId: string) => (await a.members(setId)).map((m) => m.position);

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

  describe("cycles", () => {
    const expectCycle = async (holder: SetRef, nested: SetRef, path: SetRef[]) => {
      const before = await a.members(holder.id);
      const response = await server.request("POST", membersUrl(holder.id), { nested_set_id: nested.id });
      const body = expectProblem(response, 422, "cycle_detected", {
        path: path.map((s) => s.id),
        set_names: path.map((s) => s.name),
      });
      for (const set of path) expect(body.detail).toContain(set.name);
      expect(await a.members(holder.id)).toEqual(before);
    };

    it("rejects a set inside itself", async () => {
      const self = await a.createSet("Selfish");
      await expectCycle(self, self, [self, self]);
    });

    it("rejects a two-step cycle: A holds B, adding A to B", async () => {
      const [top, bottom] = await a.chain("Two-step", 2);
      await expectCycle(bottom!, top!, [bottom!, top!, bottom!]);
    });

    it("rejects a three-step cycle: A holds B holds C, adding A to C", async () => {
      const [top, middle, bottom] = await a.chain("Three-step", 3);
      await expectCycle(bottom!, top!, [bottom!, top!, middle!, bottom!]);
    });

    it("reports the shortest cycle when there are several", async () => {
      const [top, , bottom] = await a.chain("Shortest", 3);
      await a.addMember(top!.id, { nested_set_id: bottom!.id, position: 0 });
      await expectCycle(bottom!, top!, [bottom!, top!, bottom!]);
      // Still the shortest when the direct edge comes last in position order.
      await server.request("PUT", memberUrl(top!.id, (await a.members(top!.id))[0]!.id), { position: 5 });
      await expectCycle(bottom!, top!, [bottom!, top!, bottom!]);
    });

    it("accepts a diamond (the same set reachable along two paths) that is not a cycle", async () => {
      const shared = await a.createSet("Diamond shared");
      const left = await a.createSet("Diamond left");
      const right = await a.createSet("Diamond right");
      await a.addMember(left.id, { nested_set_id: shared.id });
      await a.addMember(right.id, { nested_set_id: shared.id });
      await a.addMember(left.id, { nested_set_id: right.id });
      expect(await names(left.id)).toEqual(["Diamond shared", "Diamond right"]);
    });
  });

  describe("positions", () => {
    const INSERTS: [string, number | undefined, number, string[]][] = [
      ["without a position appends", undefined, 3, ["api-design", "review", "postgres", "github"]],
      ["at 0 inserts first and shifts the rest", 0, 0, ["github", "api-design", "review", "postgres"]],
      ["at 1 inserts in the middle", 1, 1, ["api-design", "github", "review", "postgres"]],
      ["at the member count appends", 3, 3, ["api-design", "review", "postgres", "github"]],
      ["past the member count appends", 99, 3, ["api-design", "review", "postgres", "github"]],
    ];

    it.each(INSERTS)("adding %s", async (_label, position, want, order) => {
      const set = await setWith("Inserts", ["api-design", "review", "postgres"]);
      const member = await a.addMember(set.id, { artifact_uuid: art("github").uuid, ...(position === undefined ? {} : { position }) });
      expect(member.position).toBe(want);
      expect(await names(set.id)).toEqual(order);
      expect(await positions(set.id)).toEqual([0, 1, 2, 3]);
    });

    const MOVES: [string, string, number, number, string[]][] = [
      ["the first member down", "a", 2, 2, ["b", "c", "a", "d"]],
      ["the last member to 0", "d", 0, 0, ["d", "a", "b", "c"]],
      ["a member past the end (clamped to the last position)", "b", 99, 3, ["a", "c", "d", "b"]],
      ["a member to the last position", "a", 3, 3, ["b", "c", "d", "a"]],
      ["a member to its own position", "c", 2, 2, ["a", "b", "c", "d"]],
    ];
    const LETTERS: Record<string, string> = { a: "api-design", b: "review", c: "postgres", d: "github" };

    for (const method of ["PUT", "PATCH"] as const) {
      it.each(MOVES)(`${method} moves %s`, async (_label, who, to, want, order) => {
        const set = await setWith(`Moves ${method}`, Object.values(LETTERS));
        const target = (await a.members(set.id)).find((m) => m.name === LETTERS[who])!;
        const response = await server.request(method, memberUrl(set.id, target.id), { position: to });
        expect(response.statusCode, response.body).toBe(200);
        expect(response.headers["content-type"]).toMatch(/^application\/json/);
        const moved: MemberBody = response.json();
        expectMember(moved, { ...target, position: want });
        expect(await names(set.id)).toEqual(order.map((letter) => LETTERS[letter]));
        expect(await positions(set.id)).toEqual([0, 1, 2, 3]);
      });

      it(`${method} move returns a nested set's and a group's name`, async () => {
        const child = await a.createSet("Moved child");
        const set = await a.createSet(`Named moves ${method}`);
        const nested = await a.addMember(set.id, { nested_set_id: child.id });
        const group = await a.addMember(set.id, { group_id: grp("Docs toolkit").id });
        expect((await server.request(method, memberUrl(set.id, group.id), { position: 0 })).json()).toEqual({ ...group, position: 0 });
        expect((await server.request(method, memberUrl(set.id, nested.id), { position: 0 })).json()).toEqual({ ...nested, position: 0, name: "Moved child" });
      });

      const BAD_MOVES: [string, unknown, string[]][] = [
        ["a negative position", { position: -1 }, ["body.position"]],
        ["a fractional position", { position: 0.5 }, ["body.position"]],
        ["a string position", { position: "1" }, ["body.position"]],
        ["a null position", { position: null }, ["body.position"]],
        ["no position", {}, ["body.position"]],
        ["an unknown field", { position: 1, artifact_uuid: art("review").uuid }, ["body.artifact_uuid"]],
      ];

      it.each(BAD_MOVES)(`${method} move rejects %s with 422 validation_failed`, async (_label, body, paths) => {
        const set = await setWith(`Bad moves ${method}`, ["api-design", "review"]);
        const [first] = await a.members(set.id);
        expectValidation(await server.request(method, memberUrl(set.id, first!.id), body), paths);
        expect(await names(set.id)).toEqual(["api-design", "review"]);
      });
    }

    const REMOVES: [string, string, string[]][] = [
      ["the first member", "api-design", ["review", "postgres", "github"]],
      ["a middle member", "postgres", ["api-design", "review", "github"]],
      ["the last member", "github", ["api-design", "review", "postgres"]],
    ];

    it.each(REMOVES)("removing %s closes ranks", async (_label, who, order) => {
      const set = await setWith("Removes", ["api-design", "review", "postgres", "github"]);
      const target = (await a.members(set.id)).find((m) => m.name === who)!;
      const response = await server.request("DELETE", memberUrl(set.id, target.id));
      expect(response.statusCode).toBe(204);
      expect(response.body).toBe("");
      expect(await names(set.id)).toEqual(order);
      expect(await positions(set.id)).toEqual([0, 1, 2]);
      expectProblem(await server.request("DELETE", memberUrl(set.id, target.id)), 404, "member_not_found", { member_id: target.id });
    });
  });

  describe("effects on the set", () => {
    const updatedAt = async (setId: string) => (await server.request("GET", `${setsUrl}/${setId}`)).json().updated_at as string;
    const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

    it("updated_at changes on every real member change, and not on a no-op move or a rejected request", async () => {
      const set = await a.createSet("Touched");
      let last = await updatedAt(set.id);
      const changed = async () => {
        const now = await updatedAt(set.id);
        expect(now > last, `${now} > ${last}`).toBe(true);
        last = now;
      };
      await tick();
      const first = await a.addMember(set.id, { artifact_uuid: art("review").uuid });
      await changed();
      await tick();
      await a.addMember(set.id, { artifact_uuid: art("github").uuid });
      await changed();
      await tick();
      expect((await server.request("PUT", memberUrl(set.id, first.id), { position: 0 })).statusCode).toBe(200);
      expect((await server.request("POST", membersUrl(set.id), { artifact_uuid: art("review").uuid })).statusCode).toBe(409);
      expect((await server.request("POST", membersUrl(set.id), { artifact_uuid: UNKNOWN_ID })).statusCode).toBe(422);
      expect((await server.request("POST", membersUrl(set.id), { nested_set_id: set.id })).statusCode).toBe(422);
      expect(await updatedAt(set.id)).toBe(last);
      await tick();
      expect((await server.request("PATCH", memberUrl(set.id, first.id), { position: 1 })).statusCode).toBe(200);
      await changed();
      await tick();
      expect((await server.request("DELETE", memberUrl(set.id, first.id))).statusCode).toBe(204);
      await changed();
    });

    it("a nested set's member shows its current name", async () => {
      const child = await a.createSet("Before rename");
      const set = await a.createSet("Renames");
      await a.addMember(set.id, { nested_set_id: child.id });
      expect((await server.request("PATCH", `${setsUrl}/${child.id}`, { name: "After rename" })).statusCode).toBe(200);
      expect(await names(set.id)).toEqual(["After rename"]);
    });

    it("deleting a set that is a member elsewhere closes the gap in every parent", async () => {
      const child = await a.createSet("Deleted child");
      const first = await setWith("Parent one", ["api-design"]);
      const second = await setWith("Parent two", ["api-design", "review"]);
      await a.addMember(first.id, { nested_set_id: child.id });
      await a.addMember(first.id, { artifact_uuid: art("postgres").uuid });
      await a.addMember(second.id, { nested_set_id: child.id, position: 0 });
      expect(await names(first.id)).toEqual(["api-design", "Deleted child", "postgres"]);
      expect(await names(second.id)).toEqual(["Deleted child", "api-design", "review"]);
      expect((await server.request("DELETE", `${setsUrl}/${child.id}`)).statusCode).toBe(204);
      expect(await names(first.id)).toEqual(["api-design", "postgres"]);
      expect(await positions(first.id)).toEqual([0, 1]);
      expect(await names(second.id)).toEqual(["api-design", "review"]);
      expect(await positions(second.id)).toEqual([0, 1]);
    });
  });

  describe("concurrent requests", () => {
    it("of A -> B and B -> A, exactly one succeeds and the other is cycle_detected", async () => {
      for (let round = 0; round < 3; round++) {
        const left = await a.createSet(`Race left ${round}`);
        const right = await a.createSet(`Race right ${round}`);
        const responses = await Promise.all([
          server.request("POST", membersUrl(left.id), { nested_set_id: right.id }),
          server.request("POST", membersUrl(right.id), { nested_set_id: left.id }),
        ]);
        expect(responses.map((r) => r.statusCode).sort()).toEqual([201, 422]);
        expectProblem(responses.find((r) => r.statusCode === 422)!, 422, "cycle_detected");
      }
    });

    it("of the same reference, exactly one succeeds and the others are duplicate_member", async () => {
      const set = await a.createSet("Racing duplicates");
      const responses = await Promise.all([0, 1, 2, 3].map(() => server.request("POST", membersUrl(set.id), { group_id: grp("Code review").id })));
      const created = responses.filter((r) => r.statusCode === 201);
      expect(created).toHaveLength(1);
      for (const response of responses.filter((r) => r.statusCode !== 201)) {
        expectProblem(response, 409, "duplicate_member", { member_id: created[0]!.json().id });
      }
    });

    it("inserting at 0 keeps positions dense", async () => {
      const set = await setWith("Racing inserts", ["review"]);
      const racers = ["api-design", "github", "postgres", "changelog"];
      const responses = await Promise.all(racers.map((name) => server.request("POST", membersUrl(set.id), { artifact_uuid: art(name).uuid, position: 0 })));
      expect(responses.map((r) => r.statusCode)).toEqual([201, 201, 201, 201]);
      expect(await positions(set.id)).toEqual([0, 1, 2, 3, 4]);
      expect((await names(set.id)).at(-1)).toBe("review");
    });
  });

  describe("not found", () => {
    it("a member used under another set is 404 member_not_found, and nothing changes", async () => {
      const holder = await setWith("Real holder", ["api-design", "review"]);
      const other = await setWith("Other set", ["postgres"]);
      const [member] = await a.members(holder.id);
      for (const [method, body] of [["DELETE", undefined], ["PUT", { position: 0 }], ["PATCH", { position: 0 }]] as const) {
        expectProblem(await server.request(method, memberUrl(other.id, member!.id), body), 404, "member_not_found", { member_id: member!.id });
      }
      expect(await names(holder.id)).toEqual(["api-design", "review"]);
      expect(await names(other.id)).toEqual(["postgres"]);
    });

    const MEMBER_IDS: [string, string][] = [
      ["unknown", UNKNOWN_ID],
      ["malformed", "not-a-member"],
    ];

    it.each(MEMBER_IDS)("an %s member id is 404 member_not_found", async (_label, memberId) => {
      const set = await setWith("Member ids", ["review"]);
      for (const [method, body] of [["DELETE", undefined], ["PUT", { position: 0 }], ["PATCH", { position: 0 }]] as const) {
        expectProblem(await server.request(method, memberUrl(set.id, memberId), body), 404, "member_not_found", { member_id: memberId });
      }
    });

    const SET_IDS: [string, string][] = [
      ["unknown", UNKNOWN_ID],
      ["malformed", "not-a-set"],
    ];
    const ROUTES: [string, string, (setId: string) => string, unknown][] = [
      ["list", "GET", membersUrl, undefined],
      ["add", "POST", membersUrl, { artifact_uuid: art("review").uuid }],
      ["remove", "DELETE", (setId) => memberUrl(setId, UNKNOWN_ID), undefined],
      ["move (PUT)", "PUT", (setId) => memberUrl(setId, UNKNOWN_ID), { position: 0 }],
      ["move (PATCH)", "PATCH", (setId) => memberUrl(setId, UNKNOWN_ID), { position: 0 }],
    ];

    for (const [label, setId] of SET_IDS) {
      it.each(ROUTES)(`${label} set id: %s is 404 set_not_found`, async (_route, method, url, body) => {
        expectProblem(await server.request(method as "GET", url(setId), body), 404, "set_not_found", { set_id: setId });
      });
    }
  });

  describe("precedence (http-api.md, Errors)", () => {
    it("415 before 422 and 404: a text body to an unknown set", async () => {
      const response = await server.app.inject({
        method: "POST",
        url: membersUrl(UNKNOWN_ID),
        headers: { "content-type": "text/plain" },
        payload: "artifact_uuid",
      });
      expectProblem(response, 415, "unsupported_media_type");
      const large = await server.app.inject({
        method: "POST",
        url: membersUrl(UNKNOWN_ID),
        headers: { "content-type": "text/plain" },
        payload: "x".repeat(2 * 1024 * 1024),
      });
      expectProblem(large, 415, "unsupported_media_type");
    });

    it("accepts application/json with a charset parameter", async () => {
      const set = await a.createSet("Charset");
      const response = await server.app.inject({
        method: "POST",
        url: membersUrl(set.id),
        headers: { "content-type": "application/json; charset=utf-8" },
        payload: JSON.stringify({ artifact_uuid: art("review").uuid }),
      });
      expect(response.statusCode, response.body).toBe(201);
    });

    it("413 for a body over 1 MiB, before 400, 422 and 404", async () => {
      const response = await server.app.inject({
        method: "POST",
        url: membersUrl(UNKNOWN_ID),
        headers: { "content-type": "application/json" },
        payload: `{"artifact_uuid": "${"a".repeat(1024 * 1024)}"`,
      });
      expectProblem(response, 413, "payload_too_large");
    });

    it("404 route_not_found for a method or path the API does not have", async () => {
      const set = await setWith("Routes", ["review"]);
      const [member] = await a.members(set.id);
      expectProblem(await server.request("GET", memberUrl(set.id, member!.id)), 404, "route_not_found");
      expectProblem(await server.request("POST", `${memberUrl(set.id, member!.id)}/move`, { position: 0 }), 404, "route_not_found");
    });

    it("400 malformed JSON before 422 and 404", async () => {
      const response = await server.app.inject({
        method: "POST",
        url: membersUrl(UNKNOWN_ID),
        headers: { "content-type": "application/json" },
        payload: '{"artifact_uuid": ',
      });
      expectProblem(response, 400, "malformed_json");
    });

    it("422 validation before 404 set", async () => {
      expectValidation(await server.request("POST", membersUrl(UNKNOWN_ID), {}), ["body.artifact_uuid", "body.group_id", "body.nested_set_id"]);
      expectValidation(await server.request("POST", membersUrl("not-a-set"), { artifact_uuid: UNKNOWN_ID, bogus: true }), ["body.bogus"]);
      for (const method of ["PUT", "PATCH"] as const) {
        expectValidation(await server.request(method, memberUrl(UNKNOWN_ID, UNKNOWN_ID), { position: -1 }), ["body.position"]);
      }
    });

    it("422 validation before 404 member", async () => {
      const set = await setWith("Validation before member", ["review"]);
      for (const method of ["PUT", "PATCH"] as const) {
        expectValidation(await server.request(method, memberUrl(set.id, UNKNOWN_ID), { position: "x" }), ["body.position"]);
      }
    });

    it("404 set before 404 member", async () => {
      const owner = await setWith("Member elsewhere", ["review"]);
      const [member] = await a.members(owner.id);
      for (const memberId of [UNKNOWN_ID, member!.id]) {
        for (const [method, body] of [["DELETE", undefined], ["PUT", { position: 0 }], ["PATCH", { position: 0 }]] as const) {
          expectProblem(await server.request(method, memberUrl(UNKNOWN_ID, memberId), body), 404, "set_not_found", { set_id: UNKNOWN_ID });
        }
      }
    });

    it("404 set before 422 unknown_reference", async () => {
      for (const body of [{ artifact_uuid: UNKNOWN_ID }, { group_id: UNKNOWN_ID }, { nested_set_id: UNKNOWN_ID }]) {
        expectProblem(await server.request("POST", membersUrl(UNKNOWN_ID), body), 404, "set_not_found", { set_id: UNKNOWN_ID });
      }
    });

    it("404 set before 422 cycle_detected (a set inside itself, unknown)", async () => {
      expectProblem(await server.request("POST", membersUrl(UNKNOWN_ID), { nested_set_id: UNKNOWN_ID }), 404, "set_not_found", { set_id: UNKNOWN_ID });
    });

    it("a nested set already held is 409 duplicate_member, not a cycle", async () => {
      const [top, bottom] = await a.chain("Dup not cycle", 2);
      const [member] = await a.members(top!.id);
      expectProblem(await server.request("POST", membersUrl(top!.id), { nested_set_id: bottom!.id }), 409, "duplicate_member", { member_id: member!.id });
    });
  });

  describe("with a collection that changes", () => {
    let collection: ReturnType<typeof copyExampleCollection>;
    let local: TestServer;
    let b: ReturnType<typeof api>;
    beforeAll(async () => {
      collection = copyExampleCollection();
      local = await startTestServer({ adapter, collection: collection.dir });
      b = api(local);
    });
    afterAll(async () => {
      await local.close();
      collection.remove();
    });

    it("422 unknown_reference before 409 duplicate_member: re-adding a member the catalog no longer knows", async () => {
      const set = await b.createSet("Stale members");
      const artifactMember = await b.addMember(set.id, { artifact_uuid: art("guard-secrets").uuid });
      const groupMember = await b.addMember(set.id, { group_id: grp("Docs toolkit").id });
      collection.rewrite((toml) => withoutGroup(withoutArtifact(toml, "hook", "guard-secrets"), "Docs toolkit"));
      await vi.waitFor(
        async () => expect((await b.members(set.id)).map((m) => m.name)).toEqual([null, null]),
        { timeout: 5_000, interval: 100 },
      );
      // The members stay, named null, until removed.
      expect((await b.members(set.id)).map((m) => m.id)).toEqual([artifactMember.id, groupMember.id]);
      expectProblem(await local.request("POST", membersUrl(set.id), { artifact_uuid: art("guard-secrets").uuid }), 422, "unknown_reference", {
        kind: "artifact",
        id: art("guard-secrets").uuid,
      });
      expectProblem(await local.request("POST", membersUrl(set.id), { group_id: grp("Docs toolkit").id }), 422, "unknown_reference", {
        kind: "group",
        id: grp("Docs toolkit").id,
      });
      // A stale member can still be moved and removed.
      expect((await local.request("PUT", memberUrl(set.id, groupMember.id), { position: 0 })).json()).toMatchObject({ position: 0, name: null });
      expect((await local.request("DELETE", memberUrl(set.id, artifactMember.id))).statusCode).toBe(204);
    });
  });

  describe("owners (DS_AUTH=token)", () => {
    let owned: TestServer;
    const alice = { token: "alice-token", owner: "alice", scopes: ["read", "write"] } as const;
    const bob = { token: "bob-token", owner: "bob", scopes: ["read", "write"] } as const;
    const reader = { token: "reader-token", owner: "alice", scopes: ["read"] } as const;
    beforeAll(async () => {
      owned = await startTestServer({ adapter, tokens: [alice, bob, reader] });
    });
    afterAll(() => owned.close());

    it("another owner's set is not found, as a path and as a nested_set_id", async () => {
      const mine = (await owned.request("POST", setsUrl, { name: "Alice's" }, alice.token)).json();
      const member = (await owned.request("POST", membersUrl(mine.id), { artifact_uuid: art("review").uuid }, alice.token)).json();
      const theirs = (await owned.request("POST", setsUrl, { name: "Bob's" }, bob.token)).json();
      expectProblem(await owned.request("GET", membersUrl(mine.id), undefined, bob.token), 404, "set_not_found", { set_id: mine.id });
      expectProblem(await owned.request("POST", membersUrl(mine.id), { group_id: grp("Docs toolkit").id }, bob.token), 404, "set_not_found");
      expectProblem(await owned.request("DELETE", memberUrl(mine.id, member.id), undefined, bob.token), 404, "set_not_found");
      expectProblem(await owned.request("PUT", memberUrl(mine.id, member.id), { position: 0 }, bob.token), 404, "set_not_found");
      expectProblem(await owned.request("POST", membersUrl(theirs.id), { nested_set_id: mine.id }, bob.token), 422, "unknown_reference", {
        kind: "set",
        id: mine.id,
      });
      // Bob's member id under Alice's path is not found either.
      const bobs = (await owned.request("POST", membersUrl(theirs.id), { artifact_uuid: art("review").uuid }, bob.token)).json();
      expectProblem(await owned.request("DELETE", memberUrl(mine.id, bobs.id), undefined, alice.token), 404, "member_not_found", { member_id: bobs.id });
      expect((await owned.request("GET", membersUrl(mine.id), undefined, alice.token)).json()).toEqual([{ ...member }]);
    });

    it("404 route_not_found comes before 401", async () => {
      expectProblem(await owned.request("GET", memberUrl(UNKNOWN_ID, UNKNOWN_ID)), 404, "route_not_found");
    });

    it("401 and 403 forbidden come before 422 validation and 404", async () => {
      const response = await owned.request("POST", membersUrl(UNKNOWN_ID), {});
      expectProblem(response, 401, "unauthenticated");
      expect(response.headers["www-authenticate"]).toMatch(/^Bearer/);
      expectProblem(await owned.request("POST", membersUrl(UNKNOWN_ID), {}, reader.token), 403, "forbidden");
      expectProblem(await owned.request("PUT", memberUrl(UNKNOWN_ID, UNKNOWN_ID), { position: -1 }, reader.token), 403, "forbidden");
      expectProblem(await owned.request("DELETE", memberUrl(UNKNOWN_ID, UNKNOWN_ID), undefined, reader.token), 403, "forbidden");
      const textBody = (token?: string) =>
        owned.app.inject({
          method: "POST",
          url: membersUrl(UNKNOWN_ID),
          headers: { "content-type": "text/plain", ...(token ? { authorization: `Bearer ${token}` } : {}) },
          payload: "{",
        });
      expectProblem(await textBody(), 401, "unauthenticated");
      expectProblem(await textBody(reader.token), 403, "forbidden");
      expectProblem(await textBody(alice.token), 415, "unsupported_media_type");
      // A reader can still list.
      expect((await owned.request("GET", membersUrl(UNKNOWN_ID), undefined, reader.token)).statusCode).toBe(404);
    });
  });
});
