import type { OwnerId } from "../domain/model.js";
import type { StoredGraph } from "../ports/deployment-set-store.js";
import { resolveSet, type Resolution } from "../resolver/resolve.js";
import { loadCatalogView } from "./catalog-view.js";
import { loadSetGraph, type ServiceContext } from "./service-context.js";

// Resolution: a set's graph into one ordered, distinct artifact list, missing references logged.

/** See `DeploymentSets.resolve`. */
export async function resolve(ctx: ServiceContext, owner: OwnerId, setId: string): Promise<Resolution> {
  return resolveGraph(ctx, await loadSetGraph(ctx, owner, setId), setId);
}

/** Resolves `setId` within an already loaded graph, logging each missing reference at warning level. */
export async function resolveGraph(ctx: ServiceContext, graph: StoredGraph, setId: string): Promise<Resolution> {
  const resolution = resolveSet(graph.sets, await loadCatalogView(ctx.catalog, graph.sets), setId);
  for (const missing of resolution.missing) {
    ctx.logger.warn({ set_id: setId, kind: missing.kind, id: missing.id, path: missing.path }, "missing reference");
  }
  return resolution;
}
