import { describe, expect, it } from "vitest";
import { loadLevelByLevel, type LevelQuery, type LevelRow } from "./level-by-level.js";

/** root -> a, b; a -> b, artifact x; b -> group g. */
const SETS = [
  { id: "root", tags: ["t1", "t2"], members: [{ nested_set_id: "a" }, { nested_set_id: "b" }] },
  { id: "a", tags: [], members: [{ nested_set_id: "b" }, { artifact_uuid: "x" }] },
  { id: "b", tags: ["t3"], members: [{ group_id: "g" }] },
  { id: "lonely", tags: [], members: [] },
];

/** The rows of `setIds`, their epoch times and tags encoded as SQLite or PostgreSQL returns them. */
function queryAs(dialect: "sqlite" | "postgres", log: string[][]): LevelQuery {
  const time = (ms: number) => (dialect === "sqlite" ? ms : String(ms));
  return (_owner, setIds) => {
    log.push([...setIds]);
    return SETS.filter((set) => setIds.includes(set.id))
      .sort((x, y) => x.id.localeCompare(y.id))
      .flatMap((set): LevelRow[] => {
        const record = {
          id: set.id, owner_id: "o", name: `Set ${set.id}`, description: null, icon: null, color: null,
          created_at: time(1_000), updated_at: time(2_000), tags: dialect === "sqlite" ? JSON.stringify(set.tags) : set.tags,
        };
        const none = { member_id: null, artifact_uuid: null, group_id: null, nested_set_id: null, position: null, added_at: null };
        if (set.members.length === 0) return [{ ...record, ...none }];
        return set.members.map((member, position) => ({
          ...record, ...none, ...member, member_id: `${set.id}-${position}`, position, added_at: time(3_000 + position),
        }));
      });
  };
}

describe("loadLevelByLevel", () => {
  it.each(["sqlite", "postgres"] as const)("loads what the root reaches, one query per level (%s columns)", async (dialect) => {
    const log: string[][] = [];
    const graph = await loadLevelByLevel(queryAs(dialect, log), "o", "root");
    expect(log).toEqual([["root"], ["a", "b"]]);
    expect(graph.queries).toBe(2);
    expect([...graph.sets.keys()].sort()).toEqual(["a", "b", "root"]);
    expect([...graph.roots.keys()]).toEqual(["root"]);
    expect(graph.sets.get("a")!.members.map((member) => member.ref)).toEqual([
      { type: "set", id: "b" },
      { type: "artifact", id: "x" },
    ]);
    expect(graph.sets.get("root")).toMatchObject({
      set: { name: "Set root", ownerId: "o", tags: ["t1", "t2"], createdAt: new Date(1_000), updatedAt: new Date(2_000) },
      members: [{ id: "root-0", setId: "root", position: 0, addedAt: new Date(3_000) }, { addedAt: new Date(3_001) }],
    });
  });

  it("builds the same graph from either driver's columns", async () => {
    const sqlite = await loadLevelByLevel(queryAs("sqlite", []), "o", "root");
    const postgres = await loadLevelByLevel(queryAs("postgres", []), "o", "root");
    expect(postgres).toEqual(sqlite);
  });
});
