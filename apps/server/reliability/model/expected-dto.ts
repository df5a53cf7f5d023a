import type { ModelMember, ModelSet, ReferenceModel, Stamp } from "./reference-model.js";
import { resolvedCountInModel } from "./resolution.js";

/** A `Member` as the model expects the server to answer it (docs/http-api.md, `Member`). */
export function expectedMember(model: ReferenceModel, set: ModelSet, member: ModelMember, position: number): Record<string, unknown> {
  const { kind, id } = member.ref;
  return {
    id: member.id,
    deployment_set_id: set.id,
    member_type: kind,
    artifact_uuid: kind === "artifact" ? id : null,
    group_id: kind === "group" ? id : null,
    nested_set_id: kind === "set" ? id : null,
    position,
    added_at: member.addedAt,
    name: referenceName(model, kind, id),
    workflow_id: null,
  };
}

function referenceName(model: ReferenceModel, kind: ModelMember["ref"]["kind"], id: string): string | null {
  if (kind === "artifact") return model.catalog.artifacts.find((a) => a.uuid === id)?.name ?? null;
  if (kind === "group") return model.catalog.groups.find((g) => g.id === id)?.name ?? null;
  return model.sets.get(id)?.name ?? null;
}

/** A set as the model expects it, `updated_at` still a {@link Stamp}; with `members` for get, create, update, clone. */
export interface ExpectedSet {
  readonly body: Record<string, unknown>;
  readonly updatedAt: Stamp;
}

/** A `DeploymentSet` (or `DeploymentSetWithMembers`) as the model expects it. */
export function expectedSet(model: ReferenceModel, set: ModelSet, withMembers: boolean): ExpectedSet {
  const body: Record<string, unknown> = {
    id: set.id,
    name: set.name,
    description: set.description,
    icon: set.icon,
    color: set.color,
    tags: [...set.tags],
    owner_id: model.owner,
    member_count: set.members.length,
    resolved_count: resolvedCountInModel(model, set.id),
    created_at: set.createdAt,
    updated_at: "exact" in set.updatedAt ? set.updatedAt.exact : "(changed)",
  };
  if (withMembers) body.members = set.members.map((member, i) => expectedMember(model, set, member, i));
  return { body, updatedAt: set.updatedAt };
}
