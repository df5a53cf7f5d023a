import { describe, expectTypeOf, it } from "vitest";
import { createClient } from "./client.js";
import type { DeploymentSetsApiError, ErrorCode } from "./errors.js";
import type {
  Artifact,
  DeploymentSet,
  DeploymentSetSummary,
  DeployReport,
  Member,
  RequestBody,
  Resolution,
  ResponseBody,
} from "./types.js";

const client = createClient({ baseUrl: "http://127.0.0.1:8080" });
const id = "0b7d5c2a9e8f4a6b8c1d3e5f7a9b0c2d";

describe("request types come from the document", () => {
  it("rejects a missing required field or a wrong one", () => {
    // @ts-expect-error: `name` is required
    void client.sets.create({ description: "no name" });
    // @ts-expect-error: an unknown field
    void client.sets.create({ name: "S", colour: "red" });
    // @ts-expect-error: `name` cannot be null on update
    void client.sets.update(id, { name: null });
    // @ts-expect-error: the wire is snake_case
    void client.sets.deploy(id, { projectPath: "/p" });
    // @ts-expect-error: not a profile
    void client.sets.deploy(id, { project_path: "/p", profile: "vim" });
    // @ts-expect-error: a position is a number
    void client.sets.members.move(id, id, { position: "1" });
    // @ts-expect-error: limit is a number
    void client.sets.list({ limit: "10" });
  });

  it("takes exactly one member reference", () => {
    void client.sets.members.add(id, { artifact_uuid: "a" });
    void client.sets.members.add(id, { group_id: "g", artifact_uuid: null, position: 2 });
    // @ts-expect-error: no reference
    void client.sets.members.add(id, { position: 1 });
    // @ts-expect-error: two references
    void client.sets.members.add(id, { artifact_uuid: "a", nested_set_id: "s" });
  });

  it("accepts what the document accepts", () => {
    expectTypeOf<RequestBody<"createDeploymentSet">>().toEqualTypeOf<Parameters<typeof client.sets.create>[0]>();
    void client.sets.create({ name: "S", description: null, tags: null });
    void client.sets.clone(id);
    void client.sets.deploy(id, { project_path: "/p", dry_run: true, profile: "gemini" });
  });
});

describe("response types come from the document", () => {
  it("answers each operation's success body", () => {
    expectTypeOf(client.sets.create).returns.resolves.toEqualTypeOf<ResponseBody<"createDeploymentSet">>();
    expectTypeOf(client.sets.get).returns.resolves.toEqualTypeOf<ResponseBody<"getDeploymentSet">>();
    expectTypeOf(client.sets.list).returns.resolves.toMatchTypeOf<ResponseBody<"listDeploymentSets">>();
    expectTypeOf(client.sets.members.list).returns.resolves.toEqualTypeOf<ResponseBody<"listMembers">>();
    expectTypeOf(client.sets.members.add).returns.resolves.toEqualTypeOf<ResponseBody<"addMember">>();
    expectTypeOf(client.sets.resolve).returns.resolves.toEqualTypeOf<ResponseBody<"resolveDeploymentSet">>();
    expectTypeOf(client.sets.deploy).returns.resolves.toEqualTypeOf<ResponseBody<"deployDeploymentSet">>();
    expectTypeOf(client.sets.delete).returns.resolves.toEqualTypeOf<void>();
    expectTypeOf<ResponseBody<"deleteDeploymentSet">>().toEqualTypeOf<undefined>();
  });

  it("names the common shapes", () => {
    expectTypeOf<DeploymentSet["members"]>().toEqualTypeOf<Member[]>();
    expectTypeOf(client.sets.all).returns.toEqualTypeOf<AsyncIterableIterator<DeploymentSetSummary>>();
    expectTypeOf(client.artifacts.all).returns.toEqualTypeOf<AsyncIterableIterator<Artifact>>();
    expectTypeOf<Resolution["resolved_artifacts"][number]["source_path"]>().toEqualTypeOf<string[]>();
    expectTypeOf<DeployReport["results"][number]["action"]>().toEqualTypeOf<
      "created" | "unchanged" | "updated" | "kept_local_changes" | "conflict" | "overwritten" | "unsupported" | "error"
    >();
  });

  it("types an error's code as the server's codes", () => {
    expectTypeOf<DeploymentSetsApiError["code"]>().toEqualTypeOf<ErrorCode>();
    expectTypeOf<"cycle_detected">().toMatchTypeOf<ErrorCode>();
    expectTypeOf<"unauthenticated">().toMatchTypeOf<ErrorCode>();
    // @ts-expect-error: not a code of the server
    const unknown: ErrorCode = "teapot";
    void unknown;
  });
});
