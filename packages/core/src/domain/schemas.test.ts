import { describe, expect, it } from "vitest";
import { parseInput } from "./parse-input.js";
import { MemberCreateInput, MemberMoveInput, SetCreateInput, SetListQuery, SetUpdateInput } from "./schemas.js";
import type { z } from "zod";

function errorsOf(schema: z.ZodType, input: unknown, source: "body" | "query" = "body") {
  try {
    parseInput(schema, input, source);
  } catch (error) {
    return (error as { code: string; data: { errors: { path: string }[] } }).data.errors.map((e) => e.path);
  }
  return [];
}

describe("SetCreateInput", () => {
  const valid: [string, unknown, unknown][] = [
    ["trims the name", { name: "  Backend  " }, { name: "Backend" }],
    ["a 255-character name", { name: "n".repeat(255) }, { name: "n".repeat(255) }],
    ["255 emoji count as 255 characters", { name: "😀".repeat(255) }, { name: "😀".repeat(255) }],
    ["#rgb and #rrggbb colors", { name: "x", color: "#a1F" }, { name: "x", color: "#a1F" }],
    ["a CSS color word", { name: "x", color: "rebeccapurple" }, { name: "x", color: "rebeccapurple" }],
    ["tags trimmed and de-duplicated case-insensitively, first spelling kept", { name: "x", tags: [" API ", "api", "Web", "web "] }, { name: "x", tags: ["API", "Web"] }],
    ["32 distinct tags", { name: "x", tags: Array.from({ length: 40 }, (_, i) => `t${i % 32}`) }, { name: "x", tags: Array.from({ length: 32 }, (_, i) => `t${i}`) }],
    ["null optional fields", { name: "x", description: null, icon: null, color: null }, { name: "x", description: null, icon: null, color: null }],
  ];
  it.each(valid)("accepts %s", (_name, input, want) => {
    expect(parseInput(SetCreateInput, input, "body")).toEqual(want);
  });

  const invalid: [string, unknown, string[]][] = [
    ["a missing name", {}, ["body.name"]],
    ["a blank name", { name: "   " }, ["body.name"]],
    ["a 256-character name", { name: "n".repeat(256) }, ["body.name"]],
    ["a 4,001-character description", { name: "x", description: "d".repeat(4001) }, ["body.description"]],
    ["a 65-character icon", { name: "x", icon: "i".repeat(65) }, ["body.icon"]],
    ["an uppercase color word", { name: "x", color: "Red" }, ["body.color"]],
    ["a 4-digit hex color", { name: "x", color: "#abcd" }, ["body.color"]],
    ["an empty tag", { name: "x", tags: ["ok", " "] }, ["body.tags.1"]],
    ["a 65-character tag", { name: "x", tags: ["t".repeat(65)] }, ["body.tags.0"]],
    ["33 distinct tags", { name: "x", tags: Array.from({ length: 33 }, (_, i) => `t${i}`) }, ["body.tags"]],
    ["an unknown field, named", { name: "x", owner_id: "mallory" }, ["body.owner_id"]],
    ["a non-object body", "name", ["body"]],
  ];
  it.each(invalid)("rejects %s", (_name, input, paths) => {
    expect(errorsOf(SetCreateInput, input)).toEqual(paths);
  });
});

describe("SetUpdateInput", () => {
  it("keeps absent fields absent and null as a clear", () => {
    expect(parseInput(SetUpdateInput, { description: null }, "body")).toEqual({ description: null });
  });
  it("rejects a null name and null tags", () => {
    expect(errorsOf(SetUpdateInput, { name: null, tags: null })).toEqual(["body.name", "body.tags"]);
  });
});

describe("MemberCreateInput", () => {
  it.each([
    [{ artifact_uuid: "a" }],
    [{ group_id: "g", artifact_uuid: null, nested_set_id: null, workflow_id: null }],
    [{ nested_set_id: "s", position: 0 }],
  ])("accepts exactly one reference: %j", (input) => {
    expect(() => parseInput(MemberCreateInput, input, "body")).not.toThrow();
  });

  const invalid: [string, unknown, string[]][] = [
    ["no reference", {}, ["body.artifact_uuid", "body.group_id", "body.nested_set_id"]],
    ["only null references", { artifact_uuid: null, group_id: null }, ["body.artifact_uuid", "body.group_id", "body.nested_set_id"]],
    ["two references", { artifact_uuid: "a", group_id: "g" }, ["body.artifact_uuid", "body.group_id"]],
    ["a workflow", { artifact_uuid: "a", workflow_id: "w" }, ["body.workflow_id"]],
    ["a negative position", { artifact_uuid: "a", position: -1 }, ["body.position"]],
    ["a fractional position", { artifact_uuid: "a", position: 1.5 }, ["body.position"]],
    ["an unknown field", { artifact_uuid: "a", extra: 1 }, ["body.extra"]],
  ];
  it.each(invalid)("rejects %s", (_name, input, paths) => {
    expect(errorsOf(MemberCreateInput, input)).toEqual(paths);
  });
});

describe("MemberMoveInput", () => {
  it("requires a position >= 0", () => {
    expect(errorsOf(MemberMoveInput, { position: -2 })).toEqual(["body.position"]);
    expect(errorsOf(MemberMoveInput, {})).toEqual(["body.position"]);
  });
});

describe("SetListQuery", () => {
  it("defaults limit and offset and parses query strings", () => {
    expect(parseInput(SetListQuery, {}, "query")).toEqual({ limit: 50, offset: 0 });
    expect(parseInput(SetListQuery, { limit: "200", offset: "5", name: "x" }, "query")).toEqual({ limit: 200, offset: 5, name: "x" });
  });
  it.each([[{ limit: "0" }], [{ limit: "201" }], [{ limit: "abc" }], [{ limit: "1.5" }]])("rejects limit %j", (query) => {
    expect(errorsOf(SetListQuery, query, "query")).toEqual(["query.limit"]);
  });
  it("rejects a negative offset", () => {
    expect(errorsOf(SetListQuery, { offset: "-1" }, "query")).toEqual(["query.offset"]);
  });
});
