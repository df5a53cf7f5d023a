import type { Artifact, Group, MemberRef } from "../src/index.js";
import type { CatalogView, GraphSet } from "../src/ports/index.js";

/** An artifact fixture named `name` (uuid = `a-<name>`). */
export function artifact(name: string, type: Artifact["type"] = "skill"): Artifact {
  return { uuid: `a-${name}`, name, type, description: null, tags: [], path: `${type}s/${name}` };
}

/**
 * Builds a graph and a catalog from a compact spec: each set name maps to its members, where `"@X"` is set X,
 * `"#G"` is group G and anything else is the artifact of that name. Set ids are `s-<name>`, group ids `g-<name>`.
 */
export function graphOf(
  sets: Record<string, string[]>,
  groups: Record<string, string[]> = {},
): { graph: Map<string, GraphSet>; catalog: CatalogView } {
  const artifacts = new Map<string, Artifact>();
  const groupMap = new Map<string, Group>();
  const ref = (token: string): MemberRef => {
    if (token.startsWith("@")) return { type: "set", id: `s-${token.slice(1)}` };
    if (token.startsWith("#")) return { type: "group", id: `g-${token.slice(1)}` };
    if (!token.startsWith("?")) artifacts.set(`a-${token}`, artifact(token));
    return { type: "artifact", id: `a-${token.replace(/^\?/, "")}` };
  };
  for (const [name, members] of Object.entries(groups)) {
    groupMap.set(`g-${name}`, {
      id: `g-${name}`,
      name,
      description: null,
      artifactUuids: members.map((token) => ref(token).id),
    });
  }
  const graph = new Map<string, GraphSet>();
  for (const [name, members] of Object.entries(sets)) {
    graph.set(`s-${name}`, { id: `s-${name}`, name, members: members.map((token) => ({ ref: ref(token) })) });
  }
  return { graph, catalog: { artifacts, groups: groupMap } };
}

/** A chain of `length` sets S1 -> S2 -> ... -> S<length>, the last holding one artifact. */
export function chain(length: number): Record<string, string[]> {
  const sets: Record<string, string[]> = {};
  for (let i = 1; i <= length; i++) sets[`S${i}`] = i < length ? [`@S${i + 1}`] : ["leaf"];
  return sets;
}
