import type { DeployProfile, OwnerId, SetDeployment } from "@deployment-sets/core";
import { sql, type Kysely } from "kysely";
import type { Database } from "./database.js";
import type { DeploymentRow } from "./rows.js";

type Db = Kysely<Database>;

/**
 * Records a deploy of the owner's set in one statement: a new row, or a later `deployed_at` for the same set,
 * project folder and profile. False when the owner has no such set. `for key share` locks the set row: a
 * concurrent delete either commits first (the set is then not found) or waits for this insert, so the foreign
 * key never fails.
 */
export async function upsertDeployment(db: Db, owner: OwnerId, deployment: SetDeployment): Promise<boolean> {
  const { rows } = await sql<{ set_id: string }>`insert into deployment_set_deployments (owner_id, set_id, project_path, profile, deployed_at)
    select s.owner_id, s.id, ${deployment.projectPath}, ${deployment.profile}, ${deployment.deployedAt.getTime()}::bigint
    from deployment_sets s where s.id = ${deployment.setId} and s.owner_id = ${owner}
    for key share
    on conflict (set_id, project_path, profile) do update set deployed_at = excluded.deployed_at
    returning set_id`.execute(db);
  return rows.length > 0;
}

/** Deletes the owner's deployment of `setId` into `projectPath` for `profile`, if there is one. */
export async function deleteDeployment(db: Db, owner: OwnerId, setId: string, projectPath: string, profile: DeployProfile): Promise<void> {
  await db
    .deleteFrom("deployment_set_deployments")
    .where("set_id", "=", setId)
    .where("project_path", "=", projectPath)
    .where("profile", "=", profile)
    .where("owner_id", "=", owner)
    .execute();
}

/**
 * The set's deployments, most recent first (then by project folder and profile), or `undefined` when the owner
 * has no such set (one statement).
 */
export async function selectDeployments(db: Db, owner: OwnerId, setId: string): Promise<DeploymentRow[] | undefined> {
  const { rows } = await sql<Partial<DeploymentRow>>`select s.id as set_id, d.project_path, d.profile, d.deployed_at
    from deployment_sets s left join deployment_set_deployments d on d.set_id = s.id
    where s.id = ${setId} and s.owner_id = ${owner}
    order by d.deployed_at desc, d.project_path, d.profile`.execute(db);
  if (rows.length === 0) return undefined;
  return rows.filter((row): row is DeploymentRow => row.project_path != null);
}
