import type { ReferenceModel } from "./reference-model.js";

/**
 * Commands are generated before any set exists, so they point at sets and members by index, taken modulo what the
 * model holds when they run (the usual way with `fc.commands`). `gone` points at a deleted set, or at an id no set
 * ever had (well-formed or not) when none was deleted yet.
 */
export type SetTarget = { readonly kind: "live"; readonly index: number } | { readonly kind: "gone"; readonly index: number };

/** A member to move or remove: one of the set's own, one of another set (not found under this set), or unknown. */
export type MemberPick = { readonly kind: "own"; readonly index: number } | { readonly kind: "foreign"; readonly index: number } | { readonly kind: "unknown" };

/** Set ids that never existed: a well-formed one and a malformed one (both simply not found). */
const NEVER_SETS = ["0".repeat(32), "not-a-set-id"] as const;
/** A member id that never existed. */
export const NEVER_MEMBER = "d".repeat(32);

/** The set id `target` means now, or `undefined` when there is no live set to point at. */
export function targetId(model: Readonly<ReferenceModel>, target: SetTarget): string | undefined {
  if (target.kind === "live") return model.pick(target.index)?.id;
  if (model.deleted.length > 0) return model.deleted[target.index % model.deleted.length];
  return NEVER_SETS[target.index % NEVER_SETS.length];
}

/** The member id `pick` means under `setId` now, or `undefined` when there is none to point at. */
export function memberId(model: Readonly<ReferenceModel>, setId: string, pick: MemberPick): string | undefined {
  if (pick.kind === "unknown") return NEVER_MEMBER;
  if (pick.kind === "own") {
    const members = model.sets.get(setId)?.members ?? [];
    return members.length === 0 ? undefined : members[pick.index % members.length]!.id;
  }
  const others = model.live().flatMap((set) => (set.id === setId ? [] : set.members));
  return others.length === 0 ? undefined : others[pick.index % others.length]!.id;
}

/** How a target reads in a counterexample. */
export function showTarget(target: SetTarget): string {
  return target.kind === "live" ? `set#${target.index}` : `gone#${target.index}`;
}

/** How a member pick reads in a counterexample. */
export function showPick(pick: MemberPick): string {
  return pick.kind === "unknown" ? "unknown member" : `${pick.kind} member#${pick.index}`;
}
