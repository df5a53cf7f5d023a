import type { Artifact, Group } from "../domain/model.js";
import { ARTIFACT_TYPES } from "../domain/model.js";
import { foldCase } from "../domain/text.js";
import type { ArtifactCatalog, ArtifactListQuery, CatalogPage } from "../ports/artifact-catalog.js";

/** The contents of a {@link MemoryCatalog}. */
export interface MemoryCatalogContents {
  /** The artifacts. */
  readonly artifacts?: readonly Artifact[];
  /** The groups, in the catalog's order. */
  readonly groups?: readonly Group[];
  /** Extra ids an artifact answers to (e.g. a derived id), mapped to its uuid. */
  readonly aliases?: ReadonlyMap<string, string>;
}

/**
 * An {@link ArtifactCatalog} over lists held in memory: a real implementation for embedders and tests.
 *
 * @example
 * ```ts
 * const catalog = new MemoryCatalog({
 *   artifacts: [{ uuid, name: "pdf", type: "skill", description: null, tags: [], path: "skills/pdf" }],
 * });
 * ```
 */
export class MemoryCatalog implements ArtifactCatalog {
  readonly #artifacts = new Map<string, Artifact>();
  readonly #groups = new Map<string, Group>();
  readonly #sortedArtifacts: readonly Artifact[];
  /** Folded names of `#sortedArtifacts`, same order: folded once, not on every list. */
  readonly #foldedNames: readonly string[];
  readonly #orderedGroups: readonly Group[];

  /** @param contents - the artifacts, groups and aliases */
  constructor(contents: MemoryCatalogContents = {}) {
    for (const artifact of contents.artifacts ?? []) this.#artifacts.set(artifact.uuid, artifact);
    for (const [alias, uuid] of contents.aliases ?? []) {
      const artifact = this.#artifacts.get(uuid);
      if (artifact && !this.#artifacts.has(alias)) this.#artifacts.set(alias, artifact);
    }
    for (const group of contents.groups ?? []) this.#groups.set(group.id, group);
    this.#sortedArtifacts = [...(contents.artifacts ?? [])].sort(
      (a, b) => ARTIFACT_TYPES.indexOf(a.type) - ARTIFACT_TYPES.indexOf(b.type) || compare(a.name, b.name),
    );
    this.#foldedNames = this.#sortedArtifacts.map((a) => foldCase(a.name));
    this.#orderedGroups = [...(contents.groups ?? [])];
  }

  async getArtifacts(ids: Iterable<string>): Promise<ReadonlyMap<string, Artifact>> {
    return pick(this.#artifacts, ids);
  }

  async getGroups(ids: Iterable<string>): Promise<ReadonlyMap<string, Group>> {
    return pick(this.#groups, ids);
  }

  async listArtifacts(query: ArtifactListQuery): Promise<CatalogPage<Artifact>> {
    const q = query.q === undefined ? undefined : foldCase(query.q);
    const matching = this.#sortedArtifacts.filter(
      (a, i) => (query.type === undefined || a.type === query.type) && (q === undefined || this.#foldedNames[i]!.includes(q)),
    );
    return { items: matching.slice(query.offset, query.offset + query.limit), total: matching.length };
  }

  async listGroups(query: { readonly limit: number; readonly offset: number }): Promise<CatalogPage<Group>> {
    return { items: this.#orderedGroups.slice(query.offset, query.offset + query.limit), total: this.#orderedGroups.length };
  }
}

function pick<T>(from: ReadonlyMap<string, T>, ids: Iterable<string>): Map<string, T> {
  const found = new Map<string, T>();
  for (const id of ids) {
    const value = from.get(id);
    if (value !== undefined) found.set(id, value);
  }
  return found;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
