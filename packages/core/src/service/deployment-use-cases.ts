import { DeployInput, InventoryQuery, UndeployInput } from "../domain/deploy-input.js";
import { isId } from "../domain/ids.js";
import type { OwnerId } from "../domain/model.js";
import { parseInput } from "../domain/parse-input.js";
import { SetNotFoundError } from "../errors/errors.js";
import type { DeployProgress, DeployReport } from "../ports/deployer.js";
import type { SetDeployment } from "../ports/deployment-set-store.js";
import { deployReport, reportLogFields } from "./deploy-report.js";
import { resolveGraph } from "./resolution-use-cases.js";
import { loadSetGraph, requireDeployer, requireSet, since, type ServiceContext } from "./service-context.js";
import type { ProjectInventory, SetRef } from "./views.js";

// The deployment use cases: deploy, undeploy, where a set is deployed, a project's inventory (see {@link DeploymentSets}).

/** What {@link DeploymentSets.deploy} takes besides its input: callbacks, which are not data. */
export interface DeployOptions {
  /** Called after each artifact the deploy writes with how many are written of how many will be; never on a dry run. */
  readonly onProgress?: DeployProgress;
}

/** See `DeploymentSets.deploy`. */
export async function deploy(
  ctx: ServiceContext,
  owner: OwnerId,
  setId: string,
  input: DeployInput,
  options: DeployOptions,
): Promise<DeployReport> {
  const { projectPath, profile, dryRun, force, prune } = parseInput(DeployInput, input);
  const started = ctx.clock().getTime();
  const graph = await loadSetGraph(ctx, owner, setId);
  const deployer = requireDeployer(ctx);
  await deployer.checkTarget(projectPath);
  const resolution = await resolveGraph(ctx, graph, setId);
  // Pruning needs the whole set: with a reference the catalog could not resolve (an unreadable collection looks
  // like that), what would be removed is not known to be gone, so it is only reported stale.
  const safePrune = prune && resolution.missing.length === 0;
  const request = {
    setId,
    projectPath,
    profile,
    force,
    prune: safePrune,
    artifacts: resolution.artifacts.map((resolved) => resolved.artifact),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  };
  const results = dryRun ? await deployer.plan(request) : await deployer.deploy(request);
  // Remembered once anything landed (or the set is empty): a deploy that failed throughout left nothing to list.
  const landed = results.length === 0 || results.some((result) => result.status !== "failed");
  if (!dryRun && landed) await ctx.store.recordDeployment(owner, { setId, projectPath, profile, deployedAt: ctx.clock() });
  const report = deployReport(
    { setId, setName: resolution.setName, projectPath, profile, dryRun, durationMs: since(ctx, started), missing: resolution.missing },
    results,
  );
  ctx.logger.info({ ...reportLogFields(report), resolved_count: resolution.artifacts.length }, dryRun ? "planned deploy" : "deployed set");
  return report;
}

/** See `DeploymentSets.undeploy`. */
export async function undeploy(ctx: ServiceContext, owner: OwnerId, setId: string, input: UndeployInput): Promise<DeployReport> {
  const { projectPath, profile, dryRun, force } = parseInput(UndeployInput, input);
  const started = ctx.clock().getTime();
  const set = await requireSet(ctx, owner, setId);
  const deployer = requireDeployer(ctx);
  await deployer.checkTarget(projectPath);
  const request = { setId, projectPath, profile, force };
  const results = dryRun ? await deployer.planUndeploy(request) : await deployer.undeploy(request);
  // Forgotten once nothing of the set is left there: no failure, and nothing kept because the user changed it.
  if (!dryRun && results.every((result) => result.status !== "failed" && result.action !== "kept_local_changes")) {
    await ctx.store.forgetDeployment(owner, setId, projectPath, profile);
  }
  const report = deployReport({ setId, setName: set.name, projectPath, profile, dryRun, durationMs: since(ctx, started), missing: [] }, results);
  ctx.logger.info(reportLogFields(report), dryRun ? "planned undeploy" : "undeployed set");
  return report;
}

/** See `DeploymentSets.listDeployments`. */
export async function listDeployments(ctx: ServiceContext, owner: OwnerId, setId: string): Promise<SetDeployment[]> {
  if (!isId(setId)) throw new SetNotFoundError(setId);
  return ctx.store.listDeployments(owner, setId);
}

/** See `DeploymentSets.inventory`. */
export async function inventory(ctx: ServiceContext, owner: OwnerId, query: InventoryQuery): Promise<ProjectInventory> {
  const { projectPath, profile } = parseInput(InventoryQuery, query);
  const deployer = requireDeployer(ctx);
  await deployer.checkTarget(projectPath);
  const deployed = await deployer.inventory(projectPath, profile);
  const names = new Map<string, string | null>();
  for (const artifact of deployed) for (const id of artifact.setIds) if (!names.has(id)) names.set(id, null);
  for (const id of names.keys()) if (isId(id)) names.set(id, (await ctx.store.getSet(owner, id))?.name ?? null);
  const artifacts = deployed.map(({ setIds, ...artifact }) => ({
    ...artifact,
    sets: setIds.flatMap((id): SetRef[] => {
      const name = names.get(id);
      return name == null ? [] : [{ id, name }];
    }),
  }));
  return { projectPath, profile, artifacts };
}

