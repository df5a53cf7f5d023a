/**
 * The SQL the kysely storage adapters (`@deployment-sets/store-sqlite`, `@deployment-sets/store-postgres`)
 * share: one schema type, the row types and their mapping to core's records, and the dialect-neutral queries and
 * writes, each compiled against the adapter's own `Kysely<Database>` (or transaction) and run by the adapter its
 * own way (SQLite synchronously, PostgreSQL awaited). What the two databases spell differently comes in through a
 * {@link StoreDialect}.
 *
 * Private: each adapter bundles it, so none of this is a published API.
 *
 * @packageDocumentation
 */
export type { Database, DeploymentSetsTable, DeploymentSetTagsTable, DeploymentSetMembersTable, SetDeploymentsTable } from "./database.js";
export type { SetRow, MemberRow, MemberRefColumns, DeploymentRow } from "./rows.js";
export type { StoreDialect } from "./store-dialect.js";
export { toDeploymentSet, toMember, toDeployment, newSetRecord, newMemberRecord } from "./row-mapping.js";
export { setColumns, setColumnList } from "./set-columns.js";
export { selectSet, insertSet, updateSetFields, touchSets, deleteSetRow } from "./set-queries.js";
export { matchingSets } from "./set-filter.js";
export { copyTags } from "./tag-queries.js";
export { setCreation, tagReplacement } from "./set-writes.js";
export { type AddTargetRow, selectAddTarget, selectMemberByRef, countMembers, shiftPositions } from "./member-queries.js";
export {
  type JoinedMemberRow,
  type CountedMemberRow,
  selectOwnedMembers,
  ownedMembers,
  selectOwnedMember,
  ownedMember,
} from "./member-reads.js";
export { memberInsertion, memberRemoval, memberMove, movedPosition } from "./member-writes.js";
export { addMemberContext } from "./add-decision.js";
export { type JoinedDeploymentRow, selectOwnedDeployments, ownedDeployments, deleteDeployment } from "./deployment-queries.js";
export { type RefTuple, type RefColumns, type MemberTuple, refFromTuple, membersFromColumns, memberFromTuple } from "./graph-tuples.js";
