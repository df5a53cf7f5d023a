import type { Artifact, Group } from "../domain/model.js";
import type { ArtifactCatalog } from "../ports/artifact-catalog.js";
import type { CatalogView, SetGraph } from "../resolver/graph.js";

/**
 * Looks up, in two catalog calls, every artifact and group the members of `graph` reference, and the artifacts
 * of those groups.
 */
export async function loadCatalogView(catalog: ArtifactCatalog, graph: SetGraph): Promise<CatalogView> {
  const artifactIds = new Set<string>();
  const groupIds = new Set<string>();
  for (const node of graph.values()) {
    for (const { ref } of node.members) {
      if (ref.type === "artifact") artifactIds.add(ref.id);
      else if (ref.type === "group") groupIds.add(ref.id);
    }
  }
  const groups: ReadonlyMap<string, Group> = groupIds.size > 0 ? await catalog.getGroups(groupIds) : new Map();
  for (const group of groups.values()) for (const uuid of group.artifactUuids) artifactIds.add(uuid);
  const artifacts: ReadonlyMap<string, Artifact> =
    artifactIds.size > 0 ? await catalog.getArtifacts(artifactIds) : new Map();
  return { artifacts, groups };
}
