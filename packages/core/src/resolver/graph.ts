import type { Artifact, Group, MemberRef } from "../domain/model.js";

/** One set as the graph code sees it: its id, its name and its members' references in position order. */
export interface GraphSet {
  /** The set's id. */
  readonly id: string;
  /** The set's name (used in source paths and cycle messages). */
  readonly name: string;
  /** Members in position order (anything with a `ref`, e.g. a stored `Member`). */
  readonly members: readonly {
    /** What the member points at. */
    readonly ref: MemberRef;
  }[];
}

/** Sets by id: the part of one owner's set graph that a resolution or a cycle check needs. */
export type SetGraph = ReadonlyMap<string, GraphSet>;

/** What the resolver knows of the catalog: artifacts by every id they answer to, groups by id. */
export interface CatalogView {
  /** Artifacts keyed by every id they answer to (uuid and derived id). */
  readonly artifacts: ReadonlyMap<string, Artifact>;
  /** Groups by id. */
  readonly groups: ReadonlyMap<string, Group>;
}
