import type { FixtureMemberRef, FixtureSet } from "../types.js";

/**
 * One row of the baseline's level query: a set of the frontier (its record and its tags) joined with one of its
 * members in position order, the member columns `null` for a set without members; rows ordered by set id, then
 * position. The columns come as each driver returns them.
 */
export interface LevelRow {
  readonly id: string;
  readonly owner_id: string;
  readonly name: string;
  readonly description: string | null;
  readonly icon: string | null;
  readonly color: string | null;
  /** Epoch milliseconds: a number (SQLite) or the text of a `bigint` (PostgreSQL). */
  readonly created_at: number | string;
  /** Epoch milliseconds, like `created_at`. */
  readonly updated_at: number | string;
  /** The set's tags in position order: an array (PostgreSQL) or its JSON text (SQLite). */
  readonly tags: readonly string[] | string;
  readonly member_id: string | null;
  readonly artifact_uuid: string | null;
  readonly group_id: string | null;
  readonly nested_set_id: string | null;
  readonly position: number | null;
  /** Epoch milliseconds, like `created_at`; `null` with the other member columns. */
  readonly added_at: number | string | null;
}

/** An adapter's raw level query, in its dialect: the {@link LevelRow}s of the sets `setIds` of `owner`. */
export type LevelQuery = (owner: string, setIds: readonly string[]) => Promise<readonly LevelRow[]> | readonly LevelRow[];

/**
 * What the baseline loads: like a store's `loadGraph`, the root (here the one root) and every set it reaches,
 * each entry also holding its set record (`set`) and its full member rows (`members`); and how many queries
 * that took.
 */
export interface LevelByLevelGraph {
  /** The root, by id. */
  readonly roots: ReadonlyMap<string, FixtureSet>;
  /** Every set reachable from the root, the root included, by id. */
  readonly sets: ReadonlyMap<string, FixtureSet>;
  /** Queries issued: one per breadth-first level. */
  readonly queries: number;
}

/**
 * The baseline of `store.resolve.large`: loads the graph the way SkillMeat does, one query per breadth-first level
 * (the sets of the frontier with their members), so the round trips grow with the depth. Same tables, same
 * indexes and the same result as the stores' `loadGraph`; only `query`, the adapter's raw statement, is dialect.
 *
 * @param query - runs one level's statement (SQLite prepares it once; PostgreSQL sends it each time)
 */
export async function loadLevelByLevel(query: LevelQuery, owner: string, rootId: string): Promise<LevelByLevelGraph> {
  const roots = new Map<string, FixtureSet>();
  const sets = new Map<string, FixtureSet>();
  let frontier = [rootId];
  let queries = 0;
  while (frontier.length > 0) {
    queries++;
    const next = new Set<string>();
    let members: MemberRecord[] = [];
    let current: string | undefined;
    for (const row of await query(owner, frontier)) {
      if (current !== row.id) {
        current = row.id;
        members = [];
        const entry = { id: row.id, name: row.name, set: toSetRecord(row), members };
        sets.set(row.id, entry);
        if (row.id === rootId) roots.set(row.id, entry);
      }
      if (row.member_id === null) continue;
      const ref = row.artifact_uuid !== null ? { type: "artifact" as const, id: row.artifact_uuid }
        : row.group_id !== null ? { type: "group" as const, id: row.group_id }
        : { type: "set" as const, id: row.nested_set_id! };
      members.push({ id: row.member_id, setId: row.id, ref, position: row.position!, addedAt: new Date(Number(row.added_at)) });
      if (ref.type === "set" && !sets.has(ref.id)) next.add(ref.id);
    }
    frontier = [...next].filter((id) => !sets.has(id));
  }
  return { roots, sets, queries };
}

/** A member row as a store builds it (a core `Member`). */
interface MemberRecord {
  readonly id: string;
  readonly setId: string;
  readonly ref: FixtureMemberRef;
  readonly position: number;
  readonly addedAt: Date;
}

/** The set record a row carries, as a store builds it (a core `DeploymentSet`). */
function toSetRecord(row: LevelRow) {
  return {
    id: row.id, ownerId: row.owner_id, name: row.name, description: row.description, icon: row.icon,
    color: row.color, tags: typeof row.tags === "string" ? (JSON.parse(row.tags) as string[]) : row.tags,
    createdAt: new Date(Number(row.created_at)), updatedAt: new Date(Number(row.updated_at)),
  };
}
