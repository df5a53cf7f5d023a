import type { DeployProfile, OwnerId, SetDeployment } from "@deployment-sets/core";
import type { CompiledQuery, Kysely } from "kysely";
import type { DeploymentRow } from "./rows.js";
import type { StoreSchema } from "./schema.js";

type Db = Kysely<StoreSchema>;

/**
 * Records a deploy of the owner's set (the caller checked the set is the owner's): a new row, or a later
 * `deployed_at` for the same set, project folder and profile.
 */
export function upsertDeployment(db: Db, owner: OwnerId, deployment: SetDeployment): CompiledQuery {
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

/** Deletes the owner's deployment of `setId` into `projectPath` for `profile`, if there is one. */
export function deleteDeployment(db: Db, owner: OwnerId, setId: string, projectPath: string, profile: DeployProfile): CompiledQuery {
  return db
    .deleteFrom("deployment_set_deployments")
    .where("set_id", "=", setId)
    .where("project_path", "=", projectPath)
    .where("profile", "=", profile)
    .where("owner_id", "=", owner)
    .compile();
}

/** The deployments of `setId`, most recent first (then by project folder and profile). */
export function selectDeployments(db: Db, setId: string): CompiledQuery<DeploymentRow> {
  return db
    .selectFrom("deployment_set_deployments")
    .select(["set_id", "project_path", "profile", "deployed_at"])
    .where("set_id", "=", setId)
    .orderBy("deployed_at", "desc")
    .orderBy("project_path")
    .orderBy("profile")
    .compile();
}
