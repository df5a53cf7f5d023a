import type { Member, OwnerId } from "@deployment-sets/core";
import type { DeploymentSetStore, GraphSet, SetGraph } from "@deployment-sets/core/ports";
import { expect } from "vitest";

const KINDS = new Set(["artifact", "group", "set"]);
const PAGE = 200;

/** Options of {@link findStoreInvariantViolations}. */
export interface InvariantOptions {
  /**
   * Accept nested-set members whose set does not exist for the owner. Deleting a set removes it from every
   * parent, so a store never shows one, unless a test planted it past core's checks.
   * @defaultValue false
   */
  readonly allowDanglingSetRefs?: boolean;
}

/**
 * Checks what must hold in a store at every moment, whatever happened before (crashes, races), and returns
 * one readable line per violation (none when all is well):
 * - every set's members hold the dense positions 0..n-1, in the order `listMembers` returns them;
 * - every member belongs to its set, has a unique id and exactly one well-formed reference (`ref.type` one of
 *   `artifact`, `group`, `set`, with a non-empty id), and no reference appears twice in one set;
 * - `loadGraph` and `listMembers` agree;
 * - no nested-set member points at a set missing for the owner (see {@link InvariantOptions});
 * - the graph of nested sets is acyclic.
 *
 * It looks at the sets reachable from `setIds` or, when `setIds` is absent, at every set of `owner`.
 */
export async function findStoreInvariantViolations(
  store: DeploymentSetStore,
  owner: OwnerId,
  setIds?: readonly string[],
  options: InvariantOptions = {},
): Promise<string[]> {
  const roots = setIds ?? (await allSetIds(store, owner));
  const graph = await store.loadGraph(owner, roots);
  const violations: string[] = [];
  const memberIds = new Set<string>();
  for (const [setId, root] of graph.roots) {
    if (root.id !== setId || root.set.id !== setId) violations.push(`set ${setId}: root entry carries id ${root.id}`);
    if (!graph.sets.has(setId)) violations.push(`set ${setId}: a root missing from the reachable sets`);
  }
  for (const [setId, entry] of graph.sets) {
    if (entry.id !== setId) violations.push(`set ${setId}: graph entry carries id ${entry.id}`);
    const members = await store.listMembers(owner, setId);
    violations.push(...memberViolations(setId, members, memberIds));
    const root = graph.roots.get(setId);
    if (root && !sameMembers(members, root.members)) violations.push(`set ${setId}: loadGraph's root and listMembers disagree`);
    if (!sameRefs(members, entry.members)) violations.push(`set ${setId}: loadGraph and listMembers disagree`);
    if (!options.allowDanglingSetRefs) {
      for (const { ref, id } of members) {
        if (ref.type === "set" && !graph.sets.has(ref.id)) violations.push(`set ${setId}: member ${id} nests missing set ${ref.id}`);
      }
    }
  }
  const cycle = findAnyCycle(graph.sets);
  if (cycle) violations.push(`cycle: ${cycle.join(" -> ")}`);
  return violations;
}

/**
 * Asserts (with vitest's `expect`) that {@link findStoreInvariantViolations} finds nothing. Adapters reuse it
 * in their own crash and concurrency tests.
 *
 * @example
 * ```ts
 * await Promise.allSettled(racingAdds);
 * await checkStoreInvariants(store, owner);
 * ```
 */
export async function checkStoreInvariants(
  store: DeploymentSetStore,
  owner: OwnerId,
  setIds?: readonly string[],
  options?: InvariantOptions,
): Promise<void> {
  expect(await findStoreInvariantViolations(store, owner, setIds, options), "store invariants").toEqual([]);
}

async function allSetIds(store: DeploymentSetStore, owner: OwnerId): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await store.listSets(owner, { limit: PAGE, offset });
    ids.push(...page.items.map((set) => set.id));
    if (page.items.length < PAGE) return ids;
  }
}

function memberViolations(setId: string, members: readonly Member[], seenIds: Set<string>): string[] {
  const violations: string[] = [];
  const refs = new Set<string>();
  members.forEach((member, index) => {
    const where = `set ${setId}: member ${member.id}`;
    if (member.position !== index) violations.push(`${where} at index ${index} has position ${member.position}`);
    if (member.setId !== setId) violations.push(`${where} claims set ${member.setId}`);
    if (seenIds.has(member.id)) violations.push(`${where}: id used twice`);
    seenIds.add(member.id);
    if (!KINDS.has(member.ref.type) || typeof member.ref.id !== "string" || member.ref.id === "") {
      violations.push(`${where} has a malformed reference ${JSON.stringify(member.ref)}`);
    }
    const key = `${member.ref.type}:${member.ref.id}`;
    if (refs.has(key)) violations.push(`${where} repeats reference ${key}`);
    refs.add(key);
  });
  return violations;
}

function sameMembers(a: readonly Member[], b: readonly Member[]): boolean {
  return (
    a.length === b.length &&
    a.every((m, i) => {
      const o = b[i]!;
      return m.id === o.id && m.position === o.position && m.ref.type === o.ref.type && m.ref.id === o.ref.id;
    })
  );
}

function sameRefs(a: readonly Member[], b: GraphSet["members"]): boolean {
  return a.length === b.length && a.every((m, i) => m.ref.type === b[i]!.ref.type && m.ref.id === b[i]!.ref.id);
}

/** Some cycle of nested-set edges in `graph` (first id repeated at the end), or `null`. Iterative DFS. */
function findAnyCycle(graph: SetGraph): string[] | null {
  const state = new Map<string, "open" | "done">();
  for (const start of graph.keys()) {
    if (state.has(start)) continue;
    const stack: { id: string; next: number }[] = [{ id: start, next: 0 }];
    state.set(start, "open");
    while (stack.length > 0) {
      const top = stack.at(-1)!;
      const members = graph.get(top.id)?.members ?? [];
      const member = members[top.next++];
      if (!member) {
        state.set(top.id, "done");
        stack.pop();
        continue;
      }
      if (member.ref.type !== "set" || !graph.has(member.ref.id)) continue;
      const child = member.ref.id;
      if (state.get(child) === "open") {
        const from = stack.findIndex((frame) => frame.id === child);
        return [...stack.slice(from).map((frame) => frame.id), child];
      }
      if (!state.has(child)) {
        state.set(child, "open");
        stack.push({ id: child, next: 0 });
      }
    }
  }
  return null;
}
