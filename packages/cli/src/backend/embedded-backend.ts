import { DeploymentSets, type MemberRef } from "@deployment-sets/core";
import type { ArtifactCatalog, Deployer, DeploymentSetStore } from "@deployment-sets/core/ports";
import type { CollectionCatalog } from "@deployment-sets/local";
import { LOCAL_OWNER } from "@deployment-sets/settings";
import {
  artifactDto,
  deployReportDto,
  groupDto,
  inventoryDto,
  memberDto,
  pageDto,
  resolutionDto,
  setDto,
  setWithMembersDto,
} from "@deployment-sets/wire";
import type { MemberCreate } from "@deployment-sets/client";
import type { Backend } from "./backend.js";
import { lazyPort } from "./lazy-port.js";

/** What the embedded backend runs on: an opened store, the collection folder and the allowed project folders. */
export interface EmbeddedOptions {
  readonly store: DeploymentSetStore;
  /** The collection folder; `undefined` when none was found (commands that need it then fail with `missingCollection`). */
  readonly collection: string | undefined;
  readonly missingCollection: Error;
  readonly projectRoots: readonly string[];
}

/**
 * A backend that runs every operation in this process on the library (the same use cases, store and collection as
 * `npm start`, as the owner `local-user`), answering the server's JSON through the shared wire mapping. The
 * collection and the deployer load on first use.
 */
export function embeddedBackend(options: EmbeddedOptions): Backend {
  const local = () => import("@deployment-sets/local");
  const collection = () => {
    if (options.collection === undefined) throw options.missingCollection;
    return options.collection;
  };
  const catalog = lazyPort<CollectionCatalog>(async () => (await local()).CollectionCatalog.open({ root: collection() }));
  const deployer = lazyPort<Deployer>(async () => {
    const { FilesystemDeployer } = await local();
    return new FilesystemDeployer({ collectionRoot: collection(), allowedRoots: options.projectRoots, catalog: catalog.port });
  });
  const sets = new DeploymentSets({ store: options.store, catalog: catalog.port as ArtifactCatalog, deployer: deployer.port });
  const owner = LOCAL_OWNER;
  return {
    mode: "embedded",
    listSets: async (query) => pageDto(await sets.listSets(owner, query), setDto),
    getSet: async (setId) => setWithMembersDto(await sets.getSet(owner, setId)),
    // As the server reads these bodies: `tags: null` is none on a create and empties the list on an update.
    createSet: async ({ tags, ...body }) => setWithMembersDto(await sets.createSet(owner, { ...body, ...(tags ? { tags } : {}) })),
    updateSet: async (setId, { tags, ...body }) =>
      setWithMembersDto(await sets.updateSet(owner, setId, { ...body, ...(tags !== undefined ? { tags: tags ?? [] } : {}) })),
    deleteSet: (setId) => sets.deleteSet(owner, setId),
    cloneSet: async (setId, body) => setWithMembersDto(await sets.cloneSet(owner, setId, body)),
    addMember: async (setId, body) =>
      memberDto(await sets.addMember(owner, setId, { ref: refOf(body), ...(body.position != null ? { position: body.position } : {}) })),
    removeMember: (setId, memberId) => sets.removeMember(owner, setId, memberId),
    moveMember: async (setId, memberId, body) => memberDto(await sets.moveMember(owner, setId, memberId, body)),
    resolve: async (setId) => resolutionDto(await sets.resolve(owner, setId)),
    deploy: async (setId, body, onProgress) =>
      deployReportDto(
        await sets.deploy(
          owner,
          setId,
          { projectPath: body.project_path, profile: body.profile, dryRun: body.dry_run, force: body.force, prune: body.prune },
          onProgress ? { onProgress } : {},
        ),
      ),
    undeploy: async (setId, body) =>
      deployReportDto(await sets.undeploy(owner, setId, { projectPath: body.project_path, profile: body.profile, dryRun: body.dry_run, force: body.force })),
    inventory: async (query) => inventoryDto(await sets.inventory(owner, { projectPath: query.project_path, profile: query.profile })),
    listArtifacts: async (query) => pageDto(await sets.listArtifacts(query), artifactDto),
    listGroups: async (query) => pageDto(await sets.listGroups(query), groupDto),
    close: async () => {
      catalog.loaded()?.close();
      await options.store.close();
    },
  };
}

/** The reference a member body names (the CLI always sends exactly one of the three ids). */
function refOf(body: MemberCreate): MemberRef {
  if (body.artifact_uuid) return { type: "artifact", id: body.artifact_uuid };
  if (body.group_id) return { type: "group", id: body.group_id };
  return { type: "set", id: body.nested_set_id ?? "" };
}
