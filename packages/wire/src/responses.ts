import { ARTIFACT_TYPES, DEPLOY_ACTIONS, DEPLOY_PROFILES, DEPLOY_STATUSES, DEPLOYED_STATES, LIMITS, REFERENCE_KINDS } from "@deployment-sets/core";
import { z } from "zod";

/**
 * The response side of the wire: DTOs built for it (never a storage row or a domain object serialised as is),
 * snake_case like SkillMeat's. Only the fields declared here are ever written (see `dtoSerializerCompiler`).
 */

const Id = z.string().length(32).regex(/^[0-9a-f]{32}$/);
/** An artifact's uuid: 32 hex characters from the collection catalog; another catalog may use other ids. */
const ArtifactUuid = z.string().min(1).max(LIMITS.maxReferenceLength);
const Count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const Timestamp = z
  .string()
  .max(30)
  .meta({ format: "date-time", description: "ISO 8601 UTC with milliseconds.", examples: ["2026-01-01T12:00:00.000Z"] });
const Name = z.string().max(LIMITS.maxNameLength);
const Text = z.string().max(LIMITS.maxDescriptionLength);
const SetNames = z.array(Name).meta({ description: "Set names from the root down." });

/** A member of a set. */
export const MemberDto = z
  .object({
    id: Id.meta({ description: "The member's id." }),
    deployment_set_id: Id.meta({ description: "The set holding this member." }),
    member_type: z.enum(REFERENCE_KINDS).meta({ description: "What the member references; says which of the three reference fields is set." }),
    artifact_uuid: ArtifactUuid.nullable().meta({ description: "The artifact's canonical uuid when `member_type` is `artifact`, else `null`." }),
    group_id: z.string().max(LIMITS.maxReferenceLength).nullable().meta({ description: "The group's id when `member_type` is `group`, else `null`." }),
    nested_set_id: Id.nullable().meta({ description: "The nested set's id when `member_type` is `set`, else `null`." }),
    position: Count.max(LIMITS.maxMembers - 1).meta({ description: "0-based; a set's members always hold the positions 0..n-1." }),
    added_at: Timestamp.meta({ description: "When the member was added (a clone's members carry the clone's time)." }),
    name: z
      .string()
      .nullable()
      .meta({ description: "The artifact's, group's or nested set's name; `null` when the reference is unknown (see `missing` in a resolution)." }),
    workflow_id: z
      .null()
      .meta({ description: "Always `null`: this product has no workflows; present because SkillMeat's clients read the field." }),
  })
  .meta({
    id: "Member",
    description: "One reference inside a set, at a dense 0-based position.",
    examples: [
      {
        id: "9c1f2e3d4c5b6a798877665544332211",
        deployment_set_id: "0b7d5c2a9e8f4a6b8c1d3e5f7a9b0c2d",
        member_type: "artifact",
        artifact_uuid: "5f0c1c4e9b7a4d2e8f6a3b1c0d9e8f7a",
        group_id: null,
        nested_set_id: null,
        position: 0,
        added_at: "2026-01-01T12:00:00.000Z",
        name: "code-review",
        workflow_id: null,
      },
    ],
  });

const setFields = {
  id: Id.meta({ description: "The set's id, assigned by the server." }),
  name: Name.min(1).meta({ description: "Trimmed, 1..255 characters; not unique." }),
  description: Text.nullable().meta({ description: "Free text, or `null`." }),
  icon: z.string().max(LIMITS.maxIconLength).nullable().meta({ description: "An emoji or icon name, or `null`." }),
  color: z.string().max(32).nullable().meta({ description: "`#rgb`, `#rrggbb` or a lowercase CSS color word, or `null`." }),
  tags: z.array(z.string().min(1).max(LIMITS.maxTagLength)).max(LIMITS.maxTags).meta({ description: "Tags, in order; distinct case-insensitively." }),
  owner_id: z.string().min(1).max(255).meta({ description: "The owner: `local-user` without authentication, else the token's owner." }),
  member_count: Count.max(LIMITS.maxMembers).meta({ description: "Number of direct members." }),
  resolved_count: Count.nullable().meta({ description: "Number of distinct artifacts the set resolves to; `null` when it cannot resolve (nested deeper than the limit)." }),
  created_at: Timestamp.meta({ description: "When the set was created." }),
  updated_at: Timestamp.meta({ description: "When the set or its direct members last changed." }),
};

