/** The shape the graph helpers read: sets by id with their members in order (the model's sets fit it). */
export type NestingGraph = ReadonlyMap<string, { readonly members: readonly { readonly ref: { readonly kind: string; readonly id: string } }[] }>;

/** The ids of the sets `setId` nests directly, in member order (only those that exist). */
export function nestedIds(graph: NestingGraph, setId: string): string[] {
  return (graph.get(setId)?.members ?? []).filter((m) => m.ref.kind === "set" && graph.has(m.ref.id)).map((m) => m.ref.id);
}

/** Sets on the longest nesting chain from `setId`, itself included (the graph is acyclic). */
export function depthOf(graph: NestingGraph, setId: string, memo = new Map<string, number>()): number {
  const known = memo.get(setId);
  if (known !== undefined) return known;
  let deepest = 0;
  for (const child of nestedIds(graph, setId)) deepest = Math.max(deepest, depthOf(graph, child, memo));
  memo.set(setId, deepest + 1);
  return deepest + 1;
}

/** One shortest chain of nestings from `from` to `to`, both included, by breadth-first search; none when unreachable. */
export function shortestNestingPath(graph: NestingGraph, from: string, to: string): string[] | undefined {
  const parent = new Map<string, string | null>([[from, null]]);
  const queue = [from];
  while (queue.length > 0) {
    const current = queue.shift()!;
    if (current === to) {
      const path: string[] = [];
      for (let at: string | null = current; at !== null; at = parent.get(at)!) path.unshift(at);
      return path;
    }
    for (const child of nestedIds(graph, current)) {
      if (parent.has(child)) continue;
      parent.set(child, current);
      queue.push(child);
    }
  }
  return undefined;
}

/** Whether `path` is a chain of direct nestings starting at `root` and as long as the deepest one. */
export function isLongestChain(graph: NestingGraph, root: string, path: readonly string[]): boolean {
  if (path[0] !== root || path.length !== depthOf(graph, root)) return false;
  return path.every((id, i) => i === 0 || nestedIds(graph, path[i - 1]!).includes(id));
}
