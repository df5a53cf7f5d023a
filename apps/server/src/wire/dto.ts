import { z } from "zod";

const Timestamp = z.string().meta({ description: "ISO 8601 UTC with milliseconds", example: "2026-01-01T12:00:00.000Z" });
const Id = z.string().meta({ description: "32 lowercase hex characters" });

/** A member of a set, as sent on the wire. */
export const MemberDto = z
  .object({
    id: Id,
    deployment_set_id: Id,
    member_type: z.enum(["artifact", "group", "set"]),
    artifact_uuid: z.string().nullable(),
    group_id: z.string().nullable(),
    nested_set_id: z.string().nullable(),
    position: z.number().int(),
    added_at: Timestamp,
    name: z.string().nullable().meta({ description: "The artifact's, group's or nested set's name when known" }),
  })
  .meta({ id: "Member" });

/** A deployment set without its members (list items). */
export const DeploymentSetDto = z
  .object({
    id: Id,
    name: z.string(),
    description: z.string().nullable(),
    icon: z.string().nullable(),
    color: z.string().nullable(),
    tags: z.array(z.string()),
    owner_id: z.string(),
    member_count: z.number().int(),
    resolved_count: z.number().int().nullable().meta({ description: "Distinct artifacts it resolves to; null when it cannot resolve" }),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .meta({ id: "DeploymentSet" });

/** A deployment set with its members. */
export const DeploymentSetWithMembersDto = DeploymentSetDto.extend({ members: z.array(MemberDto) }).meta({
  id: "DeploymentSetWithMembers",
});

/** A page of sets. */
export const DeploymentSetPageDto = z
  .object({ items: z.array(DeploymentSetDto), total: z.number().int(), limit: z.number().int(), offset: z.number().int() })
  .meta({ id: "DeploymentSetPage" });

/** A reference that could not be resolved. */
export const MissingReferenceDto = z
  .object({ kind: z.enum(["artifact", "group", "set"]), id: z.string(), path: z.array(z.string()) })
  .meta({ id: "MissingReference" });

/** The resolution of a set. */
export const ResolutionDto = z
  .object({
    set_id: Id,
    set_name: z.string(),
    total_count: z.number().int(),
    duplicates_dropped: z.number().int(),
    resolved_artifacts: z.array(
      z.object({
        artifact_uuid: z.string(),
        artifact_name: z.string(),
        artifact_type: z.enum(["skill", "command", "agent", "hook", "mcp"]),
        source_path: z.array(z.string()),
      }),
    ),
    missing: z.array(MissingReferenceDto),
  })
  .meta({ id: "Resolution" });

/** The report of a deploy. */
export const DeployReportDto = z
  .object({
    set_id: Id,
    set_name: z.string(),
    project_path: z.string(),
    profile: z.enum(["claude_code", "codex", "gemini", "cursor"]),
    dry_run: z.boolean(),
    total: z.number().int(),
    succeeded: z.number().int(),
    skipped: z.number().int(),
    failed: z.number().int(),
    duration_ms: z.number(),
    results: z.array(
      z.object({
        artifact_uuid: z.string(),
        artifact_name: z.string(),
        artifact_type: z.enum(["skill", "command", "agent", "hook", "mcp"]),
        status: z.enum(["success", "skipped", "failed"]),
        action: z.enum(["created", "unchanged", "updated", "kept_local_changes", "conflict", "overwritten", "unsupported", "error"]),
        path: z.string().nullable(),
        error: z.string().nullable(),
      }),
    ),
    missing: z.array(MissingReferenceDto),
  })
  .meta({ id: "DeployReport" });

/** An artifact of the catalog. */
export const ArtifactDto = z
  .object({
    uuid: z.string(),
    name: z.string(),
    type: z.enum(["skill", "command", "agent", "hook", "mcp"]),
    description: z.string().nullable(),
    tags: z.array(z.string()),
    path: z.string(),
  })
  .meta({ id: "Artifact" });

/** A page of artifacts. */
export const ArtifactPageDto = z
  .object({ items: z.array(ArtifactDto), total: z.number().int(), limit: z.number().int(), offset: z.number().int() })
  .meta({ id: "ArtifactPage" });

/** A group of the catalog. */
export const GroupDto = z
  .object({ id: z.string(), name: z.string(), description: z.string().nullable(), artifact_uuids: z.array(z.string()) })
  .meta({ id: "Group" });

/** A page of groups. */
export const GroupPageDto = z
  .object({ items: z.array(GroupDto), total: z.number().int(), limit: z.number().int(), offset: z.number().int() })
  .meta({ id: "GroupPage" });

/** An RFC 9457 problem; the error code's data fields sit at the top level. */
export const ProblemDto = z
  .looseObject({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string().meta({ description: "The stable error code" }),
    detail: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    path: z.array(z.string()).optional(),
    set_names: z.array(z.string()).optional(),
    limit: z.number().int().optional(),
    member_id: z.string().optional(),
    set_id: z.string().optional(),
    kind: z.string().optional(),
    id: z.string().optional(),
    project_path: z.string().optional(),
  })
  .meta({ id: "Problem" });
