import type { GeneratedAlways } from "kysely";

/**
 * The tables as kysely sees them. `bigint` columns are typed `number`: the adapter's own pool parses `int8`
 * into JavaScript numbers (epoch milliseconds and sequences stay far below 2^53).
 */
export interface Database {
  deployment_sets: DeploymentSetsTable;
  deployment_set_tags: DeploymentSetTagsTable;
  deployment_set_members: DeploymentSetMembersTable;
  deployment_set_deployments: SetDeploymentsTable;
}

/** One row per set. */
export interface DeploymentSetsTable {
  id: string;
  owner_id: string;
  /** Creation sequence: orders sets created in the same millisecond. */
  seq: GeneratedAlways<number>;
  name: string;
  /** `name.toLowerCase()`, computed in TypeScript (never the database's `lower()`). */
  name_folded: string;
  description: string | null;
  icon: string | null;
  color: string | null;
  /** Epoch milliseconds. */
  created_at: number;
  /** Epoch milliseconds. */
  updated_at: number;
}

/** A set's tags, in order. */
export interface DeploymentSetTagsTable {
  set_id: string;
  position: number;
  tag: string;
  /** `tag.toLowerCase()`, computed in TypeScript. */
  tag_folded: string;
}

/** A set's members: exactly one of the three references is not null. */
export interface DeploymentSetMembersTable {
  id: string;
  set_id: string;
  artifact_uuid: string | null;
  group_id: string | null;
  nested_set_id: string | null;
  position: number;
  /** Epoch milliseconds. */
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
  /** Epoch milliseconds of the last deploy there. */
  deployed_at: number;
}
