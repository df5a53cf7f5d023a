import type { OwnerId, SetDeployment } from "@deployment-sets/core";
import type { Database } from "@deployment-sets/store-sql";
import type { CompiledQuery, Kysely } from "kysely";

/**
 * Records a deploy of the owner's set (the caller checked the set is the owner's, inside the same `begin
 * immediate` transaction, so no delete can come between): a new row, or a later `deployed_at` for the same set,
 * project folder and profile.
 */
export function upsertDeployment(db: Kysely<Database>, owner: OwnerId, deployment: SetDeployment): CompiledQuery {
  return db
    .insertInto("deployment_set_deployments")
    .values({
      owner_id: owner,
      set_id: deployment.setId,
      project_path: deployment.projectPath,
      profile: deployment.profile,
      deployed_at: deployment.deployedAt.getTime(),
    })
    .onConflict((oc) =>
      oc.columns(["set_id", "project_path", "profile"]).doUpdateSet((eb) => ({ deployed_at: eb.ref("excluded.deployed_at") })),
    )
    .compile();
}
