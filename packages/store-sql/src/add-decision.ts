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
