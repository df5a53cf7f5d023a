import type { DeploymentSet, OwnerId } from "@deployment-sets/core";
import type { GraphSet, SetGraph, StoredGraph, StoredGraphSet } from "@deployment-sets/core/ports";
import { memberFromTuple, membersFromColumns, type Database, type MemberTuple, type RefColumns } from "@deployment-sets/store-sql";
import { sql, type Kysely } from "kysely";
import type { Connection } from "./connection.js";
import { streamArrays } from "./stream-rows.js";

/**
 * The recursive CTE `reach(id)`: the owner's sets reachable from the roots through nested-set members, the roots
 * included. `union` (not `union all`) visits each set once, so shared sub-sets cost nothing extra and even a
 * corrupt cyclic graph terminates. It walks the partial edges index (`nested_set_id is not null`), and checks the
 * owner of every set it enters: another owner's set is neither a root nor ever reached, nor walked through.
 * Parameters: `$1` the owner, `$2` the roots (`text[]`).
 */
const REACH = `reach(id) as (
    select s.id from deployment_sets s where s.owner_id = $1 and s.id = any($2::text[])
    union
    select c.id from reach r
      join deployment_set_members m on m.set_id = r.id and m.nested_set_id is not null
      join deployment_sets c on c.id = m.nested_set_id
    where c.owner_id = $1
  )`;

/** A member's reference kind as a code: `0` (artifact), `1` (group) or `2` (set). */
const KIND = "((m.group_id is not null)::int + 2 * (m.nested_set_id is not null)::int)";
/** The id a member references. */
const REF_ID = "coalesce(m.artifact_uuid, m.group_id, m.nested_set_id)";
/** A member's reference as a `RefTuple`. */
const REF = `json_build_array(${KIND}, ${REF_ID})`;

/**
 * The references of set `s` as `RefColumns`, in the order the rows are read (one aggregation, so the three lists
 * see the same rows in the same order): the positions travel along and the reader sorts only when they do not
 * ascend. An `order by position` inside the aggregates (or in a subquery under them) costs a sort per set, a
 * sixth of a 10,000-set load.
 */
const REF_COLUMNS = `(select json_build_array(string_agg(${KIND}::text, ''), coalesce(json_agg(${REF_ID}), '[]'::json),
      coalesce(json_agg(m.position), '[]'::json))
    from deployment_set_members m where m.set_id = s.id)`;

/**
 * {@link StoredGraph} in ONE statement (one round trip, one snapshot, whatever the depth), two kinds of rows:
 * - every reachable set but the roots: id, name, its references as JSON `RefColumns` (`[kinds, ids, positions]`),
 *   `null`, `null`;
 * - every root asked for, as often as asked: id, name, `null`, its record and member rows as JSON
 *   (`[description, icon, color, createdAt, updatedAt, tags, [[memberId, [kind, id], position, addedAt], ...]]`),
 *   its index in `rootIds`.
 * Members are aggregated into one JSON value per set, so 100,000 members cost 10,000 rows, and each id parses
 * into a string of its own.
 */
const GRAPH = `with recursive ${REACH}
  select s.id, s.name, ${REF_COLUMNS}, null::json, null::bigint
  from reach r join deployment_sets s on s.id = r.id
  where r.id <> all($2::text[])
  union all
  select s.id, s.name, null, json_build_array(s.description, s.icon, s.color, s.created_at, s.updated_at,
      array(select t.tag from deployment_set_tags t where t.set_id = s.id order by t.position),
      (select coalesce(json_agg(json_build_array(m.id, ${REF}, m.position, m.added_at) order by m.position), '[]'::json)
        from deployment_set_members m where m.set_id = s.id)),
    j.n
  from unnest($2::text[]) with ordinality j(id, n) join deployment_sets s on s.id = j.id
  where s.owner_id = $1`;

/** A root's record and members (see {@link GRAPH}). */
type RootRecord = [string | null, string | null, string | null, number, number, string[], MemberTuple[]];

type GraphRow = [id: string, name: string, refs: RefColumns | null, root: RootRecord | null, index: number | null];

/**
 * The owner's roots among `rootIds` with their records and member rows, and every set reachable from them with
 * its member references, in one statement (see {@link GRAPH}). Rows are turned into sets as they stream in, so
 * only the result stays alive.
 */
export async function selectGraph(connection: Connection, owner: OwnerId, rootIds: readonly string[]): Promise<StoredGraph> {
  const sets = new Map<string, GraphSet>();
  const roots = new Map<string, StoredGraphSet>();
  if (rootIds.length === 0) return { roots, sets };
  const rootRows: GraphRow[] = [];
  await streamArrays<GraphRow>(connection, GRAPH, [owner, rootIds], (row) => {
    const [id, name, refs] = row;
    if (refs === null) {
      rootRows.push(row);
      return;
    }
    sets.set(id, { id, name, members: membersFromColumns(refs) });
  });
  rootRows.sort((a, b) => a[4]! - b[4]!);
  for (const [id, name, , root] of rootRows) {
    if (roots.has(id)) continue;
    const [description, icon, color, createdAt, updatedAt, tags, rows] = root!;
    const set: DeploymentSet = {
      id, ownerId: owner, name, description, icon, color, tags, createdAt: new Date(createdAt), updatedAt: new Date(updatedAt),
    };
    const members = rows.map((member) => memberFromTuple(id, member));
    const entry: StoredGraphSet = { id, name, set, members };
    roots.set(id, entry);
    sets.set(id, entry);
  }
  return { roots, sets };
}

/**
 * The set-to-set graph reachable from `rootId` (the root included, when the owner has it), in one recursive
 * query: each set's id, name and nested-set members in position order. All a cycle check reads, and no more.
 * Runs on `db`, so inside the caller's transaction.
 */
export async function selectSetEdges(db: Kysely<Database>, owner: OwnerId, rootId: string): Promise<SetGraph> {
  const { rows } = await sql<{ id: string; name: string; children: string[] }>`with recursive reach(id) as (
      select s.id from deployment_sets s where s.owner_id = ${owner} and s.id = ${rootId}
      union
      select c.id from reach r
        join deployment_set_members m on m.set_id = r.id and m.nested_set_id is not null
        join deployment_sets c on c.id = m.nested_set_id
      where c.owner_id = ${owner}
    )
    select s.id, s.name,
      array(select m.nested_set_id from deployment_set_members m
            where m.set_id = s.id and m.nested_set_id is not null order by m.position) as children
    from reach r join deployment_sets s on s.id = r.id`.execute(db);
  const graph = new Map<string, GraphSet>();
  for (const row of rows) {
    graph.set(row.id, {
      id: row.id,
      name: row.name,
      members: row.children.map((id) => ({ ref: { type: "set" as const, id } })),
    });
  }
  return graph;
}
