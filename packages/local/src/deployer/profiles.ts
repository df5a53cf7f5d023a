import type { ArtifactType, DeployProfile } from "@deployment-sets/core";

/** Where one artifact type lands inside a profile root. */
export interface ProfileDestination {
  /** The folder under the profile root holding artifacts of this type (`skills`, `commands`, ...). */
  readonly folder: string;
  /** `folder` for a folder artifact (`skills/<name>/`), `file` for a one-file artifact (`commands/<name>.md`). */
  readonly kind: "folder" | "file";
  /** Appended to the artifact's name to form the destination's name (`.md` for files, empty for folders). */
  readonly suffix: string;
}

/** One assistant layout: a deploy profile (see docs/deploying.md, Profiles). */
export interface ProfileLayout {
  /** The profile's name, also written as `deployment_profile_id` and `platform` in the tracking file. */
  readonly id: DeployProfile;
  /** The folder under the project holding everything of this profile (`.claude`). */
  readonly root: string;
  /** The artifact types the profile supports and where each lands; a type not listed is unsupported. */
  readonly destinations: Readonly<Partial<Record<ArtifactType, ProfileDestination>>>;
}

const SKILL: ProfileDestination = { folder: "skills", kind: "folder", suffix: "" };
const COMMAND: ProfileDestination = { folder: "commands", kind: "file", suffix: ".md" };
const AGENT: ProfileDestination = { folder: "agents", kind: "file", suffix: ".md" };
const HOOK: ProfileDestination = { folder: "hooks", kind: "file", suffix: ".md" };
const MCP: ProfileDestination = { folder: "mcp", kind: "folder", suffix: "" };

/**
 * SkillMeat's deployment layouts, kept for parity: each profile's root folder and, per supported artifact type,
 * the destination under it. An artifact whose type a profile does not support is reported `unsupported` and
 * never put in a fallback folder.
 *
 * @example
 * ```ts
 * PROFILES.codex.root; // ".codex"
 * PROFILES.gemini.destinations.agent; // undefined: gemini does not take agents
 * ```
 */
export const PROFILES: Readonly<Record<DeployProfile, ProfileLayout>> = {
  claude_code: {
    id: "claude_code",
    root: ".claude",
    destinations: { skill: SKILL, command: COMMAND, agent: AGENT, hook: HOOK, mcp: MCP },
  },
  codex: { id: "codex", root: ".codex", destinations: { skill: SKILL, command: COMMAND, agent: AGENT } },
  gemini: { id: "gemini", root: ".gemini", destinations: { skill: SKILL, command: COMMAND } },
  cursor: { id: "cursor", root: ".cursor", destinations: { skill: SKILL, command: COMMAND, agent: AGENT } },
};

/**
 * The destination of an artifact relative to the profile root, POSIX style (`skills/pdf`, `commands/review.md`),
 * or `null` when the profile does not support the type.
 *
 * @param profile - the profile deployed to
 * @param type - the artifact's type
 * @param name - the artifact's name (assumed safe: see `unsafeNameReason`)
 *
 * @example
 * ```ts
 * destinationPath("claude_code", "command", "review"); // "commands/review.md"
 * destinationPath("gemini", "hook", "lint"); // null
 * ```
 */
export function destinationPath(profile: DeployProfile, type: ArtifactType, name: string): string | null {
  const destination = PROFILES[profile].destinations[type];
  return destination ? `${destination.folder}/${name}${destination.suffix}` : null;
}
