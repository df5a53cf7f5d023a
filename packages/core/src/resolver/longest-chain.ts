import { InternalError } from "../errors/errors.js";
import type { SetGraph } from "./graph.js";

/**
 * One longest chain of nested sets reachable from `rootId`, root first: its length is the depth of a
 * resolution (see docs/concepts.md, Resolution). Nested sets missing from `graph` end a chain. Linear in the
 * reachable graph: each set's height is computed once (iteratively, so very deep graphs cannot overflow the stack).
 *
 * @throws InternalError when the graph holds a cycle (the write path never lets one in).
 */
export function longestChain(graph: SetGraph, rootId: string): string[] {
  if (!graph.has(rootId)) return [];
  const height = new Map<string, number>();
  const next = new Map<string, string | undefined>();
  const onStack = new Set<string>();
  const stack: { id: string; index: number; best: number; bestChild: string | undefined }[] = [
    { id: rootId, index: 0, best: 0, bestChild: undefined },
  ];
  onStack.add(rootId);

  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    const members = graph.get(frame.id)!.members;
    let descended = false;
    while (frame.index < members.length) {
      const ref = members[frame.index]!.ref;
      if (ref.type !== "set" || !graph.has(ref.id)) {
        frame.index++;
        continue;
      }
      const childHeight = height.get(ref.id);
      if (childHeight === undefined) {
        if (onStack.has(ref.id)) throw new InternalError(`set graph holds a cycle through ${ref.id}`);
        onStack.add(ref.id);
        stack.push({ id: ref.id, index: 0, best: 0, bestChild: undefined });
        descended = true;
        break;
      }
      if (childHeight > frame.best) {
        frame.best = childHeight;
        frame.bestChild = ref.id;
      }
      frame.index++;
    }
    if (descended) continue;
    height.set(frame.id, frame.best + 1);
    next.set(frame.id, frame.bestChild);
    onStack.delete(frame.id);
    stack.pop();
  }

  const chain: string[] = [];
  for (let id: string | undefined = rootId; id !== undefined; id = next.get(id)) chain.push(id);
  return chain;
}
