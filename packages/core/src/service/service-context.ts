import { isId } from "../domain/ids.js";
import type { DeploymentSet, MemberRef, OwnerId } from "../domain/model.js";
import { DeployDisabledError, SetNotFoundError } from "../errors/errors.js";
import type { ArtifactCatalog } from "../ports/artifact-catalog.js";
import type { Deployer } from "../ports/deployer.js";
import type { DeploymentSetStore, StoredGraph } from "../ports/deployment-set-store.js";
import type { Clock, IdGenerator, Logger } from "../ports/environment.js";

/** What every use case runs with: the ports and the environment a `DeploymentSets` was built from. */
export interface ServiceContext {
  readonly store: DeploymentSetStore;
  readonly catalog: ArtifactCatalog;
  readonly deployer: Deployer | undefined;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly logger: Logger;
}

/** The graph under one set, which must exist for `owner` (a malformed id is simply not found). @throws SetNotFoundError */
export async function loadSetGraph(ctx: ServiceContext, owner: OwnerId, setId: string): Promise<StoredGraph> {
  if (!isId(setId)) throw new SetNotFoundError(setId);
  const graph = await ctx.store.loadGraph(owner, [setId]);
  if (!graph.roots.has(setId)) throw new SetNotFoundError(setId);
  return graph;
}

/** The set's record. @throws SetNotFoundError */
export async function requireSet(ctx: ServiceContext, owner: OwnerId, setId: string): Promise<DeploymentSet> {
  const set = isId(setId) ? await ctx.store.getSet(owner, setId) : undefined;
  if (!set) throw new SetNotFoundError(setId);
  return set;
}

/** What the catalog knows of an artifact or group reference (an artifact's canonical uuid), `null` if nothing. */
export async function catalogEntry(ctx: ServiceContext, ref: MemberRef): Promise<{ readonly uuid: string; readonly name: string } | null> {
  if (ref.type === "artifact") return (await ctx.catalog.getArtifacts([ref.id])).get(ref.id) ?? null;
  const group = (await ctx.catalog.getGroups([ref.id])).get(ref.id);
  return group ? { uuid: group.id, name: group.name } : null;
}

/** The catalog name of an artifact or group reference, `null` when the catalog does not know it. */
export async function catalogName(ctx: ServiceContext, ref: MemberRef): Promise<string | null> {
  return (await catalogEntry(ctx, ref))?.name ?? null;
}

/** The name of one of the owner's sets, `null` when it does not exist. */
export async function setName(ctx: ServiceContext, owner: OwnerId, setId: string): Promise<string | null> {
  return (await ctx.store.getSet(owner, setId))?.name ?? null;
}

/** The deployer. @throws DeployDisabledError when the service has none */
export function requireDeployer(ctx: ServiceContext): Deployer {
  if (!ctx.deployer) throw new DeployDisabledError();
  return ctx.deployer;
}

/** Milliseconds since `startedMs` by the service's clock (never negative). */
export function since(ctx: ServiceContext, startedMs: number): number {
  return Math.max(0, ctx.clock().getTime() - startedMs);
}
