import type { Artifact, ArtifactType, Group } from "../domain/model.js";

/** A page of catalog entries and the total matching. */
export interface CatalogPage<T> {
  /** The entries of this page. */
  readonly items: readonly T[];
  /** How many entries match, over all pages. */
  readonly total: number;
}

/** Filters and page of {@link ArtifactCatalog.listArtifacts}. */
export interface ArtifactListQuery {
  /** Only artifacts of this type. */
  readonly type?: ArtifactType;
  /** Case-insensitive substring of the name. */
  readonly q?: string;
  /** Page size. */
  readonly limit: number;
  /** Entries to skip. */
  readonly offset: number;
}

/**
 * The read-only catalog of artifacts and groups (a collection folder, or memory).
 *
 * Contracts: lookups answer only for ids the catalog knows (unknown ids are simply absent from the result
 * map); an artifact answers to its uuid and to its derived id, and the map is keyed by the id asked for;
 * `artifact.uuid` is always the canonical uuid. Lists are ordered by type (skill, command, agent, hook, mcp)
 * then name for artifacts, and by the collection's position then name for groups.
 */
export interface ArtifactCatalog {
  /** The artifacts among `ids`, keyed by the id asked for. */
  getArtifacts(ids: Iterable<string>): Promise<ReadonlyMap<string, Artifact>>;
  /** The groups among `ids`, keyed by id. */
  getGroups(ids: Iterable<string>): Promise<ReadonlyMap<string, Group>>;
  /** A page of artifacts matching the filters. */
  listArtifacts(query: ArtifactListQuery): Promise<CatalogPage<Artifact>>;
  /** A page of groups. */
  listGroups(query: { readonly limit: number; readonly offset: number }): Promise<CatalogPage<Group>>;
}
