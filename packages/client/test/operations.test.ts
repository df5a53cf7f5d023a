import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createClient, type Client } from "@deployment-sets/client";
import type { operations } from "../src/generated/api.js";

/**
 * Every operation of the server's OpenAPI document has an SDK method. The table is typed by the generated
 * `operations`, so an operation added to the server without a method here fails to compile; the test then calls
 * each method against a recording `fetch` and checks that it sends the operation's method and path.
 */
const ID = "0b7d5c2a9e8f4a6b8c1d3e5f7a9b0c2d";
const MEMBER_ID = "9c1f2e3d4c5b6a798877665544332211";

const CALLS: { readonly [Id in keyof operations]: (client: Client) => Promise<unknown> } = {
  createDeploymentSet: (c) => c.sets.create({ name: "S" }),
  listDeploymentSets: (c) => c.sets.list(),
  getDeploymentSet: (c) => c.sets.get(ID),
  updateDeploymentSet: (c) => c.sets.update(ID, { name: "T" }),
  patchDeploymentSet: (c) => c.sets.update(ID, { name: "T" }),
  deleteDeploymentSet: (c) => c.sets.delete(ID),
  cloneDeploymentSet: (c) => c.sets.clone(ID),
  listMembers: (c) => c.sets.members.list(ID),
  addMember: (c) => c.sets.members.add(ID, { nested_set_id: ID }),
  removeMember: (c) => c.sets.members.remove(ID, MEMBER_ID),
  moveMember: (c) => c.sets.members.move(ID, MEMBER_ID, { position: 0 }),
  patchMember: (c) => c.sets.members.move(ID, MEMBER_ID, { position: 0 }),
  resolveDeploymentSet: (c) => c.sets.resolve(ID),
  deployDeploymentSet: (c) => c.sets.deploy(ID, { project_path: "/p" }),
  undeployDeploymentSet: (c) => c.sets.undeploy(ID, { project_path: "/p" }),
  listSetDeployments: (c) => c.sets.deployments(ID),
  getProjectInventory: (c) => c.deployments.inventory({ project_path: "/p" }),
  listArtifacts: (c) => c.artifacts.list(),
  listGroups: (c) => c.groups.list(),
  healthz: (c) => c.health(),
  readyz: (c) => c.ready(),
};

/** PATCH aliases of PUT operations: the SDK sends the PUT they alias. */
const ALIASES: Readonly<Partial<Record<keyof operations, keyof operations>>> = {
  patchDeploymentSet: "updateDeploymentSet",
  patchMember: "moveMember",
};

interface DocumentOperation {
  readonly method: string;
  readonly path: string;
}

function documentOperations(): Map<string, DocumentOperation> {
  const document = JSON.parse(readFileSync(new URL("../../../apps/server/openapi.json", import.meta.url), "utf8")) as {
    paths: Record<string, Record<string, { operationId: string }>>;
  };
  const byId = new Map<string, DocumentOperation>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) byId.set(operation.operationId, { method: method.toUpperCase(), path });
  }
  return byId;
}

describe("the SDK covers the OpenAPI document", () => {
  const documented = documentOperations();

  it("has a method for every operation, and nothing the document lacks", () => {
    expect(Object.keys(CALLS).sort()).toEqual([...documented.keys()].sort());
  });

  it.each([...documented.keys()])("%s sends the operation's method and path", async (id) => {
    const sent: { method: string; path: string }[] = [];
    const client = createClient({
      baseUrl: "http://sdk.test",
      retry: 0,
      fetch: async (input, init) => {
        const request = new Request(input, init);
        sent.push({ method: request.method, path: new URL(request.url).pathname });
        return new Response("{}", { status: 200, headers: { "content-type": "application/json" } });
      },
    });
    await CALLS[id as keyof operations](client);
    const target = documented.get(ALIASES[id as keyof operations] ?? id)!;
    const pattern = new RegExp(`^${target.path.replace(/\{\w+\}/g, "[^/]+")}$`);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.method).toBe(target.method);
    expect(sent[0]!.path).toMatch(pattern);
  });
});
