import type { Selectable } from "kysely";
import type { DeploymentSetMembersTable, DeploymentSetsTable, SetDeploymentsTable } from "./database.js";

/**
 * A set row as the set queries select it (see `setColumns`): the record's columns, and `tags`, the set's tags in
 * position order aggregated into one value in the dialect's encoding (read with `StoreDialect.decodeTags`).
 */
export interface SetRow extends Omit<Selectable<DeploymentSetsTable>, "seq" | "name_folded"> {
  /** The tags, encoded by the dialect. */
  tags: unknown;
}

/** A member row. */
export type MemberRow = Selectable<DeploymentSetMembersTable>;

/** The three reference columns of a member row, exactly one of them not null. */
export type MemberRefColumns = Pick<MemberRow, "artifact_uuid" | "group_id" | "nested_set_id">;

/** A deployment row as the deployment queries select it (the owner is the query's own). */
export type DeploymentRow = Omit<Selectable<SetDeploymentsTable>, "owner_id">;
