import { depthOf, isLongestChain } from "./graph.js";
import { DEPTH_LIMIT, type ExpectedProblem, type ReferenceModel } from "./reference-model.js";

/** A resolution as the API answers it (`Resolution` in the OpenAPI document). */
export interface ResolutionBody {
  readonly set_id: string;
  readonly set_name: string;
  readonly total_count: number;
  readonly duplicates_dropped: number;
  readonly resolved_artifacts: { artifact_uuid: string; artifact_name: string; artifact_type: string; source_path: string[] }[];
  readonly missing: { kind: "artifact" | "group" | "set"; id: string; path: string[] }[];
}

/**
 * How the model resolves a set (docs/concepts.md#resolution), written from the documentation alone: a depth-first
 * walk over members in position order; an artifact adds itself, a group its artifacts in group order, a nested set
 * is expanded in place unless it was already walked in this resolution; the first occurrence of an artifact wins
 * and every later one counts in `duplicates_dropped`; an unknown reference goes to `missing`. A set nested deeper
 * than 20 does not resolve: `depth_limit_exceeded` with one longest chain.
 */
export function resolveInModel(model: ReferenceModel, rootId: string): ResolutionBody | ExpectedProblem {
  const root = model.find(rootId);
  if ("problem" in root) return root;
  const depth = depthOf(model.sets, rootId);
  if (depth > DEPTH_LIMIT) {
    return {
      problem: true,
      status: 422,
      code: "depth_limit_exceeded",
      data: { limit: DEPTH_LIMIT },
      check(body) {
        if (!isLongestChain(model.sets, rootId, body.path as string[])) {
          throw new Error(`depth_limit_exceeded: path is not one longest chain (${depth} sets) from ${rootId}: ${JSON.stringify(body.path)}`);
        }
      },
    };
  }
  const artifacts = new Map(model.catalog.artifacts.map((a) => [a.uuid, a]));
  const groups = new Map(model.catalog.groups.map((g) => [g.id, g]));
  const resolved: ResolutionBody["resolved_artifacts"] = [];
  const missing: ResolutionBody["missing"] = [];
  const seen = new Set<string>();
  const walked = new Set<string>([rootId]);
  let duplicates = 0;

  const take = (uuid: string, sourcePath: string[]) => {
    const artifact = artifacts.get(uuid)!;
    if (seen.has(uuid)) {
      duplicates++;
      return;
    }
    seen.add(uuid);
    resolved.push({ artifact_uuid: uuid, artifact_name: artifact.name, artifact_type: artifact.type, source_path: sourcePath });
  };
  const walk = (setId: string, path: string[]) => {
    for (const { ref } of model.sets.get(setId)!.members) {
      if (ref.kind === "artifact") {
        if (artifacts.has(ref.id)) take(ref.id, path);
        else missing.push({ kind: "artifact", id: ref.id, path });
      } else if (ref.kind === "group") {
        const group = groups.get(ref.id);
        if (group) for (const uuid of group.artifactUuids) take(uuid, [...path, group.name]);
        else missing.push({ kind: "group", id: ref.id, path });
      } else {
        const nested = model.sets.get(ref.id);
        if (!nested) missing.push({ kind: "set", id: ref.id, path });
        else if (!walked.has(ref.id)) {
          walked.add(ref.id);
          walk(ref.id, [...path, nested.name]);
        }
      }
    }
  };
  walk(rootId, [root.name]);
  return {
    set_id: rootId,
    set_name: root.name,
    total_count: resolved.length,
    duplicates_dropped: duplicates,
    resolved_artifacts: resolved,
    missing,
  };
}

/** `resolved_count` of a set: its distinct artifacts, `null` when it is nested deeper than the limit. */
export function resolvedCountInModel(model: ReferenceModel, setId: string): number | null {
  const resolution = resolveInModel(model, setId);
  return "problem" in resolution ? null : resolution.total_count;
}
