import {
  ARTIFACT_TYPES,
  DEPLOY_PROFILES,
  LIMITS,
  NameFilter,
  pageLimit,
  pageOffset,
  Position,
  ProjectPath,
  ReferenceId,
  SetColor,
  SetDescription,
  SetIcon,
  SetName,
  SetTags,
  TagFilter,
  type AddMemberInput,
  type CloneSetInput,
  type CreateSetInput,
  type DeployInput,
  type InventoryQuery,
  type UndeployInput,
  type ListArtifactsQuery,
  type ListGroupsQuery,
  type ListSetsQuery,
  type MemberRef,
  type MoveMemberInput,
  type UpdateSetInput,
} from "@deployment-sets/core";
import { z } from "zod";

/**
 * The request side of the wire: SkillMeat's snake_case bodies and query strings, validated with the field rules of
 * core (so the limits are the library's) and turned into the library's typed inputs. Field errors name the wire's
 * fields (`body.artifact_uuid`, `query.limit`).
 */

const tagRules = `trimmed, de-duplicated case-insensitively (first spelling kept), at most ${LIMITS.maxTags}`;

/** `SetCreate`: the body that creates a set. */
export const SetCreateBody = z
  .strictObject({
    name: SetName,
    description: SetDescription.nullish().meta({ description: `Free text, at most ${LIMITS.maxDescriptionLength} characters; \`null\` means none.` }),
    icon: SetIcon.nullish().meta({ description: `An emoji or icon name, at most ${LIMITS.maxIconLength} characters; \`null\` means none.` }),
    color: SetColor.nullish().meta({ description: "`#rgb`, `#rrggbb` or a lowercase CSS color word; `null` means none." }),
    tags: SetTags.nullish().meta({ description: `The set's tags, ${tagRules}; \`null\` means none.` }),
  })
  .meta({
    id: "SetCreate",
    description: "A new deployment set. Unknown fields are rejected.",
    examples: [{ name: "Backend", description: "API and database work", icon: "🛠️", color: "#3b82f6", tags: ["api", "python"] }],
  })
  .transform(({ tags, ...fields }): CreateSetInput => ({ ...fields, ...(tags ? { tags } : {}) }));

/** `SetUpdate`: the body that changes a set. */
export const SetUpdateBody = z
  .strictObject({
    name: SetName.optional(),
    description: SetDescription.nullish().meta({ description: `Free text, at most ${LIMITS.maxDescriptionLength} characters; \`null\` clears it.` }),
    icon: SetIcon.nullish().meta({ description: `An emoji or icon name, at most ${LIMITS.maxIconLength} characters; \`null\` clears it.` }),
    color: SetColor.nullish().meta({ description: "`#rgb`, `#rrggbb` or a lowercase CSS color word; `null` clears it." }),
    tags: SetTags.nullish().meta({ description: `Replaces the list, ${tagRules}; \`null\` or \`[]\` empties it.` }),
  })
  .meta({
    id: "SetUpdate",
    description:
      "Changes to a set: an absent field is unchanged, `null` clears `description`, `icon` and `color`, `tags` replaces " +
      "the list (`null` or `[]` empties it), `name` cannot be `null`. Unknown fields are rejected.",
    examples: [{ description: null, tags: ["api"] }],
  })
  .transform(({ tags, ...fields }): UpdateSetInput => ({ ...fields, ...(tags !== undefined ? { tags: tags ?? [] } : {}) }));

/** The optional body of a clone (the route reads no body, or an empty one, as `{}`). */
export const SetCloneBody = z
  .strictObject({ name: SetName.optional().meta({ description: "The clone's name; by default `\"<name> (copy)\"`." }) })
  .meta({ id: "SetClone", description: "Optional: the clone's name.", examples: [{ name: "Backend (experimental)" }] })
  .optional()
  .transform((body): CloneSetInput => body ?? {});

const REFERENCE_KEYS = ["artifact_uuid", "group_id", "nested_set_id"] as const;
type ReferenceKey = (typeof REFERENCE_KEYS)[number];
const KIND_OF: Readonly<Record<ReferenceKey, MemberRef["type"]>> = { artifact_uuid: "artifact", group_id: "group", nested_set_id: "set" };
const REFERENCE_DESCRIPTIONS: Readonly<Record<ReferenceKey, string>> = {
  artifact_uuid: "An artifact of the collection, by uuid (or its derived id).",
  group_id: "A group of the collection, by id.",
  nested_set_id: "Another set of the same owner, by id.",
};
const ONE_OF = REFERENCE_KEYS.join(", ");

/** One way to write a member: `key` holds the reference, the other two are absent or `null`. */
function memberCreateVariant(key: ReferenceKey) {
  const reference = (other: ReferenceKey) =>
    other === key
      ? ReferenceId.meta({ description: REFERENCE_DESCRIPTIONS[other] })
      : z.null().optional().meta({ description: `Absent or \`null\` when \`${key}\` is given.` });
  return z
    .strictObject({
      artifact_uuid: reference("artifact_uuid"),
      group_id: reference("group_id"),
      nested_set_id: reference("nested_set_id"),
      position: Position.nullish().meta({ description: "0-based position; absent, `null` or past the end appends." }),
      workflow_id: z
        .null({ error: "workflows are not supported; send null or leave it out" })
        .optional()
        .meta({ description: "Accepted only as `null` (SkillMeat's clients echo it); this product has no workflows." }),
    })
    .meta({ title: `By ${key}`, description: `A member referencing ${REFERENCE_DESCRIPTIONS[key].toLowerCase()}` });
}

