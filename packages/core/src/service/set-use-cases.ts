import type { OwnerId, SetPatch } from "../domain/model.js";
import { parseInput } from "../domain/parse-input.js";
import { CloneSetInput, CreateSetInput, ListSetsQuery, UpdateSetInput } from "../domain/set-inputs.js";
import { isId } from "../domain/ids.js";
import { foldCase } from "../domain/text.js";
import { SetNotFoundError } from "../errors/errors.js";
import type { StoredGraph } from "../ports/deployment-set-store.js";
import { loadCatalogView } from "./catalog-view.js";
import { cloneName } from "./clone-name.js";
import { readAfterWrite } from "./read-after-write.js";
import { loadSetGraph, requireSet, type ServiceContext } from "./service-context.js";
import { details, resolvedCount, setDetails, setSummary } from "./set-views.js";
import type { Page, SetDetails, SetSummary } from "./views.js";

// The set use cases: create, list, get, update, delete and clone (see {@link DeploymentSets} for each one's contract).

/** See `DeploymentSets.createSet`. */
export async function createSet(ctx: ServiceContext, owner: OwnerId, input: CreateSetInput): Promise<SetDetails> {
  const fields = parseInput(CreateSetInput, input);
  const now = ctx.clock();
  const set = await ctx.store.createSet(owner, {
    id: ctx.ids(),
    name: fields.name,
    description: fields.description ?? null,
    icon: fields.icon ?? null,
    color: fields.color ?? null,
    tags: fields.tags ?? [],
    createdAt: now,
  });
  return setDetails(set, 0, []);
}

/** See `DeploymentSets.listSets`. */
export async function listSets(ctx: ServiceContext, owner: OwnerId, query: ListSetsQuery = {}): Promise<Page<SetSummary>> {
  const { name, tag, limit, offset } = parseInput(ListSetsQuery, query);
  const page = await ctx.store.listSets(owner, {
    ...(name !== undefined && name !== "" ? { nameContains: foldCase(name) } : {}),
    ...(tag !== undefined ? { tag: foldCase(tag.trim()) } : {}),
    limit,
    offset,
  });
  const graph: StoredGraph =
    page.items.length > 0 ? await ctx.store.loadGraph(owner, page.items.map((s) => s.id)) : { roots: new Map(), sets: new Map() };
  const view = await loadCatalogView(ctx.catalog, graph.sets);
  const items = page.items.map((set) =>
    setSummary(set, graph.roots.get(set.id)?.members.length ?? 0, resolvedCount(graph.sets, view, set.id)),
  );
  return { items, total: page.total, limit, offset };
}

/** See `DeploymentSets.getSet`. */
export async function getSet(ctx: ServiceContext, owner: OwnerId, setId: string): Promise<SetDetails> {
  const graph = await loadSetGraph(ctx, owner, setId);
  const view = await loadCatalogView(ctx.catalog, graph.sets);
  return details(graph, view, setId);
}

/** See `DeploymentSets.updateSet`. */
export async function updateSet(ctx: ServiceContext, owner: OwnerId, setId: string, changes: UpdateSetInput): Promise<SetDetails> {
  const input = parseInput(UpdateSetInput, changes);
  const current = await requireSet(ctx, owner, setId);
  const patch: { -readonly [K in keyof SetPatch]: SetPatch[K] } = {};
  if (input.name !== undefined && input.name !== current.name) patch.name = input.name;
  if (input.description !== undefined && input.description !== current.description) patch.description = input.description;
  if (input.icon !== undefined && input.icon !== current.icon) patch.icon = input.icon;
  if (input.color !== undefined && input.color !== current.color) patch.color = input.color;
  if (input.tags !== undefined && !sameList(input.tags, current.tags)) patch.tags = input.tags;
  if (Object.keys(patch).length === 0) return getSet(ctx, owner, setId);
  await ctx.store.updateSet(owner, setId, patch, ctx.clock());
  return readAfterWrite(() => getSet(ctx, owner, setId));
}

/** See `DeploymentSets.deleteSet`. */
export async function deleteSet(ctx: ServiceContext, owner: OwnerId, setId: string): Promise<void> {
  if (!isId(setId)) throw new SetNotFoundError(setId);
  await ctx.store.deleteSet(owner, setId, ctx.clock());
}

/** See `DeploymentSets.cloneSet`. */
export async function cloneSet(ctx: ServiceContext, owner: OwnerId, setId: string, options: CloneSetInput = {}): Promise<SetDetails> {
  const input = parseInput(CloneSetInput, options);
  const source = await requireSet(ctx, owner, setId);
  const clone = await ctx.store.cloneSet(owner, setId, {
    id: ctx.ids(),
    name: input.name ?? cloneName(source.name),
    createdAt: ctx.clock(),
    newMemberId: ctx.ids,
  });
  return readAfterWrite(() => getSet(ctx, owner, clone.id));
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}
