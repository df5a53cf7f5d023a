import type { ArtifactType, DeployProfile } from "@deployment-sets/core";

/**
 * Where one artifact type goes for one assistant, checked against each assistant's documentation (see
 * docs/assistants.md, which cites the source of every cell):
 *
 * - `copy`: the artifact's file or folder, as it is, at `<dir>/<name><suffix>` (`dir` relative to the project);
 * - `convert`: the artifact rewritten into the format the assistant reads, at `<dir>/<name><suffix>`;
 * - `merge`: entries written into a config file the assistant reads (`file`, relative to the project), which
 *   otherwise stays as the user keeps it; a hook's scripts are copied to `<scriptsDir>/<name>/`;
 * - `unsupported`: the assistant documents no project location for this type; nothing is written.
 */
export type Placement = CopyPlacement | ConvertPlacement | MergePlacement | UnsupportedPlacement;

/** The artifact as it is, at `<dir>/<name><suffix>`. */
export interface CopyPlacement {
  /** Always `"copy"`. */
  readonly kind: "copy";
  /** The folder holding artifacts of this type, relative to the project (`.claude/skills`). */
  readonly dir: string;
  /** `folder` (a skill) or `file` (a command, an agent). */
  readonly shape: "folder" | "file";
  /** Appended to the name (`.md`, or nothing for a folder). */
  readonly suffix: string;
}

/** A file rewritten into another format. */
export interface ConvertPlacement {
  /** Always `"convert"`. */
  readonly kind: "convert";
  /** The folder holding the converted files, relative to the project (`.gemini/commands`). */
  readonly dir: string;
  /** Appended to the name (`.toml`, `.md`). */
  readonly suffix: string;
  /** The conversion. */
  readonly converter: "gemini-command" | "codex-agent" | "gemini-agent";
}

/** Entries merged into an assistant's config file. */
export interface MergePlacement {
  /** Always `"merge"`. */
  readonly kind: "merge";
  /** The config file, relative to the project (`.mcp.json`, `.claude/settings.json`). */
  readonly file: string;
  /** What is merged: MCP servers into a JSON `mcpServers` map or TOML `[mcp_servers.<name>]` tables, or hook groups. */
  readonly target: "json-mcp-servers" | "toml-mcp-servers" | "claude-hooks";
  /** For hooks: the folder a hook's scripts are copied into, as `<scriptsDir>/<name>/` (relative to the project). */
  readonly scriptsDir?: string;
}

/** Nothing is written; `reason` says why, in the report. */
export interface UnsupportedPlacement {
  /** Always `"unsupported"`. */
  readonly kind: "unsupported";
  /** Why the assistant cannot take this type from a project. */
  readonly reason: string;
}

const copy = (dir: string, shape: CopyPlacement["shape"], suffix = shape === "file" ? ".md" : ""): CopyPlacement => ({ kind: "copy", dir, shape, suffix });

const NO_PROJECT_HOOKS = (assistant: string, detail: string): UnsupportedPlacement => ({
  kind: "unsupported",
  reason: `${assistant} does not run Claude Code hooks: ${detail}`,
});

/**
 * The placement table: for each profile and artifact type exactly one placement. The profile's root folder
 * (`.claude`, `.codex`, ...) holds the tracking data even where artifacts land elsewhere (`.agents/skills`,
 * `.mcp.json`).
 */
export const PLACEMENTS: Readonly<Record<DeployProfile, Readonly<Record<ArtifactType, Placement>>>> = {
  claude_code: {
    skill: copy(".claude/skills", "folder"),
    command: copy(".claude/commands", "file"),
    agent: copy(".claude/agents", "file"),
    hook: { kind: "merge", file: ".claude/settings.json", target: "claude-hooks", scriptsDir: ".claude/hooks" },
    mcp: { kind: "merge", file: ".mcp.json", target: "json-mcp-servers" },
  },
  codex: {
    skill: copy(".agents/skills", "folder"),
    command: {
      kind: "unsupported",
      reason: "Codex reads custom prompts only from ~/.codex/prompts (deprecated in favour of skills), never from a project",
    },
    agent: { kind: "convert", dir: ".codex/agents", suffix: ".toml", converter: "codex-agent" },
    hook: NO_PROJECT_HOOKS("Codex", "its project hooks must each be approved by hash and it documents no variable for the project folder their scripts would need"),
    mcp: { kind: "merge", file: ".codex/config.toml", target: "toml-mcp-servers" },
  },
  gemini: {
    skill: copy(".gemini/skills", "folder"),
    command: { kind: "convert", dir: ".gemini/commands", suffix: ".toml", converter: "gemini-command" },
    agent: { kind: "convert", dir: ".gemini/agents", suffix: ".md", converter: "gemini-agent" },
    hook: NO_PROJECT_HOOKS("Gemini CLI", "its hooks use other event names, tool names and payloads"),
    mcp: { kind: "merge", file: ".gemini/settings.json", target: "json-mcp-servers" },
  },
  cursor: {
    skill: copy(".cursor/skills", "folder"),
    command: copy(".cursor/commands", "file"),
    agent: copy(".cursor/agents", "file"),
    hook: NO_PROJECT_HOOKS("Cursor", "its hooks.json uses other event names and payloads"),
    mcp: { kind: "merge", file: ".cursor/mcp.json", target: "json-mcp-servers" },
  },
};

/** The profile's root folder: where its tracking data lives (`.claude`, `.codex`, `.gemini`, `.cursor`). */
export const PROFILE_ROOTS: Readonly<Record<DeployProfile, string>> = {
  claude_code: ".claude",
  codex: ".codex",
  gemini: ".gemini",
  cursor: ".cursor",
};

/**
 * Where an artifact lands in a project for a profile, relative to the project: its file or folder, or for a merge
 * the config file its entries go into; `null` when the profile does not take its type.
 *
 * @example
 * ```ts
 * placementPath("claude_code", "skill", "pdf"); // ".claude/skills/pdf"
 * placementPath("codex", "skill", "pdf"); // ".agents/skills/pdf"
 * placementPath("claude_code", "mcp", "github"); // ".mcp.json"
 * placementPath("codex", "command", "review"); // null
 * ```
 */
export function placementPath(profile: DeployProfile, type: ArtifactType, name: string): string | null {
  const placement = PLACEMENTS[profile][type];
  switch (placement.kind) {
    case "copy":
    case "convert":
      return `${placement.dir}/${name}${placement.suffix}`;
    case "merge":
      return placement.file;
    case "unsupported":
      return null;
  }
}
