import type { Generated } from "kysely";

/**
 * The tables of the SQL adapters as kysely sees them: the same table and column names in SQLite and PostgreSQL,
 * each adapter's migrations giving the columns its own types. Times are epoch milliseconds in an integer column
 * (SQLite `integer`, PostgreSQL `bigint` read back as a number: they stay far below 2^53); `*_folded` columns hold
 * core's `foldCase` of their source column, computed in TypeScript, so case-insensitive filters never depend on
 * the database's collation.
 */
export interface Database {
  /** One row per set. */
  deployment_sets: DeploymentSetsTable;
  /** A set's tags, one row per tag. */
  deployment_set_tags: DeploymentSetTagsTable;
  /** A set's members, one row per member. */
  deployment_set_members: DeploymentSetMembersTable;
  /** Where each set is deployed. */
  deployment_set_deployments: SetDeploymentsTable;
}

/** One row per set. */
export interface DeploymentSetsTable {
  /** The set's id (32 lowercase hex characters). */
  id: string;
  /** The owner: every query is scoped by it. */
  owner_id: string;
  /**
   * The creation sequence: orders sets created in the same millisecond. SQLite's insert computes the next value
   * (see `StoreDialect.nextSeq`), PostgreSQL's identity column generates it.
   */
  seq: Generated<number>;
  /** The name as given. */
  name: string;
  /** `foldCase(name)`. */
  name_folded: string;
  /** Free text, or null. */
  description: string | null;
  /** An icon name, or null. */
  icon: string | null;
  /** A color, or null. */
  color: string | null;
  /** Epoch milliseconds. */
  created_at: number;
  /** Epoch milliseconds. */
  updated_at: number;
}

/** One tag of a set, at its position in the set's tag list. */
export interface DeploymentSetTagsTable {
  /** The set. */
  set_id: string;
  /** 0-based, dense per set. */
  position: number;
  /** The tag as given. */
  tag: string;
  /** `foldCase(tag)`. */
  tag_folded: string;
}

/** One member of a set: exactly one of `artifact_uuid`, `group_id`, `nested_set_id` is not null. */
export interface DeploymentSetMembersTable {
  /** The member's id. */
  id: string;
  /** The set it belongs to. */
  set_id: string;
  /** The artifact it references, or null. */
  artifact_uuid: string | null;
  /** The group it references, or null. */
  group_id: string | null;
  /** The set it nests, or null. */
  nested_set_id: string | null;
  /** 0-based, dense per set. */
  position: number;
  /** Epoch milliseconds. */
  added_at: number;
}

/** Where a set is deployed: one row per set, project folder and profile. */
export interface SetDeploymentsTable {
  /** The set's owner (the same as the set row's). */
  owner_id: string;
  /** The set. */
  set_id: string;
  /** The project folder, as the deploy named it. */
  project_path: string;
  /** A `DeployProfile`. */
  profile: string;
  /** Epoch milliseconds of the last deploy there. */
  deployed_at: number;
}
