import { z } from "zod";
import { Position, ReferenceId } from "./fields.js";
import { REFERENCE_KINDS } from "./model.js";

/** A member reference: what kind of thing (`artifact`, `group` or `set`) and its id. */
export const MemberRefInput = z.strictObject({
  /** `artifact`, `group` or `set`. */
  type: z.enum(REFERENCE_KINDS),
  /** The artifact's uuid (or derived id), the group's id, or the nested set's id. */
  id: ReferenceId,
});

/**
 * What {@link DeploymentSets.addMember} takes: the reference, and a position (absent or past the end appends).
 * It has the shape of a member's `ref`, so a member of one set can be added to another as is.
 */
export const AddMemberInput = z.strictObject({
  /** What the member points at. */
  ref: MemberRefInput,
  /** 0-based position; absent or past the end appends. */
  position: Position.optional(),
});

/** What {@link DeploymentSets.moveMember} takes: the member's new position. */
export const MoveMemberInput = z.strictObject({
  /** The new 0-based position; past the end moves it last. */
  position: Position,
});

/**
 * The input of {@link DeploymentSets.addMember}.
 * @useDeclaredType
 */
export type AddMemberInput = z.input<typeof AddMemberInput>;
/**
 * The input of {@link DeploymentSets.moveMember}.
 * @useDeclaredType
 */
export type MoveMemberInput = z.input<typeof MoveMemberInput>;
