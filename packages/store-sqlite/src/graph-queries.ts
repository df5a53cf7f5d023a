import type { DeploymentSet, Member, MemberRef, OwnerId, SetGraph, StoredGraphSet } from "@deployment-sets/core";
import { sql, type CompiledQuery, type Kysely, type RawBuilder } from "kysely";
import type { StoreSchema } from "./schema.js";

type Db = Kysely<StoreSchema>;

/*
 * Both graph queries return JSON documents rather than rows: on a 100,000-member graph, creating one JavaScript
 * row per member costs far more than the SQL, while one JSON string per query parses natively. Members come
 * column-wise (one array per column) so parsing creates no object per member before the store builds its own.
 */

/**
 * `reach(id)`: the owner's sets reachable from the roots through nested-set members, the roots included, and
 * `numbered(id, i)`: the same sets numbered 0..n-1. Another owner's set is neither a root nor a step. `union`
 * (not `union all`) visits each set once, so the recursion ends on any graph and costs time proportional to the
 * reachable part. Materialised once, whichever of the query's parts reads it.
 *
 * The plan is pinned (`cross join` fixes the join order, `+owner_id` keeps the owner index out): walking the
 * owner's index at each step instead of looking sets up by id turns a 10,000-set load from a tenth of a second
 * into half a minute, and SQLite's planner has been seen to choose exactly that without statistics.
 */
function numberedReach(owner: OwnerId, rootIds: readonly string[]): RawBuilder<unknown> {
  return sql`
    with recursive reach(id) as materialized (
      select s.id from json_each(${JSON.stringify(rootIds)}) j
      cross join deployment_sets s on s.id = j.value
      where +s.owner_id = ${owner}
      union
      select s.id from reach r
      cross join deployment_set_members m on m.set_id = r.id and m.nested_set_id is not null
      cross join deployment_sets s on s.id = m.nested_set_id and +s.owner_id = ${owner}
    ),
    numbered(id, i) as materialized (select id, row_number() over () - 1 from reach)`;
}

/** The member reference kinds, by the code the graph query gives them. */
const KINDS: readonly MemberRef["type"][] = ["artifact", "group", "set"];

/** One set of the `sets` document: `[i, id, ownerId, name, description, icon, color, createdAt, updatedAt, tags]`. */
type SetTuple = [number, string, string, string, string | null, string | null, string | null, number, number, string[] | string];

/** The `members` document, column-wise: `[setIndex[], id[], refId[], kind[], position[], addedAt[]]`. */
type MemberColumns = [number[], string[], string[], (0 | 1 | 2)[], number[], number[]];

/**
 * ONE statement for the whole graph reachable from `rootIds`: `sets` (every set with its tags) and `members`
 * (every member of those sets, each set's in position order), whatever the depth.
 */
export function graphDocument(db: Db, owner: OwnerId, rootIds: readonly string[]): CompiledQuery<{ sets: string; members: string }> {
  return sql<{ sets: string; members: string }>`${numberedReach(owner, rootIds)}
    select
      (select json_group_array(json_array(
          r.i, s.id, s.owner_id, s.name, s.description, s.icon, s.color, s.created_at, s.updated_at,
          (select json_group_array(t.tag) from
            (select tag from deployment_set_tags where set_id = s.id order by position) t)))
        from numbered r cross join deployment_sets s on s.id = r.id) as sets,
      (select json_array(json_group_array(r.i), json_group_array(m.id),
          json_group_array(coalesce(m.artifact_uuid, m.group_id, m.nested_set_id)),
          json_group_array((m.group_id is not null) + 2 * (m.nested_set_id is not null)),
          json_group_array(m.position), json_group_array(m.added_at))
        from numbered r cross join deployment_set_members m on m.set_id = r.id) as members`.compile(db);
}

/** Builds the stored-graph entries (in no particular order) from {@link graphDocument}'s two documents. */
export function parseGraphDocument(document: { sets: string; members: string }): StoredGraphSet[] {
  const nodes: { id: string; name: string; set: DeploymentSet; members: Member[] }[] = [];
  for (const [i, id, ownerId, name, description, icon, color, createdAt, updatedAt, tags] of JSON.parse(
    document.sets,
  ) as SetTuple[]) {
    const set: DeploymentSet = {
      id, ownerId, name, description, icon, color, tags: asArray(tags),
      createdAt: new Date(createdAt), updatedAt: new Date(updatedAt),
    };
    nodes[i] = { id, name, set, members: [] };
  }
  const [setIndex, ids, refIds, kinds, positions, addedAts] = asArray(document.members) as unknown as MemberColumns;
  for (let k = 0; k < ids.length; k++) {
    const node = nodes[setIndex[k]!]!;
    node.members.push({
      id: ids[k]!,
      setId: node.id,
      ref: { type: KINDS[kinds[k]!]!, id: refIds[k]! },
      position: positions[k]!,
      addedAt: new Date(addedAts[k]!),
    });
  }
  for (const node of nodes) inPositionOrder(node.members);
  return nodes;
}

/**
 * The sets reachable from `rootId` with only their set-to-set edges, all a cycle check reads: `sets` as
 * `[[i, id, name], ...]` and `edges` column-wise as `[setIndex[], nestedSetId[], position[]]`. One statement,
 * owner-scoped like {@link graphDocument}.
 */
export function edgeDocument(db: Db, owner: OwnerId, rootId: string): CompiledQuery<{ sets: string; edges: string }> {
  return sql<{ sets: string; edges: string }>`${numberedReach(owner, [rootId])}
    select
      (select json_group_array(json_array(r.i, s.id, s.name))
        from numbered r cross join deployment_sets s on s.id = r.id) as sets,
      (select json_array(json_group_array(r.i), json_group_array(m.nested_set_id), json_group_array(m.position))
        from numbered r cross join deployment_set_members m on m.set_id = r.id and m.nested_set_id is not null) as edges`.compile(
    db,
  );
}

/** Builds the add-member context graph from {@link edgeDocument}'s documents. */
export function parseEdgeDocument(document: { sets: string; edges: string }): SetGraph {
  const nodes: { id: string; name: string; members: { ref: MemberRef; position: number }[] }[] = [];
  for (const [i, id, name] of JSON.parse(document.sets) as [number, string, string][]) nodes[i] = { id, name, members: [] };
  const [setIndex, nested, positions] = JSON.parse(document.edges) as [number[], string[], number[]];
  for (let k = 0; k < nested.length; k++) {
    nodes[setIndex[k]!]!.members.push({ ref: { type: "set", id: nested[k]! }, position: positions[k]! });
  }
  const graph = new Map<string, (typeof nodes)[number]>();
  for (const node of nodes) graph.set(node.id, { ...node, members: inPositionOrder(node.members) });
  return graph;
}

/**
 * Sorts by position unless already sorted: SQLite aggregates rows in the order the index walk yields them
 * (position order), which SQL does not promise, so the order is checked rather than trusted.
 */
function inPositionOrder<T extends { position: number }>(members: T[]): T[] {
  for (let k = 1; k < members.length; k++) {
    if (members[k - 1]!.position > members[k]!.position) return members.sort((a, b) => a.position - b.position);
  }
  return members;
}

/** A nested JSON value, whether SQLite kept its JSON subtype through the subquery (it does) or not. */
function asArray<T>(value: T[] | string): T[] {
  return typeof value === "string" ? (JSON.parse(value) as T[]) : value;
}