const setExample = {
  id: "0b7d5c2a9e8f4a6b8c1d3e5f7a9b0c2d",
  name: "Backend",
  description: "API and database work",
  icon: "🛠️",
  color: "#3b82f6",
  tags: ["api", "python"],
  owner_id: "local-user",
  member_count: 1,
  resolved_count: 1,
  created_at: "2026-01-01T12:00:00.000Z",
  updated_at: "2026-01-01T12:00:00.000Z",
};

/** A deployment set without its members (list items). */
export const DeploymentSetDto = z
  .object(setFields)
  .meta({ id: "DeploymentSet", description: "A deployment set, without its members.", examples: [setExample] });

/** A deployment set with its members. */
export const DeploymentSetWithMembersDto = z
  .object({ ...setFields, members: z.array(MemberDto).max(LIMITS.maxMembers).meta({ description: "The members, in position order." }) })
  .meta({
    id: "DeploymentSetWithMembers",
    description: "A deployment set with its members in position order.",
    examples: [{ ...setExample, members: MemberDto.meta()?.examples }],
  });

/** The fields of every page: the total over all pages and the page asked for. */
const pageFields = {
  total: Count.meta({ description: "How many entries match, over all pages." }),
  limit: Count.min(1).max(LIMITS.maxPageSize).meta({ description: "The page size used." }),
  offset: Count.max(LIMITS.maxOffset).meta({ description: "How many entries were skipped." }),
};

/** A page of sets. */
export const DeploymentSetPageDto = z
  .object({ items: z.array(DeploymentSetDto).max(LIMITS.maxPageSize).meta({ description: "This page's sets, newest first." }), ...pageFields })
  .meta({ id: "DeploymentSetPage", description: "One page of the owner's sets, newest first." });

/** A reference that could not be resolved. */
export const MissingReferenceDto = z
  .object({
    kind: z.enum(REFERENCE_KINDS).meta({ description: "What the member referenced." }),
    id: z.string().max(LIMITS.maxReferenceLength).meta({ description: "The unknown artifact uuid, group id or set id." }),
    path: SetNames.meta({ description: "Set names from the root to the set holding the member." }),
  })
  .meta({ id: "MissingReference", description: "A member whose artifact, group or nested set does not exist (for this owner)." });

const ArtifactType = z.enum(ARTIFACT_TYPES).meta({ description: "The artifact type." });

/** The resolution of a set. */
export const ResolutionDto = z
  .object({
    set_id: Id.meta({ description: "The resolved set's id." }),
    set_name: Name.meta({ description: "The resolved set's name." }),
    total_count: Count.meta({ description: "Number of distinct artifacts (the length of `resolved_artifacts`)." }),
    duplicates_dropped: Count.meta({ description: "Artifact occurrences dropped because the artifact was already in the list." }),
    resolved_artifacts: z
      .array(
        z
          .object({
            artifact_uuid: ArtifactUuid.meta({ description: "The artifact's canonical uuid." }),
            artifact_name: z.string().meta({ description: "The artifact's name, from the collection." }),
            artifact_type: ArtifactType,
            source_path: SetNames.meta({
              description: "Why it is in: the set names from the root to the member that first contributed it, then the group's name when it came through a group.",
            }),
          })
          .meta({ description: "One distinct artifact, with its provenance." }),
      )
      .meta({ description: "Distinct artifacts in order: depth-first over members in position order, first occurrence wins." }),
    missing: z.array(MissingReferenceDto).meta({ description: "References that could not be resolved, each once, in walk order." }),
  })
  .meta({
    id: "Resolution",
    description: "The ordered, distinct artifacts a set stands for, with provenance.",
    examples: [
      {
        set_id: "0b7d5c2a9e8f4a6b8c1d3e5f7a9b0c2d",
        set_name: "Full-stack",
        total_count: 1,
        duplicates_dropped: 0,
        resolved_artifacts: [
          { artifact_uuid: "5f0c1c4e9b7a4d2e8f6a3b1c0d9e8f7a", artifact_name: "code-review", artifact_type: "skill", source_path: ["Full-stack", "Backend"] },
        ],
        missing: [],
      },
    ],
  });

