import { toFieldErrors } from "@deployment-sets/core";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { ArtifactListQueryString, DeployBody, InventoryQueryString, MemberCreateBody, SetCloneBody, SetCreateBody, SetListQueryString, SetUpdateBody, UndeployBody } from "./requests.js";

/** The wire input parsed into the library's input, or the field errors the server would answer (`body.` paths). */
function parse(schema: z.ZodType, input: unknown, source = "body"): unknown {
  const result = schema.safeParse(input);
  return result.success ? result.data : { errors: toFieldErrors(result.error, source) };
}

describe("wire bodies become the library's inputs", () => {
  it.each<[string, z.ZodType, unknown, unknown]>([
    ["a set, null tags meaning none", SetCreateBody, { name: " Backend ", tags: null, description: null }, { name: "Backend", description: null }],
    ["an update, null tags emptying the list", SetUpdateBody, { tags: null, icon: null }, { tags: [], icon: null }],
    ["an update leaving tags alone", SetUpdateBody, { name: "N" }, { name: "N" }],
    ["no clone body", SetCloneBody, undefined, {}],
    ["an artifact member", MemberCreateBody, { artifact_uuid: "a", group_id: null, nested_set_id: null, workflow_id: null }, { ref: { type: "artifact", id: "a" } }],
    ["a group member at a position", MemberCreateBody, { group_id: "g", position: 2 }, { ref: { type: "group", id: "g" }, position: 2 }],
    ["a nested set, null position appending", MemberCreateBody, { nested_set_id: "s", position: null }, { ref: { type: "set", id: "s" } }],
    ["a deploy with its defaults", DeployBody, { project_path: "/p" }, { projectPath: "/p", profile: "claude_code", dryRun: false, force: false, prune: false }],
    [
      "a dry run for codex, pruning",
      DeployBody,
      { project_path: "/p", profile: "codex", dry_run: true, force: true, prune: true },
      { projectPath: "/p", profile: "codex", dryRun: true, force: true, prune: true },
    ],
    ["an undeploy with its defaults", UndeployBody, { project_path: "/p" }, { projectPath: "/p", profile: "claude_code", dryRun: false, force: false }],
    ["an inventory query", InventoryQueryString, { project_path: "/p", profile: "cursor" }, { projectPath: "/p", profile: "cursor" }],
  ])("%s", (_name, schema, input, want) => {
    expect(parse(schema, input)).toEqual(want);
  });

  it("reads query strings as numbers, with the library's defaults and bounds", () => {
    expect(parse(SetListQueryString, { limit: "200", offset: "5", name: "x" }, "query")).toEqual({ limit: 200, offset: 5, name: "x" });
    expect(parse(ArtifactListQueryString, {}, "query")).toEqual({ limit: 50, offset: 0 });
    for (const limit of ["0", "201", "abc", "1.5", "-1"]) {
      expect(parse(SetListQueryString, { limit }, "query"), limit).toEqual({ errors: [expect.objectContaining({ path: "query.limit" })] });
    }
    expect(parse(SetListQueryString, { limit: ["1", "2"] }, "query")).toEqual({ errors: [expect.objectContaining({ path: "query.limit" })] });
    expect(parse(ArtifactListQueryString, { type: "plugin", extra: "1" }, "query")).toEqual({
      errors: [expect.objectContaining({ path: "query.type" }), { path: "query.extra", message: "unknown field" }],
    });
  });
});

describe("wire errors name the wire's fields", () => {
  const ONE_OF = "artifact_uuid, group_id, nested_set_id";
  it.each<[string, unknown, { path: string; message: string }[]]>([
    ["no reference", {}, ["artifact_uuid", "group_id", "nested_set_id"].map((key) => ({ path: `body.${key}`, message: `exactly one of ${ONE_OF} is required` }))],
    ["only null references", { artifact_uuid: null, group_id: null }, ["artifact_uuid", "group_id", "nested_set_id"].map((key) => ({ path: `body.${key}`, message: `exactly one of ${ONE_OF} is required` }))],
    [
      "two references",
      { artifact_uuid: "a", group_id: "g" },
      ["group_id", "artifact_uuid"].map((key) => ({ path: `body.${key}`, message: `exactly one of ${ONE_OF} is allowed; got artifact_uuid, group_id` })),
    ],
    ["a workflow", { artifact_uuid: "a", workflow_id: "w" }, [{ path: "body.workflow_id", message: "workflows are not supported; send null or leave it out" }]],
    ["a negative position", { artifact_uuid: "a", position: -1 }, [{ path: "body.position", message: "must be >= 0" }]],
    ["an unknown field", { nested_set_id: "s", extra: 1 }, [{ path: "body.extra", message: "unknown field" }]],
    [
      "a library-style body",
      { ref: { type: "set", id: "s" } },
      [
        { path: "body.artifact_uuid", message: `exactly one of ${ONE_OF} is required` },
        { path: "body.ref", message: "unknown field" },
        { path: "body.group_id", message: `exactly one of ${ONE_OF} is required` },
        { path: "body.nested_set_id", message: `exactly one of ${ONE_OF} is required` },
      ],
    ],
    ["not an object", "s", [{ path: "body", message: "must be an object" }]],
  ])("a member with %s", (_name, input, errors) => {
    expect(parse(MemberCreateBody, input)).toEqual({ errors });
  });

  it("names the snake_case fields of a deploy, and rejects a null clone body", () => {
    expect(parse(DeployBody, { projectPath: "/p", dry_run: "yes" })).toEqual({
      errors: [
        { path: "body.project_path", message: "Invalid input: expected string, received undefined" },
        { path: "body.dry_run", message: "Invalid input: expected boolean, received string" },
        { path: "body.projectPath", message: "unknown field" },
      ],
    });
    expect(parse(SetCloneBody, null)).toEqual({ errors: [{ path: "body", message: "Invalid input: expected object, received null" }] });
  });
});
