/**
 * A cycle of the directed graph `edges` (parent to child), as the list of its nodes with the first repeated at
 * the end, or `null` when the graph is acyclic. Iterative depth-first search, so deep chains cannot overflow.
 */
export function findCycle(edges: readonly (readonly [string, string])[]): string[] | null {
  const children = new Map<string, string[]>();
  for (const [parent, child] of edges) {
    const list = children.get(parent);
    if (list) list.push(child);
    else children.set(parent, [child]);
  }
  const state = new Map<string, "open" | "done">();
  for (const root of children.keys()) {
    if (state.has(root)) continue;
    const path: string[] = [root];
    const next: number[] = [0];
    state.set(root, "open");
    while (path.length > 0) {
      const node = path[path.length - 1]!;
      const list = children.get(node) ?? [];
      const index = next[next.length - 1]!;
      if (index >= list.length) {
        state.set(node, "done");
        path.pop();
        next.pop();
        continue;
      }
      next[next.length - 1] = index + 1;
      const child = list[index]!;
      const seen = state.get(child);
      if (seen === "open") return [...path.slice(path.indexOf(child)), child];
      if (seen === undefined) {
        state.set(child, "open");
        path.push(child);
        next.push(0);
      }
    }
  }
  return null;
}
