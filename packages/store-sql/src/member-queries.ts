import type { MemberRef, OwnerId } from "@deployment-sets/core";
import type { NewMember } from "@deployment-sets/core/ports";
import { sql, type CompiledQuery, type ExpressionBuilder, type Kysely } from "kysely";
import type { Database, DeploymentSetsTable } from "./database.js";
import { REF_COLUMN, refColumns } from "./ref-columns.js";
import type { MemberRow, SetRow } from "./rows.js";
import { setColumns } from "./set-columns.js";
import type { StoreDialect } from "./store-dialect.js";

type Db = Kysely<Database>;

/**
 * `member_count`, the number of direct members of the set `s`, as a correlated subquery for a query over
 * `deployment_sets as s`.
 */
export function memberCountColumn(eb: ExpressionBuilder<Database & { s: DeploymentSetsTable }, "s">) {
  return eb
    .selectFrom("deployment_set_members as c")
    .select(eb.fn.countAll<number>().as("count"))
    .whereRef("c.set_id", "=", "s.id")
    .$asScalar()
    .$notNull()
    .as("member_count");
}

/** A set row plus its member count and the id of its member holding the reference (null when none). */
export interface AddTargetRow extends SetRow {
  /** The set's number of direct members. */
  member_count: number;
  /** The set's member already holding the reference, or null. */
  existing_member_id: string | null;
}

/** The target of an add, in one statement: the owner's set, its member count and the member already holding `ref`. */
export function selectAddTarget(db: Db, dialect: StoreDialect, owner: OwnerId, setId: string, ref: MemberRef): CompiledQuery<AddTargetRow> {
  return db
    .selectFrom("deployment_sets as s")
    .select(setColumns(dialect))
    .select((eb) => [
      memberCountColumn(eb),
      eb
        .selectFrom("deployment_set_members as m")
        .select("m.id")
        .whereRef("m.set_id", "=", "s.id")
        .where(`m.${REF_COLUMN[ref.type]}`, "=", ref.id)
        .$asScalar()
        .as("existing_member_id"),
    ])
    .where("s.id", "=", setId)
    .where("s.owner_id", "=", owner)
    .compile() as CompiledQuery<AddTargetRow>;
}

/** The id of the member of `setId` holding `ref`. */
export function selectMemberByRef(db: Db, setId: string, ref: MemberRef): CompiledQuery<{ id: string }> {
  return db
    .selectFrom("deployment_set_members")
    .select("id")
    .where("set_id", "=", setId)
    .where(REF_COLUMN[ref.type], "=", ref.id)
    .compile();
}

/** The number of direct members of `setId`. */
export function countMembers(db: Db, setId: string): CompiledQuery<{ count: number }> {
  return db
    .selectFrom("deployment_set_members")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("set_id", "=", setId)
    .compile();
}

/** Adds `delta` to the positions of `setId` in `from..to` (inclusive; `to` omitted: to the end). */
export function shiftPositions(db: Db, setId: string, delta: 1 | -1, from: number, to?: number): CompiledQuery {
  let q = db
    .updateTable("deployment_set_members")
    .set({ position: sql<number>`position + ${delta}` })
    .where("set_id", "=", setId)
    .where("position", ">=", from);
  if (to !== undefined) q = q.where("position", "<=", to);
  return q.compile();
}

/** A new member row of `setId` at `position` (the positions from there on already shifted). */
export function insertMember(db: Db, setId: string, member: NewMember, position: number): CompiledQuery {
  return db
    .insertInto("deployment_set_members")
    .values({ id: member.id, set_id: setId, ...refColumns(member.ref), position, added_at: member.addedAt.getTime() })
    .compile();
}

/** Deletes one member (its set's positions are the caller's to close). */
export function deleteMember(db: Db, memberId: string): CompiledQuery {
  return db.deleteFrom("deployment_set_members").where("id", "=", memberId).compile();
}

/**
 * Moves `member` from its position to `target`, the members in between closing ranks, in one statement. `target`
 * differs from the member's position and is one of its set's positions.
 */
export function moveMemberTo(db: Db, member: MemberRow, target: number): CompiledQuery {
  const from = member.position;
  return db
    .updateTable("deployment_set_members")
    .set((eb) => ({
      position: eb
        .case()
        .when("id", "=", member.id)
        .then(eb.val(target)) // a parameter, so the statement text does not vary with the target
        .else(eb("position", "+", target < from ? 1 : -1))
        .end(),
    }))
    .where("set_id", "=", member.set_id)
    .where((eb) => eb.between("position", Math.min(from, target), Math.max(from, target)))
    .compile();
}