/**
 * `MemberCreate`: exactly one of `artifact_uuid`, `group_id`, `nested_set_id` (a key sent as `null` counts as
 * absent, so a client may echo a `Member`), an optional `position`, and `workflow_id` only as `null`.
 */
export const MemberCreateBody = z
  .xor(REFERENCE_KEYS.map(memberCreateVariant) as [ReturnType<typeof memberCreateVariant>, ...ReturnType<typeof memberCreateVariant>[]], {
    error: (issue) => {
      const input = issue.input;
      if (typeof input !== "object" || input === null || Array.isArray(input)) return "must be an object";
      const given = REFERENCE_KEYS.filter((key) => (input as Record<string, unknown>)[key] != null);
      return given.length === 0 ? `exactly one of ${ONE_OF} is required` : `exactly one of ${ONE_OF} is allowed; got ${given.join(", ")}`;
    },
  })
  .meta({
    id: "MemberCreate",
    description: `A new member: exactly one of ${ONE_OF} (a key sent as \`null\` counts as absent), and optionally a position.`,
    examples: [{ artifact_uuid: "5f0c1c4e9b7a4d2e8f6a3b1c0d9e8f7a" }, { nested_set_id: "0b7d5c2a9e8f4a6b8c1d3e5f7a9b0c2d", position: 0 }],
  })
  .transform((body): AddMemberInput => {
    const key = REFERENCE_KEYS.find((candidate) => body[candidate] != null)!;
    const ref: MemberRef = { type: KIND_OF[key], id: body[key]! };
    return body.position == null ? { ref } : { ref, position: body.position };
  });

/** The body that moves a member. */
export const MemberMoveBody = z
  .strictObject({ position: Position.meta({ description: "The new 0-based position; past the end moves it last." }) })
  .meta({ id: "MemberMove", description: "A member's new position.", examples: [{ position: 0 }] })
  .transform((body): MoveMemberInput => body);

/** `DeployRequest`: where and how to deploy. */
export const DeployBody = z
  .strictObject({
    project_path: ProjectPath,
    profile: z
      .enum(DEPLOY_PROFILES)
      .default("claude_code")
      .meta({ description: "The assistant to deploy for: where each artifact type goes in the project." }),
    dry_run: z.boolean().default(false).meta({ description: "Report what a deploy would do, writing nothing at all." }),
    force: z
      .boolean()
      .default(false)
      .meta({ description: "Replace local changes and conflicts instead of keeping them; what is replaced is backed up first." }),
    prune: z
      .boolean()
      .default(false)
      .meta({ description: "Also remove what this set deployed there earlier and no longer holds (otherwise reported `stale`)." }),
  })
  .meta({
    id: "DeployRequest",
    description: "Where to deploy a set, for which assistant, and whether to only plan it.",
    examples: [{ project_path: "/home/alice/projects/api", profile: "claude_code", dry_run: true }],
  })
  .transform(({ project_path, dry_run, ...rest }): DeployInput => ({ projectPath: project_path, dryRun: dry_run, ...rest }));

/** `UndeployRequest`: which project and profile to take the set out of. */
export const UndeployBody = z
  .strictObject({
    project_path: ProjectPath,
    profile: z.enum(DEPLOY_PROFILES).default("claude_code").meta({ description: "The assistant the set was deployed for." }),
    dry_run: z.boolean().default(false).meta({ description: "Report what an undeploy would do, removing nothing at all." }),
    force: z
      .boolean()
      .default(false)
      .meta({ description: "Remove what the user changed too (a backup is kept); otherwise it is kept and reported." }),
  })
  .meta({
    id: "UndeployRequest",
    description: "Where to take a set back out of: the same names as a deploy's.",
    examples: [{ project_path: "/home/alice/projects/api", profile: "claude_code", dry_run: true }],
  })
  .transform(({ project_path, dry_run, ...rest }): UndeployInput => ({ projectPath: project_path, dryRun: dry_run, ...rest }));

/** The query of a project's inventory. */
export const InventoryQueryString = z
  .strictObject({
    project_path: ProjectPath,
    profile: z.enum(DEPLOY_PROFILES).default("claude_code").meta({ description: "The assistant whose deployments are listed." }),
  })
  .transform(({ project_path, profile }): InventoryQuery => ({ projectPath: project_path, profile }));

// Query strings carry text: the page rules of core applied to a coercing number.
const Limit = pageLimit(z.coerce.number()).default(LIMITS.defaultPageSize);
const Offset = pageOffset(z.coerce.number()).default(0);

/** The query of the set list. */
export const SetListQueryString = z
  .strictObject({ name: NameFilter.optional(), tag: TagFilter.optional(), limit: Limit, offset: Offset })
  .transform((query): ListSetsQuery => query);

/** The query of the artifact list. */
export const ArtifactListQueryString = z
  .strictObject({
    type: z.enum(ARTIFACT_TYPES).optional().meta({ description: "Only artifacts of this type." }),
    q: NameFilter.optional(),
    limit: Limit,
    offset: Offset,
  })
  .transform((query): ListArtifactsQuery => query);

/** The query of the group list. */
export const GroupListQueryString = z.strictObject({ limit: Limit, offset: Offset }).transform((query): ListGroupsQuery => query);

/**
 * Path parameters. Ids are not validated here: a malformed id is simply not found (404), like an unknown one.
 * Router limits cap them at 512 characters.
 */
export const SetParams = z.object({
  set_id: z.string().max(512).meta({ description: "The set's id: 32 lowercase hex characters (anything else is not found)." }),
});

/** Path parameters of a member route. */
export const MemberParams = SetParams.extend({
  member_id: z.string().max(512).meta({ description: "The member's id: 32 lowercase hex characters (anything else is not found)." }),
});
