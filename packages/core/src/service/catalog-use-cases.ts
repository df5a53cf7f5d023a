import { ListArtifactsQuery, ListGroupsQuery } from "../domain/list-queries.js";
import type { Artifact, Group } from "../domain/model.js";
import { parseInput } from "../domain/parse-input.js";
import type { ServiceContext } from "./service-context.js";
import type { Page } from "./views.js";

// The catalog use cases: the collection's artifacts and groups, paged (see {@link DeploymentSets}).

/** See `DeploymentSets.listArtifacts`. */
export async function listArtifacts(ctx: ServiceContext, query: ListArtifactsQuery = {}): Promise<Page<Artifact>> {
  const { type, q, limit, offset } = parseInput(ListArtifactsQuery, query);
  const page = await ctx.catalog.listArtifacts({
    ...(type !== undefined ? { type } : {}),
    ...(q !== undefined && q !== "" ? { q } : {}),
    limit,
    offset,
  });
  return { items: page.items, total: page.total, limit, offset };
}

/** See `DeploymentSets.listGroups`. */
export async function listGroups(ctx: ServiceContext, query: ListGroupsQuery = {}): Promise<Page<Group>> {
  const { limit, offset } = parseInput(ListGroupsQuery, query);
  const page = await ctx.catalog.listGroups({ limit, offset });
  return { items: page.items, total: page.total, limit, offset };
}

