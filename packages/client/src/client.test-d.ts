import { describe, expectTypeOf, it } from "vitest";
import { createClient } from "./client.js";
import type { DeploymentSetsApiError, ErrorCode } from "./errors.js";
import type {
  Artifact,
  DeployedArtifact,
  DeploymentSet,
  DeploymentSetSummary,
  DeployReport,
  Member,
  ProjectInventory,
  RequestBody,
  Resolution,
  ResponseBody,
  SetDeployment,
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

  it("takes what the deployment lifecycle requires", () => {
    // @ts-expect-error: an undeploy needs a body
    void client.sets.undeploy(id);
    // @ts-expect-error: `project_path` is required
    void client.sets.undeploy(id, { dry_run: true });
    // @ts-expect-error: an undeploy does not prune
    void client.sets.undeploy(id, { project_path: "/p", prune: true });
    // @ts-expect-error: the set's id is required
    void client.sets.deployments();
    // @ts-expect-error: the inventory needs a query
    void client.deployments.inventory();
    // @ts-expect-error: `project_path` is required
    void client.deployments.inventory({ profile: "cursor" });
    // @ts-expect-error: not a profile
    void client.deployments.inventory({ project_path: "/p", profile: "vim" });
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
    void client.sets.deploy(id, { project_path: "/p", prune: true, force: true });
    expectTypeOf<RequestBody<"undeployDeploymentSet">>().toEqualTypeOf<Parameters<typeof client.sets.undeploy>[1]>();
    void client.sets.undeploy(id, { project_path: "/p", profile: "codex", dry_run: true, force: true });
    void client.deployments.inventory({ project_path: "/p", profile: "cursor" });
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
    expectTypeOf(client.sets.undeploy).returns.resolves.toEqualTypeOf<ResponseBody<"undeployDeploymentSet">>();
    expectTypeOf(client.sets.deployments).returns.resolves.toEqualTypeOf<ResponseBody<"listSetDeployments">>();
    expectTypeOf(client.deployments.inventory).returns.resolves.toEqualTypeOf<ResponseBody<"getProjectInventory">>();
    expectTypeOf(client.sets.delete).returns.resolves.toEqualTypeOf<void>();
    expectTypeOf<ResponseBody<"deleteDeploymentSet">>().toEqualTypeOf<undefined>();
  });

  it("names the common shapes", () => {
    expectTypeOf<DeploymentSet["members"]>().toEqualTypeOf<Member[]>();
    expectTypeOf(client.sets.all).returns.toEqualTypeOf<AsyncIterableIterator<DeploymentSetSummary>>();
    expectTypeOf(client.artifacts.all).returns.toEqualTypeOf<AsyncIterableIterator<Artifact>>();
    expectTypeOf<Resolution["resolved_artifacts"][number]["source_path"]>().toEqualTypeOf<string[]>();
    expectTypeOf<DeployReport["results"][number]["action"]>().toEqualTypeOf<
      | "created"
      | "unchanged"
      | "updated"
      | "kept_local_changes"
      | "conflict"
      | "overwritten"
      | "unsupported"
      | "error"
      | "stale"
      | "removed"
      | "kept_shared"
      | "absent"
    >();
    expectTypeOf<DeployReport["results"][number]["hint"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<DeployReport["results"][number]["backup_path"]>().toEqualTypeOf<string | undefined>();
  });

  it("names the deployment lifecycle's shapes", () => {
    expectTypeOf(client.sets.undeploy).returns.resolves.toEqualTypeOf<DeployReport>();
    expectTypeOf(client.sets.deployments).returns.resolves.toEqualTypeOf<SetDeployment[]>();
    expectTypeOf<SetDeployment>().toHaveProperty("deployed_at").toEqualTypeOf<string>();
    expectTypeOf(client.deployments.inventory).returns.resolves.toEqualTypeOf<ProjectInventory>();
    expectTypeOf<ProjectInventory["artifacts"]>().toEqualTypeOf<DeployedArtifact[]>();
    expectTypeOf<DeployedArtifact["state"]>().toEqualTypeOf<"in_sync" | "locally_modified" | "missing_on_disk" | "outdated">();
    expectTypeOf<DeployedArtifact["sets"][number]>().toEqualTypeOf<{ id: string; name: string }>();
  });

  it("types an error's code as the server's codes", () => {
    expectTypeOf<DeploymentSetsApiError["code"]>().toEqualTypeOf<ErrorCode>();
    expectTypeOf<"cycle_detected">().toMatchTypeOf<ErrorCode>();
    expectTypeOf<"unauthenticated">().toMatchTypeOf<ErrorCode>();
    expectTypeOf<"project_unavailable">().toMatchTypeOf<ErrorCode>();
    // @ts-expect-error: not a code of the server
    const unknown: ErrorCode = "teapot";
    void unknown;
  });
});
