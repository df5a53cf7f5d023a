import type { DeploymentSet, GraphSet, Member, StoredGraph, StoredGraphSet } from "@deployment-sets/core";
import type Database from "better-sqlite3";

interface Row {
  id: string;
  owner_id: string;
  name: string;
  description: string | null;
  icon: string | null;
  color: string | null;
  created_at: number;
  updated_at: number;
  tags: string;
  member_id: string | null;
  artifact_uuid: string | null;
  group_id: string | null;
  nested_set_id: string | null;
  position: number | null;
  added_at: number | null;
}

/**
 * The baseline: loads the graph the way SkillMeat does, one query per breadth-first level (the sets of the
 * frontier with their members), so the number of queries grows with the depth. Same tables, same indexes, same
 * result as `SqliteStore.loadGraph` (the root with its record and member rows, every reachable set with its
 * member references); the statement is prepared once, so only the per-level round trips differ.
 */
export function createLevelByLevelLoader(db: Database.Database): (owner: string, rootId: string) => StoredGraph {
  const level = db.prepare<[string, string], Row>(
    `select s.id, s.owner_id, s.name, s.description, s.icon, s.color, s.created_at, s.updated_at,
       (select json_group_array(t.tag order by t.position) from deployment_set_tags t where t.set_id = s.id) as tags,
       m.id as member_id, m.artifact_uuid, m.group_id, m.nested_set_id, m.position, m.added_at
     from deployment_sets s left join deployment_set_members m on m.set_id = s.id
     where s.owner_id = ? and s.id in (select value from json_each(?))
     order by s.id, m.position`,
  );
  return (owner, rootId) => {
    const roots = new Map<string, StoredGraphSet>();
    const sets = new Map<string, GraphSet>();
    let frontier = [rootId];
    while (frontier.length > 0) {
      const next = new Set<string>();
      let current: { set: DeploymentSet; members: Member[] } | undefined;
      for (const row of level.all(owner, JSON.stringify(frontier))) {
        if (current?.set.id !== row.id) {
          const set: DeploymentSet = {
            id: row.id, ownerId: row.owner_id, name: row.name, description: row.description, icon: row.icon,
            color: row.color, tags: JSON.parse(row.tags) as string[], createdAt: new Date(row.created_at),
            updatedAt: new Date(row.updated_at),
          };
          current = { set, members: [] };
          const entry = { id: set.id, name: set.name, set, members: current.members };
          sets.set(set.id, entry);
          if (set.id === rootId) roots.set(set.id, entry);
        }
        if (row.member_id === null) continue;
        const ref = row.artifact_uuid !== null ? { type: "artifact" as const, id: row.artifact_uuid }
          : row.group_id !== null ? { type: "group" as const, id: row.group_id }
          : { type: "set" as const, id: row.nested_set_id! };
        current.members.push({ id: row.member_id, setId: row.id, ref, position: row.position!, addedAt: new Date(row.added_at!) });
        if (ref.type === "set" && !sets.has(ref.id)) next.add(ref.id);
      }
      frontier = [...next].filter((id) => !sets.has(id));
    }
    return { roots, sets };
  };
}