/** One artifact's line of a deploy report. */
const DeployResultDto = z
  .object({
    artifact_uuid: ArtifactUuid.meta({ description: "The artifact's uuid." }),
    artifact_name: z.string().meta({ description: "The artifact's name." }),
    artifact_type: ArtifactType,
    status: z.enum(DEPLOY_STATUSES).meta({ description: "`success` (written, or removed by an undeploy), `skipped` (left as it was) or `failed`." }),
    action: z.enum(DEPLOY_ACTIONS).meta({ description: "What happened, or on a dry run what would happen (see the deploy guide)." }),
    path: z.string().nullable().meta({ description: "Destination relative to the project, POSIX style (`.claude/skills/pdf`); `null` when unsupported." }),
    error: z.string().nullable().meta({ description: "What went wrong, for `failed`; else `null`." }),
    backup_path: z
      .string()
      .optional()
      .meta({ description: "Where `force` kept the user's version before replacing or removing it, relative to the project." }),
    hint: z
      .string()
      .optional()
      .meta({ description: "What to do about it: why a type is unsupported, how to replace kept changes, what is in the way." }),
  })
  .meta({ description: "One artifact's outcome." });

/** The report of a deploy. */
export const DeployReportDto = z
  .object({
    set_id: Id.meta({ description: "The deployed set's id." }),
    set_name: Name.meta({ description: "The deployed set's name." }),
    project_path: z.string().max(LIMITS.maxPathLength).meta({ description: "The project folder deployed into." }),
    profile: z.enum(DEPLOY_PROFILES).meta({ description: "The assistant deployed for." }),
    dry_run: z.boolean().meta({ description: "True when nothing was written (a plan)." }),
    total: Count.meta({ description: "`succeeded + skipped + failed`: the number of resolved artifacts." }),
    succeeded: Count.meta({ description: "Artifacts written (or, on a dry run, that would be)." }),
    skipped: Count.meta({ description: "Artifacts left as they were." }),
    failed: Count.meta({ description: "Artifacts that failed." }),
    duration_ms: z.number().min(0).max(Number.MAX_SAFE_INTEGER).meta({ description: "Wall time of the deploy, in milliseconds." }),
    results: z.array(DeployResultDto).meta({ description: "One line per resolved artifact, in resolution order." }),
    missing: z.array(MissingReferenceDto).meta({ description: "The resolution's missing references." }),
  })
  .meta({
    id: "DeployReport",
    description: "What a deploy did (or, with `dry_run`, would do) to each resolved artifact. Answered with 200 even when some artifacts failed.",
    examples: [
      {
        set_id: "0b7d5c2a9e8f4a6b8c1d3e5f7a9b0c2d",
        set_name: "Backend",
        project_path: "/home/alice/projects/api",
        profile: "claude_code",
        dry_run: true,
        total: 1,
        succeeded: 1,
        skipped: 0,
        failed: 0,
        duration_ms: 4,
        results: [
          {
            artifact_uuid: "5f0c1c4e9b7a4d2e8f6a3b1c0d9e8f7a",
            artifact_name: "code-review",
            artifact_type: "skill",
            status: "success",
            action: "created",
            path: ".claude/skills/code-review",
            error: null,
          },
        ],
        missing: [],
      },
    ],
  });

/** Where a set is deployed. */
export const SetDeploymentDto = z
  .object({
    project_path: z.string().max(LIMITS.maxPathLength).meta({ description: "The project folder, as the deploy named it." }),
    profile: z.enum(DEPLOY_PROFILES).meta({ description: "The assistant it was deployed for." }),
    deployed_at: Timestamp.meta({ description: "When it was last deployed there." }),
  })
  .meta({ id: "SetDeployment", description: "A project folder and profile a set is deployed into." });

