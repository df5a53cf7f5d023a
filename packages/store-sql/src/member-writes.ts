import type { NewMember } from "@deployment-sets/core/ports";
import type { CompiledQuery, Kysely } from "kysely";
import type { Database } from "./database.js";
import { deleteMember, insertMember, moveMemberTo, shiftPositions } from "./member-queries.js";
import type { MemberRow } from "./rows.js";
import { touchSet } from "./set-queries.js";

/*
 * The member writes as the statements to run in order, inside the adapter's write transaction: SQLite runs them
 * synchronously, PostgreSQL awaits each. Positions stay the dense 0..n-1, and the set's `updated_at` moves only
 * when something changed.
 */

type Db = Kysely<Database>;

/**
 * Inserts `member` at `position` of `setId` (already checked to be in 0..memberCount): shifts the members from
 * there on (nothing to shift for an append), inserts, sets `updated_at` to `member.addedAt`.
 */
export function memberInsertion(db: Db, setId: string, member: NewMember, position: number, memberCount: number): CompiledQuery[] {
  return [
    ...(position < memberCount ? [shiftPositions(db, setId, 1, position)] : []),
    insertMember(db, setId, member, position),
    touchSet(db, setId, member.addedAt),
  ];
}

/** Removes `member`, closes the gap behind it and sets its set's `updated_at` to `now`. */
export function memberRemoval(db: Db, member: MemberRow, now: Date): CompiledQuery[] {
  return [
    deleteMember(db, member.id),
    shiftPositions(db, member.set_id, -1, member.position + 1),
    touchSet(db, member.set_id, now),
  ];
}

/** Moves `member` to `target` (see {@link movedPosition}) and sets `updated_at` to `now`; nothing when it stays. */
export function memberMove(db: Db, member: MemberRow, target: number, now: Date): CompiledQuery[] {
  if (target === member.position) return [];
  return [moveMemberTo(db, member, target), touchSet(db, member.set_id, now)];
}

/** Where a move to `position` puts a member of a set of `count` members: clamped to 0..count-1. */
export function movedPosition(position: number, count: number): number {
  return Math.max(0, Math.min(position, count - 1));
}
