import type { OwnerId, SetDeployment } from "@deployment-sets/core";
import type { Database } from "@deployment-sets/store-sql";
import { sql, type Kysely } from "kysely";

/**
 * Records a deploy of the owner's set in one statement: a new row, or a later `deployed_at` for the same set,
 * project folder and profile. False when the owner has no such set. `for key share` locks the set row: a
 * concurrent delete either commits first (the set is then not found) or waits for this insert, so the foreign
 * key never fails.
 */
export async function upsertDeployment(db: Kysely<Database>, owner: OwnerId, deployment: SetDeployment): Promise<boolean> {
  const { rows } = await sql<{ set_id: string }>`insert into deployment_set_deployments (owner_id, set_id, project_path, profile, deployed_at)
    select s.owner_id, s.id, ${deployment.projectPath}, ${deployment.profile}, ${deployment.deployedAt.getTime()}::bigint
    from deployment_sets s where s.id = ${deployment.setId} and s.owner_id = ${owner}
    for key share
    on conflict (set_id, project_path, profile) do update set deployed_at = excluded.deployed_at
    returning set_id`.execute(db);
  return rows.length > 0;
}
