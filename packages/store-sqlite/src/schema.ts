/**
 * The tables as kysely sees them (the same table and column names as the PostgreSQL adapter). Times are epoch
 * milliseconds; `*_folded` columns hold JavaScript's `toLowerCase()` of their source column, so case-insensitive
 * filters never depend on SQLite's collation or `LIKE` folding.
 */
export interface DeploymentSetsTable {
  /** 32 lowercase hex characters. */
  id: string;
  owner_id: string;
  /** The creation sequence: orders sets created in the same millisecond. */
  seq: number;
  name: string;
  name_folded: string;
  description: string | null;
  icon: string | null;
  color: string | null;
  created_at: number;
  updated_at: number;
}

/** One tag of a set, at its position in the set's tag list. */
export interface DeploymentSetTagsTable {
  set_id: string;
  position: number;
  tag: string;
  tag_folded: string;
}

/** One member row: exactly one of `artifact_uuid`, `group_id`, `nested_set_id` is set. */
export interface DeploymentSetMembersTable {
  id: string;
  set_id: string;
  artifact_uuid: string | null;
  group_id: string | null;
  nested_set_id: string | null;
  position: number;
  added_at: number;
}

/** Where a set is deployed: one row per set, project folder and profile. */
export interface SetDeploymentsTable {
  /** The set's owner (the same as the set row's). */
  owner_id: string;
  set_id: string;
  project_path: string;
  /** A `DeployProfile`. */
  profile: string;
  /** The last deploy there. */
  deployed_at: number;
}

/** The database schema of the adapter. */
export interface StoreSchema {
  deployment_sets: DeploymentSetsTable;
  deployment_set_tags: DeploymentSetTagsTable;
  deployment_set_members: DeploymentSetMembersTable;
  deployment_set_deployments: SetDeploymentsTable;
}

/** The member column holding each kind of reference. */
export const REF_COLUMN = {
  artifact: "artifact_uuid",
  group: "group_id",
  set: "nested_set_id",
} as const;
