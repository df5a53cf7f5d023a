import { InternalError } from "../errors/errors.js";

/**
 * The check every store runs on the position core's `decide` chose for an add: it is taken as it is, never
 * clamped, since a position outside the set is a bug in `decide`.
 *
 * @param position - the decided position
 * @param memberCount - how many members the set has before the add
 * @throws InternalError when `position` is not an integer in 0..memberCount
 *
 * @example
 * ```ts
 * const { position } = decide(context);
 * checkDecidedPosition(position, context.memberCount);
 * ```
 */
export function checkDecidedPosition(position: number, memberCount: number): void {
  if (!Number.isInteger(position) || position < 0 || position > memberCount) {
    throw new InternalError(`addMember: decided position ${position} is outside 0..${memberCount}`);
  }
}
