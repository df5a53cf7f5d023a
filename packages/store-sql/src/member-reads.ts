import { MemberNotFoundError, SetNotFoundError, type OwnerId } from "@deployment-sets/core";
import type { CompiledQuery, Kysely } from "kysely";
import type { Database } from "./database.js";
import { memberCountColumn } from "./member-queries.js";
import type { MemberRow } from "./rows.js";

type Db = Kysely<Database>;

/** A member row read through its set's row (a left join): every column null but `set_id` when there is none. */
export type JoinedMemberRow = { readonly [K in keyof MemberRow]: K extends "set_id" ? MemberRow[K] : MemberRow[K] | null };

/** A {@link JoinedMemberRow} with its set's number of direct members. */
export type CountedMemberRow = JoinedMemberRow & { readonly member_count: number };

/**
 * The members of the owner's set in position order, in one statement (one snapshot, no transaction needed): no
 * row when the owner has no such set, one row of nulls (but `set_id`) when the set has no member. See
 * {@link ownedMembers}.
 */
export function selectOwnedMembers(db: Db, owner: OwnerId, setId: string): CompiledQuery<JoinedMemberRow> {
  return db
    .selectFrom("deployment_sets as s")
    .leftJoin("deployment_set_members as m", "m.set_id", "s.id")
    .select(["m.id", "s.id as set_id", "m.artifact_uuid", "m.group_id", "m.nested_set_id", "m.position", "m.added_at"])
    .where("s.id", "=", setId)
    .where("s.owner_id", "=", owner)
    .orderBy("m.position")
    .compile();
}

/**
 * The member rows of {@link selectOwnedMembers}' rows.
 * @throws SetNotFoundError when there are none (the owner has no such set)
 */
export function ownedMembers(rows: readonly JoinedMemberRow[], setId: string): MemberRow[] {
  if (rows.length === 0) throw new SetNotFoundError(setId);
  return rows.filter((row): row is MemberRow => row.id !== null);
}

/**
 * One member of the owner's set (never a member of another set) and the set's member count, in one statement: no
 * row when the owner has no such set, a row of null member columns when the set has no such member. See
 * {@link ownedMember}.
 */
export function selectOwnedMember(db: Db, owner: OwnerId, setId: string, memberId: string): CompiledQuery<CountedMemberRow> {
  return db
    .selectFrom("deployment_sets as s")
    .leftJoin("deployment_set_members as m", (join) => join.onRef("m.set_id", "=", "s.id").on("m.id", "=", memberId))
    .select(["m.id", "s.id as set_id", "m.artifact_uuid", "m.group_id", "m.nested_set_id", "m.position", "m.added_at"])
    .select(memberCountColumn)
    .where("s.id", "=", setId)
    .where("s.owner_id", "=", owner)
    .compile();
}

/**
 * The member and its set's member count from {@link selectOwnedMember}'s row.
 * @throws SetNotFoundError when there is no row, then MemberNotFoundError when the set has no such member
 */
export function ownedMember(row: CountedMemberRow | undefined, setId: string, memberId: string): { member: MemberRow; count: number } {
  if (row === undefined) throw new SetNotFoundError(setId);
  const { member_count: count, ...member } = row;
  if (member.id === null) throw new MemberNotFoundError(memberId);
  return { member: member as MemberRow, count };
}
