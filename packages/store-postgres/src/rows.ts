import type { DeploymentSet, DeployProfile, Member, MemberRef, OwnerId, SetDeployment } from "@deployment-sets/core";

/** A set row with its tags aggregated in order (`array_agg`), as the set queries select it. */
export interface SetRow {
  id: string;
  owner_id: string;
  name: string;
  description: string | null;
  icon: string | null;
  color: string | null;
  created_at: number;
  updated_at: number;
  tags: string[] | null;
}

/** A member row as the member queries select it. */
export interface MemberRow {
  id: string;
  set_id: string;
  artifact_uuid: string | null;
  group_id: string | null;
  nested_set_id: string | null;
  position: number;
  added_at: number;
}

/** A deployment row as the deployment queries select it. */
export interface DeploymentRow {
  set_id: string;
  project_path: string;
  profile: string;
  deployed_at: number;
}

/** The column each reference kind lives in. */
export const REF_COLUMN = {
  artifact: "artifact_uuid",
  group: "group_id",
  set: "nested_set_id",
} as const satisfies Record<MemberRef["type"], keyof MemberRow>;

/** The three reference columns of a new member row. */
export function refColumns(ref: MemberRef): Pick<MemberRow, "artifact_uuid" | "group_id" | "nested_set_id"> {
  return {
    artifact_uuid: ref.type === "artifact" ? ref.id : null,
    group_id: ref.type === "group" ? ref.id : null,
    nested_set_id: ref.type === "set" ? ref.id : null,
  };
}

/** A set row as core's record. */
export function toSet(row: SetRow): DeploymentSet {
  return {
    id: row.id,
    ownerId: row.owner_id as OwnerId,
    name: row.name,
    description: row.description,
    icon: row.icon,
    color: row.color,
    tags: row.tags ?? [],
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

/** A member row as core's record. */
export function toMember(row: MemberRow): Member {
  const ref: MemberRef =
    row.artifact_uuid !== null
      ? { type: "artifact", id: row.artifact_uuid }
      : row.group_id !== null
        ? { type: "group", id: row.group_id }
        : { type: "set", id: row.nested_set_id! };
  return { id: row.id, setId: row.set_id, ref, position: row.position, addedAt: new Date(row.added_at) };
}

/** A deployment row as core's record. */
export function toDeployment(row: DeploymentRow): SetDeployment {
  return {
    setId: row.set_id,
    projectPath: row.project_path,
    profile: row.profile as DeployProfile,
    deployedAt: new Date(row.deployed_at),
  };
}
