import type { MemberRef } from "@deployment-sets/core";
import type { MemberRefColumns, MemberRow } from "./rows.js";

/** The member column holding each kind of reference. */
export const REF_COLUMN = {
  artifact: "artifact_uuid",
  group: "group_id",
  set: "nested_set_id",
} as const satisfies Record<MemberRef["type"], keyof MemberRow>;

/** The three reference columns of a new member row holding `ref`. */
export function refColumns(ref: MemberRef): MemberRefColumns {
  return {
    artifact_uuid: ref.type === "artifact" ? ref.id : null,
    group_id: ref.type === "group" ? ref.id : null,
    nested_set_id: ref.type === "set" ? ref.id : null,
  };
}

/** The reference a member row holds (the schema guarantees exactly one column is set). */
export function refOf(row: MemberRefColumns): MemberRef {
  if (row.artifact_uuid !== null) return { type: "artifact", id: row.artifact_uuid };
  if (row.group_id !== null) return { type: "group", id: row.group_id };
  return { type: "set", id: row.nested_set_id! };
}
