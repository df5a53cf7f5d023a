import type { DeploymentSet, DeployProfile, Member, OwnerId, SetDeployment } from "@deployment-sets/core";
import type { NewMember, NewSet } from "@deployment-sets/core/ports";
import { refOf } from "./ref-columns.js";
import type { DeploymentRow, MemberRow, SetRow } from "./rows.js";
import type { StoreDialect } from "./store-dialect.js";

/** The domain record of a set row, its tags decoded by `dialect`. */
export function toDeploymentSet(row: SetRow, dialect: StoreDialect): DeploymentSet {
  return {
    id: row.id,
    ownerId: row.owner_id,
    name: row.name,
    description: row.description,
    icon: row.icon,
    color: row.color,
    tags: dialect.decodeTags(row.tags),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

/** The domain record of a member row. */
export function toMember(row: MemberRow): Member {
  return { id: row.id, setId: row.set_id, ref: refOf(row), position: row.position, addedAt: new Date(row.added_at) };
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

/** The record of a set just stored from `set` (no read needed: `updatedAt` is its `createdAt`). */
export function newSetRecord(owner: OwnerId, set: NewSet): DeploymentSet {
  return {
    id: set.id,
    ownerId: owner,
    name: set.name,
    description: set.description,
    icon: set.icon,
    color: set.color,
    tags: [...set.tags],
    createdAt: set.createdAt,
    updatedAt: set.createdAt,
  };
}

/** The record of a member just inserted at `position` in `setId`. */
export function newMemberRecord(setId: string, member: NewMember, position: number): Member {
  return { id: member.id, setId, ref: member.ref, position, addedAt: member.addedAt };
}
