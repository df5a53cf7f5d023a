import type { CatalogView, SetGraph } from "../resolver/graph.js";
import { resolveSet } from "../resolver/resolve.js";
import { hasErrorCode } from "../errors/deployment-sets-error.js";
import type { StoredGraph } from "../ports/deployment-set-store.js";
import type { MemberView, SetDetails } from "./views.js";

/** The number of distinct artifacts `setId` resolves to, `null` over the depth limit. */
export function resolvedCount(graph: SetGraph, view: CatalogView, setId: string): number | null {
  if (!graph.has(setId)) return null;
  try {
    return resolveSet(graph, view, setId).artifacts.length;
  } catch (error) {
    if (hasErrorCode(error, "depth_limit_exceeded")) return null;
    throw error;
  }
}

/** The set of `graph` with its members (named) and counts. */
export function details(graph: StoredGraph, view: CatalogView, setId: string): SetDetails {
  const members = memberViews(graph, view, setId);
  return { ...graph.roots.get(setId)!.set, memberCount: members.length, resolvedCount: resolvedCount(graph.sets, view, setId), members };
}

/** The members of `setId` in `graph`, each with the referenced thing's name. */
export function memberViews(graph: StoredGraph, view: CatalogView, setId: string): MemberView[] {
  return graph.roots.get(setId)!.members.map((member): MemberView => {
    const { ref } = member;
    const name =
      ref.type === "artifact"
        ? view.artifacts.get(ref.id)?.name
        : ref.type === "group"
          ? view.groups.get(ref.id)?.name
          : graph.sets.get(ref.id)?.name;
    return { id: member.id, setId: member.setId, ref, position: member.position, addedAt: member.addedAt, name: name ?? null };
  });
}
