import { createClient } from "@deployment-sets/client";
import type { Backend } from "./backend.js";

/** Where the server is and how to authenticate: `--server`/`DS_SERVER` and `DS_TOKEN`. */
export interface RemoteOptions {
  readonly baseUrl: string;
  readonly token?: string | undefined;
}

/** A backend that sends every operation to a Deployment Sets server through `@deployment-sets/client`. */
export function remoteBackend(options: RemoteOptions): Backend {
  const client = createClient({ baseUrl: options.baseUrl, token: options.token, timeout: 60_000 });
  return {
    mode: "remote",
    listSets: (query) => client.sets.list(query),
    getSet: (setId) => client.sets.get(setId),
    createSet: (body) => client.sets.create(body),
    updateSet: (setId, body) => client.sets.update(setId, body),
    deleteSet: (setId) => client.sets.delete(setId),
    cloneSet: (setId, body) => client.sets.clone(setId, body),
    addMember: (setId, body) => client.sets.members.add(setId, body),
    removeMember: (setId, memberId) => client.sets.members.remove(setId, memberId),
    moveMember: (setId, memberId, body) => client.sets.members.move(setId, memberId, body),
    resolve: (setId) => client.sets.resolve(setId),
    deploy: (setId, body) => client.sets.deploy(setId, body),
    undeploy: (setId, body) => client.sets.undeploy(setId, body),
    inventory: (query) => client.deployments.inventory(query),
    listArtifacts: (query) => client.artifacts.list(query),
    listGroups: (query) => client.groups.list(query),
    close: async () => {},
  };
}
