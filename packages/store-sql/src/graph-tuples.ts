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

/** The member of `setId` a {@link MemberTuple} describes. */
export function memberFromTuple(setId: string, [id, ref, position, addedAt]: MemberTuple): Member {
  return { id, setId, ref: refFromTuple(ref), position, addedAt: new Date(addedAt) };
}
