import { describe, expect, it } from "vitest";
import { z } from "zod";
import { DeployInput } from "./deploy-input.js";
import { ListArtifactsQuery } from "./list-queries.js";
import { AddMemberInput, MoveMemberInput } from "./member-inputs.js";
import { parseInput, safeParseInput, toFieldErrors } from "./parse-input.js";
import { CreateSetInput, ListSetsQuery, UpdateSetInput } from "./set-inputs.js";

function errorsOf(schema: z.ZodType, input: unknown): string[] {
  try {
    parseInput(schema, input);
  } catch (error) {
    return (error as { code: string; data: { errors: { path: string }[] } }).data.errors.map((e) => e.path);
  }
  return [];
}

describe("CreateSetInput", () => {
  const valid: [string, unknown, unknown][] = [
    ["trims the name", { name: "  Backend  " }, { name: "Backend" }],
    ["a 255-character name", { name: "n".repeat(255) }, { name: "n".repeat(255) }],
    ["255 emoji count as 255 characters", { name: "😀".repeat(255) }, { name: "😀".repeat(255) }],
    ["#rgb and #rrggbb colors", { name: "x", color: "#a1F" }, { name: "x", color: "#a1F" }],
    ["a CSS color word", { name: "x", color: "rebeccapurple" }, { name: "x", color: "rebeccapurple" }],
    ["tags trimmed and de-duplicated case-insensitively, first spelling kept", { name: "x", tags: [" API ", "api", "Web", "web "] }, { name: "x", tags: ["API", "Web"] }],
    ["32 distinct tags among 64 entries", { name: "x", tags: Array.from({ length: 64 }, (_, i) => `t${i % 32}`) }, { name: "x", tags: Array.from({ length: 32 }, (_, i) => `t${i}`) }],
    ["null optional fields", { name: "x", description: null, icon: null, color: null }, { name: "x", description: null, icon: null, color: null }],
  ];
  it.each(valid)("accepts %s", (_name, input, want) => {
    expect(parseInput(CreateSetInput, input)).toEqual(want);
  });

  const invalid: [string, unknown, string[]][] = [
    ["a missing name", {}, ["name"]],
    ["a blank name", { name: "   " }, ["name"]],
    ["a 256-character name", { name: "n".repeat(256) }, ["name"]],
    ["a 4,001-character description", { name: "x", description: "d".repeat(4001) }, ["description"]],
    ["a 65-character icon", { name: "x", icon: "i".repeat(65) }, ["icon"]],
    ["an uppercase color word", { name: "x", color: "Red" }, ["color"]],
    ["a 4-digit hex color", { name: "x", color: "#abcd" }, ["color"]],
    ["an empty tag", { name: "x", tags: ["ok", " "] }, ["tags.1"]],
    ["a 65-character tag", { name: "x", tags: ["t".repeat(65)] }, ["tags.0"]],
    ["33 distinct tags", { name: "x", tags: Array.from({ length: 33 }, (_, i) => `t${i}`) }, ["tags"]],
    ["65 tag entries", { name: "x", tags: Array.from({ length: 65 }, () => "same") }, ["tags"]],
    ["an unknown field, named", { name: "x", ownerId: "mallory" }, ["ownerId"]],
    ["a non-object input", "name", [""]],
  ];
  it.each(invalid)("rejects %s", (_name, input, paths) => {
    expect(errorsOf(CreateSetInput, input)).toEqual(paths);
  });
});

describe("UpdateSetInput", () => {
  it("keeps absent fields absent and null as a clear", () => {
    expect(parseInput(UpdateSetInput, { description: null })).toEqual({ description: null });
  });
  it("rejects a null name and null tags", () => {
    expect(errorsOf(UpdateSetInput, { name: null, tags: null })).toEqual(["name", "tags"]);
  });
});

describe("AddMemberInput", () => {
  it.each([
    [{ ref: { type: "artifact", id: "a" } }],
    [{ ref: { type: "group", id: "g" } }],
    [{ ref: { type: "set", id: "s" }, position: 0 }],
  ])("accepts a reference: %j", (input) => {
    expect(parseInput(AddMemberInput, input)).toEqual(input);
  });

  const invalid: [string, unknown, string[]][] = [
    ["no reference", {}, ["ref"]],
    ["an unknown kind", { ref: { type: "workflow", id: "w" } }, ["ref.type"]],
    ["an empty id", { ref: { type: "artifact", id: "" } }, ["ref.id"]],
    ["a 256-character id", { ref: { type: "artifact", id: "i".repeat(256) } }, ["ref.id"]],
    ["a negative position", { ref: { type: "artifact", id: "a" }, position: -1 }, ["position"]],
    ["a fractional position", { ref: { type: "artifact", id: "a" }, position: 1.5 }, ["position"]],
    ["a position past 2^31 - 1", { ref: { type: "artifact", id: "a" }, position: 2 ** 31 }, ["position"]],
    ["an unknown field", { ref: { type: "artifact", id: "a" }, extra: 1 }, ["extra"]],
  ];
  it.each(invalid)("rejects %s", (_name, input, paths) => {
    expect(errorsOf(AddMemberInput, input)).toEqual(paths);
  });
});

describe("MoveMemberInput", () => {
  it("requires a position >= 0", () => {
    expect(errorsOf(MoveMemberInput, { position: -2 })).toEqual(["position"]);
    expect(errorsOf(MoveMemberInput, {})).toEqual(["position"]);
  });
});

