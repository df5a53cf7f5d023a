import type { SetGraph } from "../resolver/graph.js";

/**
 * Checks whether adding the edge `from -> to` (set `from` gains member set `to`) would close a cycle.
 * Returns `null` when it would not, else the cycle as set ids starting and ending at `from`
 * (`[from, to, ..., from]`; the shortest such path; `[from, from]` for a self-reference).
 *
 * Breadth-first from `to` over nested-set edges, so the cost is proportional to the part of `graph` reachable
 * from `to`. `graph` must hold at least that part; sets missing from it end a path. Pure.
 *
 * @example
 * ```ts
 * const cycle = findCycle(graph, a, b);
 * if (cycle) throw new CycleDetectedError(cycle, cycle.map((id) => graph.get(id)?.name ?? id));
 * ```
 */
export function findCycle(graph: SetGraph, from: string, to: string): string[] | null {
  if (from === to) return [from, from];
  const parent = new Map<string, string | null>([[to, null]]);
  const queue: string[] = [to];
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head]!;
    const set = graph.get(id);
    if (!set) continue;
    for (const { ref } of set.members) {
      if (ref.type !== "set" || parent.has(ref.id)) continue;
      parent.set(ref.id, id);
      if (ref.id === from) return [from, ...pathTo(parent, id), from];
      queue.push(ref.id);
    }
  }
  return null;
}

/** The ids from the search's start to `id`, following parent pointers back. */
function pathTo(parent: ReadonlyMap<string, string | null>, id: string): string[] {
  const path: string[] = [];
  for (let at: string | null | undefined = id; at != null; at = parent.get(at)) path.push(at);
  return path.reverse();
}
