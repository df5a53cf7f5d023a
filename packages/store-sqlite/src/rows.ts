import type { DeploymentSet, DeployProfile, Member, MemberRef, SetDeployment } from "@deployment-sets/core";

/** A set row with its tags folded in as a JSON array (see `setColumns`). */
export interface SetRow {
  id: string;
  owner_id: string;
  name: string;
  description: string | null;
  icon: string | null;
  color: string | null;
  created_at: number;
  updated_at: number;
  /** JSON array of the tags in position order. */
  tags: string;
}

/** A member row. */
export interface MemberRow {
  id: string;
  set_id: string;
  artifact_uuid: string | null;
  group_id: string | null;
  nested_set_id: string | null;
  position: number;
  added_at: number;
}

/** A deployment row. */
export interface DeploymentRow {
  set_id: string;
  project_path: string;
  profile: string;
  deployed_at: number;
}

/** The domain record of a set row. */
export function toDeploymentSet(row: SetRow): DeploymentSet {
  return {
    id: row.id,
    ownerId: row.owner_id,
    name: row.name,
    description: row.description,
    icon: row.icon,
    color: row.color,
    tags: JSON.parse(row.tags) as string[],
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

/** The reference a member row holds (the schema guarantees exactly one column is set). */
export function toRef(row: Pick<MemberRow, "artifact_uuid" | "group_id" | "nested_set_id">): MemberRef {
  if (row.artifact_uuid !== null) return { type: "artifact", id: row.artifact_uuid };
  if (row.group_id !== null) return { type: "group", id: row.group_id };
  return { type: "set", id: row.nested_set_id! };
}

/** The domain record of a member row. */
export function toMember(row: MemberRow): Member {
  return { id: row.id, setId: row.set_id, ref: toRef(row), position: row.position, addedAt: new Date(row.added_at) };
}

/** The domain record of a deployment row. */
export function toDeployment(row: DeploymentRow): SetDeployment {
  return {
    setId: row.set_id,
    projectPath: row.project_path,
    profile: row.profile as DeployProfile,
    deployedAt: new Date(row.deployed_at),
  };
}
