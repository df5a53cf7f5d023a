import { derivedId } from "../../test/fixtures.js";
import type { ApiClient } from "./api-client.js";

/** An artifact of the collection as the reference model knows it. */
export interface CatalogArtifact {
  readonly uuid: string;
  readonly name: string;
  readonly type: string;
  /** SHA-256 of `artifact:<type>:<name>`, first 32 hex characters: another accepted spelling of the artifact. */
  readonly derivedId: string;
}

/** A group of the collection as the reference model knows it. */
export interface CatalogGroup {
  readonly id: string;
  readonly name: string;
  readonly artifactUuids: readonly string[];
}

/** The read-only collection the model resolves against (it never changes during the part). */
export interface ModelCatalog {
  readonly artifacts: readonly CatalogArtifact[];
  readonly groups: readonly CatalogGroup[];
}

/** Reads the server's artifacts and groups (`GET /api/v1/artifacts`, `GET /api/v1/groups`) into a catalog. */
export async function loadCatalog(api: ApiClient): Promise<ModelCatalog> {
  const artifacts = await api.send("GET", "/artifacts?limit=200");
  const groups = await api.send("GET", "/groups?limit=200");
  if (artifacts.status !== 200 || groups.status !== 200) {
    throw new Error(`cannot read the catalog: ${artifacts.status} ${artifacts.text} / ${groups.status} ${groups.text}`);
  }
  const artifactItems = (artifacts.json as { items: { uuid: string; name: string; type: string }[] }).items;
  const groupItems = (groups.json as { items: { id: string; name: string; artifact_uuids: string[] }[] }).items;
  if (artifactItems.length === 0 || groupItems.length === 0) throw new Error("the example collection has no artifacts or no groups");
  return {
    artifacts: artifactItems.map((a) => ({ uuid: a.uuid, name: a.name, type: a.type, derivedId: derivedId(a.type, a.name) })),
    groups: groupItems.map((g) => ({ id: g.id, name: g.name, artifactUuids: g.artifact_uuids })),
  };
}
