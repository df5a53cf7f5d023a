import type { GraphSet, Member, MemberRef, OwnerId, SetGraph, StoredGraph, StoredGraphSet } from "@deployment-sets/core";
import { sql, type Kysely } from "kysely";
import type { Connection } from "./connection.js";
import type { Database } from "./database.js";
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

/**
 * The whole reachable graph in ONE statement (one round trip, one snapshot, whatever the depth), fetched as
 * arrays rather than objects, because this is the hot path (100,000 members in the benchmark):
 * - a set row: id, name, description, icon, color, created_at, updated_at, tags, `null`;
 * - a member row: set id, member id, artifact_uuid, group_id, nested_set_id, added_at, `null`, `null`, position
 *   (never null: that tells the two apart).
 */
const GRAPH = `with recursive ${REACH}
  select s.id, s.name, s.description, s.icon, s.color, s.created_at, s.updated_at,
    array(select t.tag from deployment_set_tags t where t.set_id = s.id order by t.position) as tags, null::int as position
  from reach r join deployment_sets s on s.id = r.id
  union all
  select m.set_id, m.id, m.artifact_uuid, m.group_id, m.nested_set_id, m.added_at, null, null, m.position
  from reach r join deployment_set_members m on m.set_id = r.id`;

type GraphRow = [
  setId: string,
  nameOrId: string,
  descriptionOrArtifact: string | null,
  iconOrGroup: string | null,
  colorOrNested: string | null,
  at: number,
  updatedAt: number | null,
  tags: string[] | null,
  position: number | null,
];

/**
 * Every set of the owner reachable from `rootIds`, with its record and its members in position order, in one
 * statement (see {@link GRAPH}). Rows are turned into members as they stream in, so only the result stays alive
 * (100,000 rows held at once cost more in garbage collection than the query). Positions are dense, so members
 * are placed by position rather than sorted; equal timestamps share one `Date`.
 */
export async function selectGraph(connection: Connection, owner: OwnerId, rootIds: readonly string[]): Promise<StoredGraph> {
  const graph = new Map<string, StoredGraphSet>();
  if (rootIds.length === 0) return graph;
  const members = new Map<string, { readonly setId: string; readonly list: Member[] }>();
  const setRows: GraphRow[] = [];
  const dates = new Map<number, Date>();
  // Rows of one set usually arrive together and share timestamps: check the last ones before hashing.
  let last: { readonly setId: string; readonly list: Member[] } | undefined;
  let lastDate = new Date(0);
  await streamArrays<GraphRow>(connection, GRAPH, [owner, rootIds], (row) => {
    const position = row[8];
    if (position === null) {
      setRows.push(row);
      return;
    }
    const setId = row[0];
    let entry = last !== undefined && last.setId === setId ? last : members.get(setId);
    if (!entry) members.set(setId, (entry = { setId, list: [] }));
    last = entry;
    const at = row[5];
    if (lastDate.getTime() !== at) {
      let date = dates.get(at);
      if (!date) dates.set(at, (date = new Date(at)));
      lastDate = date;
    }
    const ref: MemberRef =
      row[2] !== null ? { type: "artifact", id: row[2] } : row[3] !== null ? { type: "group", id: row[3] } : { type: "set", id: row[4]! };
    entry.list[position] = { id: row[1], setId: entry.setId, ref, position, addedAt: lastDate };
  });
  for (const [id, name, description, icon, color, createdAt, updatedAt, tags] of setRows) {
    const set = { id, ownerId: owner, name, description, icon, color, tags: tags ?? [], createdAt: new Date(createdAt), updatedAt: new Date(updatedAt!) };
    graph.set(id, { id, name, set, members: dense(members.get(id)?.list ?? []) });
  }
  return graph;
}

/** The list without holes (there are none while positions are dense, the store's invariant). */
function dense(list: Member[]): Member[] {
  for (let i = 0; i < list.length; i++) if (list[i] === undefined) return list.filter((m) => m !== undefined);
  return list;
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
