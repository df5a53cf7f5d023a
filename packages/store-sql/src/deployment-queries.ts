import { SetNotFoundError, type DeployProfile, type OwnerId } from "@deployment-sets/core";
import type { CompiledQuery, Kysely } from "kysely";
import type { Database } from "./database.js";
import type { DeploymentRow } from "./rows.js";

type Db = Kysely<Database>;

/** A deployment row read through its set's row (a left join): every column null but `set_id` when there is none. */
export type JoinedDeploymentRow = { readonly [K in keyof DeploymentRow]: K extends "set_id" ? DeploymentRow[K] : DeploymentRow[K] | null };

/**
 * The deployments of the owner's set, most recent first (then by project folder and profile), in one statement:
 * no row when the owner has no such set, one row of nulls (but `set_id`) when it is deployed nowhere. See
 * {@link ownedDeployments}.
 */
export function selectOwnedDeployments(db: Db, owner: OwnerId, setId: string): CompiledQuery<JoinedDeploymentRow> {
  return db
    .selectFrom("deployment_sets as s")
    .leftJoin("deployment_set_deployments as d", "d.set_id", "s.id")
    .select(["s.id as set_id", "d.project_path", "d.profile", "d.deployed_at"])
    .where("s.id", "=", setId)
    .where("s.owner_id", "=", owner)
    .orderBy("d.deployed_at", "desc")
    .orderBy("d.project_path")
    .orderBy("d.profile")
    .compile();
}

/**
 * The deployment rows of {@link selectOwnedDeployments}' rows.
 * @throws SetNotFoundError when there are none (the owner has no such set)
 */
export function ownedDeployments(rows: readonly JoinedDeploymentRow[], setId: string): DeploymentRow[] {
  if (rows.length === 0) throw new SetNotFoundError(setId);
  return rows.filter((row): row is DeploymentRow => row.project_path !== null);
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
