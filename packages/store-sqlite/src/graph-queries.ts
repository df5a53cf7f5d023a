import type { DeploymentSet, Member, OwnerId } from "@deployment-sets/core";
import type { GraphSet, SetGraph, StoredGraph, StoredGraphSet } from "@deployment-sets/core/ports";
import { memberFromTuple, membersFromColumns, type Database, type MemberTuple, type RefColumns } from "@deployment-sets/store-sql";
import { sql, type CompiledQuery, type Kysely, type RawBuilder } from "kysely";

type Db = Kysely<Database>;

/*
 * The graph queries return JSON documents rather than rows: on a 100,000-member graph, creating one JavaScript
 * row per member costs far more than the SQL, while one JSON string per query parses natively. Members are read
 * from a subquery ordered by position, which the `(set_id, position)` index yields without sorting, and carry
 * their positions, which are checked here (SQL does not promise that an aggregate sees its rows in the
 * subquery's order): an aggregate's own `order by` costs a temporary B-tree per set, a third of a small `get`
 * and a tenth of a 10,000-set load. A root's member rows travel as the shared `MemberTuple`s; a reachable set's
 * references column-wise (`RefColumns`: kind codes as one string of digits, ids, positions), one JSON value per
 * set instead of one per member. Either way an id parses into a string of its own (a slice of a longer string
 * would hash and compare slower in the resolver: about a third of a resolution's time on the benchmark graph).
 */

/**
 * `reach(id)`: the owner's sets reachable from the roots through nested-set members, the roots included
 * (`from: "roots"`), or only the sets the roots' nested-set members lead to and beyond (`from: "children"`; a root
 * is among them only when another root or a descendant nests it). Another owner's set is neither a root nor a
 * step. `union` (not `union all`) visits each set once, so the recursion ends on any graph and costs time
 * proportional to the reachable part. Materialised once, whichever of the query's parts reads it.
 *
 * The plan is pinned (`cross join` fixes the join order, `+owner_id` keeps the owner index out, `indexed by`
 * reads sets through the walk index, see {@link walkedSets}): walking the
 * owner's index at each step instead of looking sets up by id turns a 10,000-set load from a tenth of a second
 * into half a minute, and SQLite's planner has been seen to choose exactly that without statistics.
 */
function reach(owner: OwnerId, rootIds: readonly string[], from: "roots" | "children"): RawBuilder<unknown> {
  const [s, c] = [walkedSets("s"), walkedSets("c")];
  const roots = sql`json_each(${JSON.stringify(rootIds)}) j cross join ${s} on s.id = j.value and +s.owner_id = ${owner}`;
  const seed =
    from === "roots"
      ? sql`select s.id from ${roots}`
      : sql`select c.id from ${roots}
      cross join deployment_set_members m on m.set_id = s.id and m.nested_set_id is not null
      cross join ${c} on c.id = m.nested_set_id and +c.owner_id = ${owner}`;
  return sql`
    with recursive reach(id) as materialized (
      ${seed}
      union
      select s.id from reach r
      cross join deployment_set_members m on m.set_id = r.id and m.nested_set_id is not null
      cross join ${s} on s.id = m.nested_set_id and +s.owner_id = ${owner}
    )`;
}

/**
 * `deployment_sets` as `alias`, read through its walk index (id, owner, name; migration 0003): the owner checks
 * and names of a walk then cost one index search per set instead of two.
 */
function walkedSets(alias: "s" | "c"): RawBuilder<unknown> {
  return sql.raw(`deployment_sets ${alias} indexed by deployment_sets_walk_idx`);
}

/** A member's reference kind as a code: `0` (artifact), `1` (group) or `2` (set). */
const KIND_SQL = "(m.group_id is not null) + 2 * (m.nested_set_id is not null)";
/** The id a member references. */
const REF_ID_SQL = "coalesce(m.artifact_uuid, m.group_id, m.nested_set_id)";

/** The references of set `s` as `RefColumns`, read in position order. */
const REF_COLUMNS = sql.raw(`(select json_array(group_concat(r.kind, ''), json_group_array(r.ref_id), json_group_array(r.position))
            from (select ${KIND_SQL} as kind, ${REF_ID_SQL} as ref_id, m.position from deployment_set_members m
              where m.set_id = s.id order by m.position) r)`);

/** A root: `[id, ownerId, name, description, icon, color, createdAt, updatedAt, tags, members]`. */
type RootTuple = [
  string, string, string, string | null, string | null, string | null, number, number, string[] | string,
  MemberTuple[] | string,
];

/** A reachable set: `[id, name, refs]`. */
type SetTuple = [string, string, RefColumns | string];

/** A root's tuple ({@link RootTuple}) built from the set row `s`: its record, tags and member rows. */
const ROOT_TUPLE = sql.raw(`json_array(
          s.id, s.owner_id, s.name, s.description, s.icon, s.color, s.created_at, s.updated_at,
          (select json_group_array(t.tag order by t.position) from deployment_set_tags t where t.set_id = s.id),
          (select json_group_array(json_array(m.id, json_array(${KIND_SQL}, ${REF_ID_SQL}), m.position, m.added_at))
            from (select * from deployment_set_members where set_id = s.id order by position) m))`);

