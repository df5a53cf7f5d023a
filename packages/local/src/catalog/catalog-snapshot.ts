import { ARTIFACT_TYPES, foldCase } from "@deployment-sets/core";
import type { Artifact, ArtifactListQuery, CatalogPage, Group } from "@deployment-sets/core";

/**
 * One loaded version of a collection, indexed for the catalog's queries. Immutable: a reload builds a new one
 * and swaps it in, so a request never sees half of an old version and half of a new one.
 */
export class CatalogSnapshot {
  /** The artifacts, by type (skill, command, agent, hook, mcp) then name. */
  readonly artifacts: readonly Artifact[];
  /** The groups, by position then name. */
  readonly groups: readonly Group[];
  readonly #artifactsById = new Map<string, Artifact>();
  readonly #groupsById = new Map<string, Group>();
  readonly #foldedNames: readonly string[];

  /**
   * @param artifacts - the artifacts, any order
   * @param aliases - derived ids and the canonical uuid each stands for (a uuid wins over an alias)
   * @param groups - the groups, with their `position` (`Infinity` when absent)
   */
  constructor(
    artifacts: readonly Artifact[],
    aliases: ReadonlyMap<string, string>,
    groups: readonly { readonly group: Group; readonly position: number }[],
  ) {
    this.artifacts = [...artifacts].sort(
      (a, b) => ARTIFACT_TYPES.indexOf(a.type) - ARTIFACT_TYPES.indexOf(b.type) || compare(a.name, b.name),
    );
    this.#foldedNames = this.artifacts.map((a) => foldCase(a.name));
    for (const artifact of artifacts) this.#artifactsById.set(artifact.uuid, artifact);
    for (const [alias, uuid] of aliases) {
      const artifact = this.#artifactsById.get(uuid);
      if (artifact !== undefined && !this.#artifactsById.has(alias)) this.#artifactsById.set(alias, artifact);
    }
    this.groups = [...groups]
      .sort((a, b) => a.position - b.position || compare(a.group.name, b.group.name))
      .map(({ group }) => group);
    for (const group of this.groups) this.#groupsById.set(group.id, group);
  }

  /** An empty catalog (before the first good load). */
  static readonly empty = new CatalogSnapshot([], new Map(), []);

  /** The artifacts among `ids` (uuids or derived ids), keyed by the id asked for. */
  getArtifacts(ids: Iterable<string>): Map<string, Artifact> {
    return pick(this.#artifactsById, ids);
  }

  /** The groups among `ids`, keyed by id. */
  getGroups(ids: Iterable<string>): Map<string, Group> {
    return pick(this.#groupsById, ids);
  }

  /** A page of the artifacts matching `query`'s type and name filter, in listing order. */
  listArtifacts(query: ArtifactListQuery): CatalogPage<Artifact> {
    const q = query.q === undefined || query.q === "" ? undefined : foldCase(query.q);
    const matching: Artifact[] = [];
    this.artifacts.forEach((artifact, i) => {
      if (query.type !== undefined && artifact.type !== query.type) return;
      if (q !== undefined && !this.#foldedNames[i]!.includes(q)) return;
      matching.push(artifact);
    });
    return { items: page(matching, query), total: matching.length };
  }

  /** A page of the groups, in listing order. */
  listGroups(query: { readonly limit: number; readonly offset: number }): CatalogPage<Group> {
    return { items: page(this.groups, query), total: this.groups.length };
  }
}

function page<T>(items: readonly T[], { limit, offset }: { readonly limit: number; readonly offset: number }): T[] {
  return items.slice(offset, offset + limit);
}

function pick<T>(from: ReadonlyMap<string, T>, ids: Iterable<string>): Map<string, T> {
  const found = new Map<string, T>();
  for (const id of ids) {
    const value = from.get(id);
    if (value !== undefined) found.set(id, value);
  }
  return found;
}

/** Code-unit order, as the memory catalog and the stores sort names. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
