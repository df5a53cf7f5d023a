import type { Member, MemberRef } from "@deployment-sets/core";

/*
 * The graph queries return members as JSON tuples rather than rows: one JSON value per set parses natively where
 * one JavaScript row per member would cost more than the SQL. Each dialect builds the tuples with its own JSON
 * functions; these are their shapes, read the same way by both.
 */

/**
 * A member reference: `[kind, id]`, the kind a code (see {@link REF_KINDS}). The id then parses into a string of
 * its own, which hashes and compares faster in the resolver than a slice of a longer string would.
 */
export type RefTuple = readonly [kind: 0 | 1 | 2, id: string];

/** A member row: `[id, ref, position, addedAt]`, `addedAt` in epoch milliseconds. */
export type MemberTuple = readonly [id: string, ref: RefTuple, position: number, addedAt: number];

/** The member reference kinds, by their code in a {@link RefTuple}. */
export const REF_KINDS: readonly MemberRef["type"][] = ["artifact", "group", "set"];

/** The reference of a {@link RefTuple}. */
export function refFromTuple([kind, id]: RefTuple): MemberRef {
  return { type: REF_KINDS[kind]!, id };
}

/**
 * Members' references sent column-wise: their kind codes as one string of digits (see {@link REF_KINDS}; `null`
 * when there are none), their ids, and their positions, the three in the same order. One JSON value per set where
 * {@link RefTuple}s take one per member, which SQLite builds and `JSON.parse` reads in about two thirds of the time.
 */
export type RefColumns = readonly [kinds: string | null, ids: readonly string[], positions: readonly number[]];

const DIGIT_ZERO = 48;

/**
 * The members {@link RefColumns} describe, in position order: as sent when the positions ascend (SQLite reads them
 * through its `(set_id, position)` index, which SQL does not promise to keep; PostgreSQL in the order it finds
 * them), else sorted by position.
 */
export function membersFromColumns([kinds, ids, positions]: RefColumns): { ref: MemberRef }[] {
  const members = new Array<{ ref: MemberRef }>(ids.length);
  for (let k = 0; k < ids.length; k++) members[k] = { ref: { type: REF_KINDS[kinds!.charCodeAt(k) - DIGIT_ZERO]!, id: ids[k]! } };
  for (let k = 1; k < positions.length; k++) {
    if (positions[k - 1]! > positions[k]!) {
      const order = members.map((_, index) => index).sort((a, b) => positions[a]! - positions[b]!);
      return order.map((index) => members[index]!);
    }
  }
  return members;
}

/** The member of `setId` a {@link MemberTuple} describes. */
export function memberFromTuple(setId: string, [id, ref, position, addedAt]: MemberTuple): Member {
  return { id, setId, ref: refFromTuple(ref), position, addedAt: new Date(addedAt) };
}