/**
 * ONE statement for {@link StoredGraph}: `roots`, the owner's sets among `rootIds` (in the order asked, repeats
 * included) with tags and member rows, and `sets`, the sets reachable below them with their member references,
 * whatever the depth (a root reappears there only when something nests it; the parser keeps its full entry).
 */
export function graphDocument(db: Db, owner: OwnerId, rootIds: readonly string[]): CompiledQuery<{ roots: string; sets: string }> {
  return sql<{ roots: string; sets: string }>`${reach(owner, rootIds, "children")}
    select
      (select json_group_array(${ROOT_TUPLE} order by j.key)
        from json_each(${JSON.stringify(rootIds)}) j
        cross join deployment_sets s on s.id = j.value
        where +s.owner_id = ${owner}) as roots,
      (select json_group_array(json_array(s.id, s.name, ${REF_COLUMNS}))
        from reach r cross join ${walkedSets("s")} on s.id = r.id) as sets`.compile(db);
}

/**
 * ONE statement for a single root: its {@link RootTuple}, no row when the owner has no such set. Without the walk
 * and the id list of {@link graphDocument} it costs about half as much, which matters for the most frequent read
 * of all, a `get` of a set that nests no other set (see `SqliteStore.loadGraph`).
 */
export function rootDocument(db: Db, owner: OwnerId, rootId: string): CompiledQuery<{ root: string }> {
  return sql<{ root: string }>`select ${ROOT_TUPLE} as root from deployment_sets s
    where s.id = ${rootId} and +s.owner_id = ${owner}`.compile(db);
}

/** Builds the {@link StoredGraph} from {@link graphDocument}'s two documents. */
export function parseGraphDocument(document: { roots: string; sets: string }): StoredGraph {
  const roots = new Map<string, StoredGraphSet>();
  for (const tuple of JSON.parse(document.roots) as RootTuple[]) {
    if (!roots.has(tuple[0])) roots.set(tuple[0], rootSet(tuple));
  }
  const sets = new Map<string, GraphSet>(roots);
  for (const [id, name, refs] of JSON.parse(document.sets) as SetTuple[]) {
    if (roots.has(id)) continue;
    sets.set(id, { id, name, members: membersFromColumns(asArray(refs)) });
  }
  return { roots, sets };
}

/**
 * Builds the {@link StoredGraph} of one root from {@link rootDocument}'s document, or returns `null` when the
 * root nests a set (its graph then needs {@link graphDocument}'s walk).
 */
export function parseRootDocument(document: { root: string }): StoredGraph | null {
  const root = rootSet(JSON.parse(document.root) as RootTuple);
  if (nestsASet(root)) return null;
  const only = new Map([[root.id, root]]);
  return { roots: only, sets: new Map<string, GraphSet>(only) };
}

/** Whether a set has a nested-set member (its graph then reaches beyond it). */
export function nestsASet(set: GraphSet): boolean {
  return set.members.some((member) => member.ref.type === "set");
}

function rootSet([id, ownerId, name, description, icon, color, createdAt, updatedAt, tags, members]: RootTuple): StoredGraphSet {
  const set: DeploymentSet = {
    id, ownerId, name, description, icon, color, tags: asArray(tags),
    createdAt: new Date(createdAt), updatedAt: new Date(updatedAt),
  };
  const rows = asArray(members).map((member) => memberFromTuple(id, member));
  return { id, name, set, members: inPositionOrder(rows) };
}

/**
 * The sets reachable from `rootId` with only their set-to-set edges, all a cycle check reads: `[[id, name,
 * nestedSetIds], ...]`, the ids in position order. One statement, owner-scoped like {@link graphDocument}.
 */
export function edgeDocument(db: Db, owner: OwnerId, rootId: string): CompiledQuery<{ sets: string }> {
  return sql<{ sets: string }>`${reach(owner, [rootId], "roots")}
    select json_group_array(json_array(s.id, s.name,
        (select json_group_array(m.nested_set_id order by m.position)
          from deployment_set_members m where m.set_id = s.id and m.nested_set_id is not null))) as sets
      from reach r cross join ${walkedSets("s")} on s.id = r.id`.compile(db);
}

/** Builds the add-member context graph from {@link edgeDocument}'s document. */
export function parseEdgeDocument(document: { sets: string }): SetGraph {
  const graph = new Map<string, GraphSet>();
  for (const [id, name, nested] of JSON.parse(document.sets) as [string, string, string[] | string][]) {
    graph.set(id, { id, name, members: asArray(nested).map((child) => ({ ref: { type: "set" as const, id: child } })) });
  }
  return graph;
}

/**
 * Sorts by position unless already sorted: SQLite aggregates a subquery's rows in the order the index walk
 * yields them (position order), which SQL does not promise, so the order is checked rather than trusted.
 */
function inPositionOrder(members: Member[]): Member[] {
  for (let k = 1; k < members.length; k++) {
    if (members[k - 1]!.position > members[k]!.position) return members.sort((a, b) => a.position - b.position);
  }
  return members;
}

/** A nested JSON value, whether SQLite kept its JSON subtype through the subquery (it does) or not. */
function asArray<T extends readonly unknown[]>(value: T | string): T {
  return typeof value === "string" ? (JSON.parse(value) as T) : value;
}