describe("list queries", () => {
  it("default limit and offset", () => {
    expect(parseInput(ListSetsQuery, {})).toEqual({ limit: 50, offset: 0 });
    expect(parseInput(ListSetsQuery, { limit: 200, offset: 5, name: "x" })).toEqual({ limit: 200, offset: 5, name: "x" });
    expect(parseInput(ListArtifactsQuery, { type: "skill" })).toEqual({ type: "skill", limit: 50, offset: 0 });
  });
  it.each([[{ limit: 0 }], [{ limit: 201 }], [{ limit: "5" }], [{ limit: 1.5 }]])("rejects limit %j", (query) => {
    expect(errorsOf(ListSetsQuery, query)).toEqual(["limit"]);
  });
  it("rejects a negative offset, a huge one, and an unknown artifact type", () => {
    expect(errorsOf(ListSetsQuery, { offset: -1 })).toEqual(["offset"]);
    expect(errorsOf(ListSetsQuery, { offset: 2 ** 31 })).toEqual(["offset"]);
    expect(errorsOf(ListArtifactsQuery, { type: "plugin" })).toEqual(["type"]);
  });
});

describe("DeployInput", () => {
  it("fills the defaults", () => {
    expect(parseInput(DeployInput, { projectPath: "/p" })).toEqual({ projectPath: "/p", profile: "claude_code", dryRun: false, force: false, prune: false });
  });
  it("rejects an empty path, an unknown profile and the wire's snake_case names", () => {
    expect(errorsOf(DeployInput, { projectPath: "", profile: "vim" })).toEqual(["projectPath", "profile"]);
    expect(errorsOf(DeployInput, { project_path: "/p" })).toEqual(["projectPath", "project_path"]);
  });
});

describe("toFieldErrors", () => {
  const Either = z.xor([z.strictObject({ a: z.string() }), z.strictObject({ b: z.number() })], { error: "either a or b" });
  const errors = (input: unknown) => toFieldErrors(Either.safeParse(input).error!, "body");

  it("prefixes paths and reports the closest branch of a union", () => {
    expect(errors({ a: 1 })).toEqual([{ path: "body.a", message: "Invalid input: expected string, received number" }]);
  });
  it("reports equally close branches with the union's own message, unknown keys as such", () => {
    expect(errors({ c: 1 })).toEqual([
      { path: "body.a", message: "either a or b" },
      { path: "body.c", message: "unknown field" },
      { path: "body.b", message: "either a or b" },
    ]);
  });
});

describe("text every store keeps exactly", () => {
  const hazards: [string, string][] = [
    ["a NUL character", "a\u0000b"],
    ["a lone high surrogate", "a\ud800b"],
    ["a lone low surrogate", "a\udc00b"],
    ["a low surrogate before a high one", "\udc00\ud800"],
    ["a high surrogate at the end", "abc\ud83d"],
  ];
  it.each(hazards)("rejects %s in every text input", (_name, text) => {
    expect(errorsOf(CreateSetInput, { name: text, description: text, icon: text, tags: ["ok", text] })).toEqual([
      "name",
      "description",
      "icon",
      "tags.1",
    ]);
    expect(errorsOf(UpdateSetInput, { name: text })).toEqual(["name"]);
    expect(errorsOf(AddMemberInput, { ref: { type: "artifact", id: text } })).toEqual(["ref.id"]);
    expect(errorsOf(ListSetsQuery, { name: text, tag: text })).toEqual(["name", "tag"]);
    expect(errorsOf(ListArtifactsQuery, { q: text })).toEqual(["q"]);
    expect(errorsOf(DeployInput, { projectPath: `/tmp/${text}` })).toEqual(["projectPath"]);
  });

  it("keeps surrogate pairs, combining marks and right-to-left text", () => {
    const name = "😀 e\u0301 \u05e9\u05dc\u05d5\u05dd";
    expect(parseInput(CreateSetInput, { name, tags: [name] })).toEqual({ name, tags: [name] });
  });
});

describe("how much a validation error reads and says", () => {
  it("rejects an input with more fields than any input has, as one error, before reading them", () => {
    const huge = Object.fromEntries(Array.from({ length: 80_000 }, (_, i) => [`k${i}`, i]));
    const result = safeParseInput(CreateSetInput, { name: "x", ...huge }, "body");
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.data.errors).toEqual([{ path: "body", message: "must have at most 64 fields" }]);
  });

  it("lists at most 20 field errors and counts them all in its message", () => {
    const many = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, i]));
    const result = safeParseInput(CreateSetInput, { name: "", ...many });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.error.data.errors).toHaveLength(20);
    expect(result.error.message).toMatch(/\(and 40 more\)$/);
  });

  it("cuts a long unknown key to 64 characters where it is named", () => {
    const key = "k".repeat(100_000);
    const result = safeParseInput(CreateSetInput, { name: "x", [key]: 1 }, "body");
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.error.data.errors).toEqual([{ path: `body.${"k".repeat(64)}…`, message: "unknown field" }]);
    expect(result.error.message.length).toBeLessThan(200);
  });

  it("reads an input with exactly the most fields allowed", () => {
    const fields = Object.fromEntries(Array.from({ length: 63 }, (_, i) => [`k${i}`, i]));
    const result = safeParseInput(CreateSetInput, { name: "x", ...fields });
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.data.errors[0]).toEqual({ path: "k0", message: "unknown field" });
  });
});
