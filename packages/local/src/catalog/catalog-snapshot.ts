import { MemoryCatalog, type Artifact, type Group } from "@deployment-sets/core";

/**
 * One loaded version of a collection, served by core's {@link MemoryCatalog} (lookups by uuid and derived id,
 * listing order, paging). Immutable: a reload builds a new one and swaps it in, so a request never sees half of
 * an old version and half of a new one.
 */
export class CatalogSnapshot {
  /** The catalog of this version. */
  readonly catalog: MemoryCatalog;
  /** How many artifacts it holds. */
  readonly artifactCount: number;
  /** How many groups it holds. */
  readonly groupCount: number;

  /**
   * @param artifacts - the artifacts, any order
   * @param aliases - derived ids and the canonical uuid each stands for (a uuid wins over an alias)
   * @param groups - the groups, with their `position` (`Infinity` when absent); listed by position then name
   */
  constructor(
    artifacts: readonly Artifact[],
    aliases: ReadonlyMap<string, string>,
    groups: readonly { readonly group: Group; readonly position: number }[],
  ) {
    const ordered = [...groups]
      .sort((a, b) => a.position - b.position || compare(a.group.name, b.group.name))
      .map(({ group }) => group);
    this.catalog = new MemoryCatalog({ artifacts, groups: ordered, aliases });
    this.artifactCount = artifacts.length;
    this.groupCount = ordered.length;
  }

  /** An empty catalog (before the first good load). */
  static readonly empty = new CatalogSnapshot([], new Map(), []);
}

/** Code-unit order, as the memory catalog and the stores sort names. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