/** What is deployed in one project for one profile. */
export const ProjectInventoryDto = z
  .object({
    project_path: z.string().max(LIMITS.maxPathLength).meta({ description: "The project folder." }),
    profile: z.enum(DEPLOY_PROFILES).meta({ description: "The assistant." }),
    artifacts: z
      .array(
        z
          .object({
            artifact_uuid: ArtifactUuid.nullable().meta({ description: "The artifact's uuid; `null` for a record another tool wrote without one." }),
            artifact_name: z.string().meta({ description: "The artifact's name." }),
            artifact_type: z.string().max(32).meta({ description: "The artifact's type." }),
            path: z.string().meta({ description: "Where it is, relative to the project (for merged entries: the config file)." }),
            state: z
              .enum(DEPLOYED_STATES)
              .meta({
                description:
                  "`in_sync`, `locally_modified` (edited since it was deployed), `missing_on_disk`, or `outdated` (as deployed, but the collection changed since).",
              }),
            sets: z
              .array(z.object({ id: Id.meta({ description: "The set's id." }), name: Name.meta({ description: "The set's name." }) }).meta({ description: "A set." }))
              .meta({ description: "The caller's sets that deployed it there (none for another tool's record)." }),
            deployed_at: Timestamp.nullable().meta({ description: "When it was last deployed, as the tracking file records it; `null` when it records no readable time." }),
          })
          .meta({ description: "One deployed artifact." }),
      )
      .meta({ description: "Every artifact the project's tracking files record for the profile." }),
  })
  .meta({ id: "ProjectInventory", description: "What is deployed in a project for one assistant, and in what state." });

/** An artifact of the catalog. */
export const ArtifactDto = z
  .object({
    uuid: ArtifactUuid.meta({ description: "The artifact's uuid: its `uuid` in collection.toml, else its derived id." }),
    name: z.string().min(1).meta({ description: "The name (unique per type)." }),
    type: ArtifactType,
    description: z.string().nullable().meta({ description: "Free text from the collection, or `null`." }),
    tags: z.array(z.string()).meta({ description: "Tags from the collection, in order." }),
    path: z.string().meta({ description: "The source path inside the collection folder, POSIX style." }),
  })
  .meta({
    id: "Artifact",
    description: "A read-only artifact of the collection.",
    examples: [
      {
        uuid: "5f0c1c4e9b7a4d2e8f6a3b1c0d9e8f7a",
        name: "code-review",
        type: "skill",
        description: "Reviews a change for correctness and style",
        tags: ["review"],
        path: "skills/code-review",
      },
    ],
  });

/** A page of artifacts. */
export const ArtifactPageDto = z
  .object({ items: z.array(ArtifactDto).max(LIMITS.maxPageSize).meta({ description: "This page's artifacts, by type then name." }), ...pageFields })
  .meta({ id: "ArtifactPage", description: "One page of the collection's artifacts, ordered by type, then name." });

/** A group of the catalog. */
export const GroupDto = z
  .object({
    id: z.string().min(1).max(LIMITS.maxReferenceLength).meta({ description: "The group's id (derived from its name)." }),
    name: z.string().min(1).meta({ description: "The group's name." }),
    description: z.string().nullable().meta({ description: "Free text from the collection, or `null`." }),
    artifact_uuids: z.array(ArtifactUuid).meta({ description: "The group's artifacts, in group order." }),
  })
  .meta({ id: "Group", description: "A read-only group of the collection: an ordered list of artifacts." });

/** A page of groups. */
export const GroupPageDto = z
  .object({ items: z.array(GroupDto).max(LIMITS.maxPageSize).meta({ description: "This page's groups, in collection order." }), ...pageFields })
  .meta({ id: "GroupPage", description: "One page of the collection's groups, in the collection's order." });

/** The body of `/healthz` and `/readyz`. */
export const StatusDto = z
  .object({
    status: z.enum(["ok", "ready", "unavailable"]).meta({ description: "`ok` (alive), `ready`, or `unavailable`." }),
    reason: z.string().optional().meta({ description: "Why the server is not ready." }),
  })
  .meta({ id: "Status", description: "Liveness or readiness." });
