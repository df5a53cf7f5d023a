import { InternalError } from "@deployment-sets/core";
import type { AddMemberContext, SetGraph } from "@deployment-sets/core/ports";
import type { AddTargetRow } from "./member-queries.js";
import { toDeploymentSet } from "./row-mapping.js";
import type { StoreDialect } from "./store-dialect.js";

/** What core's `decide` gets from the row of `selectAddTarget` (absent: no such set) and the nested set's graph. */
export function addMemberContext(target: AddTargetRow | undefined, dialect: StoreDialect, graph: SetGraph | undefined): AddMemberContext {
  return {
    set: target && toDeploymentSet(target, dialect),
    memberCount: target?.member_count ?? 0,
    existingMemberId: target?.existing_member_id ?? undefined,
    graph,
  };
}

/**
 * Checks the position core decided for an add, as every store does (`MemoryStore` included): the store never
 * clamps it, since one outside the set is a bug in `decide`.
 * @throws InternalError when `position` is not an integer in 0..memberCount
 */
export function checkDecidedPosition(position: number, memberCount: number): void {
  if (!Number.isInteger(position) || position < 0 || position > memberCount) {
    throw new InternalError(`addMember: decided position ${position} is outside 0..${memberCount}`);
  }
}
