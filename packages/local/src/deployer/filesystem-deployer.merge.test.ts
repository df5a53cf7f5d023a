import { chmod, lstat, mkdir, readFile, readlink, rm, symlink, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { ARTIFACT_TYPES, DEPLOY_PROFILES, type ArtifactType, type DeployProfile, type DeployResult } from "@deployment-sets/core";
import { parse as parseJsonc, visit, type ParseError } from "jsonc-parser";
import { parse as parseToml } from "smol-toml";
import { parse as parseYaml } from "yaml";
import { afterEach, describe, expect, it } from "vitest";
import { StarterCase, type ExtraSource } from "../../test/deploy-case.js";
import { snapshotTree, type SnapshotEntry } from "../../test/deployer-fixtures.js";
import { FilesystemDeployer } from "./filesystem-deployer.js";
import { PLACEMENTS, PROFILE_ROOTS, placementPath } from "./placement/placements.js";

// Merged artifacts (MCP servers, hooks) against each assistant's real config files: what is written, that the
// user's own files survive byte for byte, conflicts, unsafe files and concurrent sets. Sources are the shipped
// starter collection plus two remote MCP servers.

const SET_A = "a".repeat(32);
const SET_B = "b".repeat(32);

/** A remote (streamable HTTP) server authenticated by a bearer token, with a variable and a literal header. */
const LINEAR: ExtraSource = {
  type: "mcp",
  name: "linear",
  files: {
    "mcp.json": `${JSON.stringify(
      {
        mcpServers: {
          linear: {
            url: "https://mcp.linear.app/mcp",
            headers: { Authorization: "Bearer ${LINEAR_API_KEY}", "X-Linear-Workspace": "${LINEAR_WORKSPACE}", "X-Client": "deployment-sets" },
          },
        },
      },
      null,
      2,
    )}\n`,
    "README.md": "# Linear\n\nIssues and projects through Linear's hosted MCP server.\n",
  },
};

/** A remote SSE server, written as a single server (no `mcpServers` map): it takes the artifact's name. */
const SENTRY: ExtraSource = {
  type: "mcp",
  name: "sentry",
  files: { "mcp.json": `${JSON.stringify({ type: "sse", url: "https://mcp.sentry.dev/sse" }, null, 2)}\n` },
};

const GITHUB_ARGS = ["run", "-i", "--rm", "-e", "GITHUB_PERSONAL_ACCESS_TOKEN", "ghcr.io/github/github-mcp-server"];
const GUARD_COMMAND = 'sh "${CLAUDE_PROJECT_DIR}/.claude/hooks/guard-secrets/guard-secrets.sh"';

let current: StarterCase | undefined;
afterEach(async () => {
  await current?.dispose();
  current = undefined;
});

async function starter(): Promise<StarterCase> {
  current = await StarterCase.create([LINEAR, SENTRY]);
  return current;
}

// --- helpers ---------------------------------------------------------------------------------------------------

/** A JSONC document's value; fails the test on any parse error (comments and trailing commas are allowed). */
function jsonc(text: string): unknown {
  const errors: ParseError[] = [];
  const value: unknown = parseJsonc(text, errors, { allowTrailingComma: true, disallowComments: false });
  expect(errors).toEqual([]);
  return value;
}

/** The value of a config file as its assistant reads it: JSON(C) or TOML. */
function parseConfig(path: string, text: string): unknown {
  return path.endsWith(".toml") ? parseToml(text) : jsonc(text);
}

/** True when every character of `original` is in `text`, in order: `text` only inserted into `original`. */
function onlyInsertedInto(original: string, text: string): boolean {
  let at = 0;
  for (const char of text) if (at < original.length && char === original[at]) at++;
  return at === original.length;
}

/** Paths, kinds, modes and contents of a folder's tree (no timestamps). */
async function tree(root: string): Promise<Omit<SnapshotEntry, "mtimeNs">[]> {
  return (await snapshotTree(root)).map(({ mtimeNs: _mtime, ...entry }) => entry);
}

/** The results by artifact name: `name → action`. */
function actions(results: readonly DeployResult[]): Record<string, string> {
  return Object.fromEntries(results.map((r) => [r.artifactName, r.action]));
}

/** A plan's results as the deploy reports them (a plan writes no backup, so it names none). */
function withoutBackup(results: readonly DeployResult[]): DeployResult[] {
  return results.map(({ backupPath: _backup, ...result }) => result);
}

/** Splits a markdown file into its front matter (parsed) and its body (after the closing `---` line). */
function frontMatter(text: string): { data: Record<string, unknown>; body: string } {
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
  if (!match) throw new Error("no front matter");
  return { data: parseYaml(match[1]!) as Record<string, unknown>, body: match[2]! };
}

// --- golden files per cell -------------------------------------------------------------------------------------

/** What one written file must be: a copy of a source file, a JSON/TOML value, or an exact text. */
type Expected = { readonly copyOf: string } | { readonly value: unknown } | { readonly text: string };

interface Golden {
  /** The artifacts deployed for the cell. */
  readonly artifacts: readonly string[];
  /** Every file the deploy writes besides the tracking file, relative to the project, from the collection's texts. */
  readonly files: (source: (relative: string) => Promise<string>) => Promise<Record<string, Expected>>;
}

/** A copied folder: each of its source files, at the same relative path under `destination`. */
async function copiedFolder(c: StarterCase, sourceFolder: string, destination: string): Promise<Record<string, Expected>> {
  const entries = (await snapshotTree(join(c.collection, sourceFolder))).filter((entry) => entry.kind === "file");
  return Object.fromEntries(entries.map((entry) => [`${destination}/${entry.path}`, { copyOf: `${sourceFolder}/${entry.path}` }]));
}

const LINEAR_HEADERS = { Authorization: "Bearer ${LINEAR_API_KEY}", "X-Linear-Workspace": "${LINEAR_WORKSPACE}", "X-Client": "deployment-sets" };
const GITHUB_ENV = { GITHUB_PERSONAL_ACCESS_TOKEN: "${GITHUB_PERSONAL_ACCESS_TOKEN}" };

/** Claude Code's `.mcp.json` as written; Gemini CLI and Cursor differ in the remote servers and variables. */
const MCP_GOLDEN: Record<DeployProfile, unknown> = {
  claude_code: {
    mcpServers: {
      github: { command: "docker", args: GITHUB_ARGS, env: GITHUB_ENV },
      // A url without a type is streamable HTTP, which Claude Code wants spelled out.
      linear: { type: "http", url: "https://mcp.linear.app/mcp", headers: LINEAR_HEADERS },
      sentry: { type: "sse", url: "https://mcp.sentry.dev/sse" },
    },
  },
  cursor: {
    mcpServers: {
      github: { command: "docker", args: GITHUB_ARGS, env: { GITHUB_PERSONAL_ACCESS_TOKEN: "${env:GITHUB_PERSONAL_ACCESS_TOKEN}" } },
      linear: {
        url: "https://mcp.linear.app/mcp",
        headers: { Authorization: "Bearer ${env:LINEAR_API_KEY}", "X-Linear-Workspace": "${env:LINEAR_WORKSPACE}", "X-Client": "deployment-sets" },
      },
      sentry: { url: "https://mcp.sentry.dev/sse" },
    },
  },
  gemini: {
    mcpServers: {
      github: { command: "docker", args: GITHUB_ARGS, env: GITHUB_ENV },
      // httpUrl is streamable HTTP, url is SSE.
      linear: { httpUrl: "https://mcp.linear.app/mcp", headers: LINEAR_HEADERS },
      sentry: { url: "https://mcp.sentry.dev/sse" },
    },
  },
  codex: {
    mcp_servers: {
      github: { command: "docker", args: GITHUB_ARGS, env_vars: ["GITHUB_PERSONAL_ACCESS_TOKEN"] },
      linear: {
        url: "https://mcp.linear.app/mcp",
        bearer_token_env_var: "LINEAR_API_KEY",
        env_http_headers: { "X-Linear-Workspace": "LINEAR_WORKSPACE" },
        http_headers: { "X-Client": "deployment-sets" },
      },
    },
  },
};

function goldenCells(c: StarterCase): Record<DeployProfile, Partial<Record<ArtifactType, Golden>>> {
  const skill = (destination: string): Golden => ({ artifacts: ["sql-migrations"], files: () => copiedFolder(c, "skills/sql-migrations", destination) });
  const copiedFile = (name: string, source: string, destination: string): Golden => ({
    artifacts: [name],
    files: async () => ({ [destination]: { copyOf: source } }),
  });
  const mcp = (profile: DeployProfile, file: string): Golden => ({
    // Codex connects to streamable HTTP and local servers only (see the test of what it cannot take).
    artifacts: profile === "codex" ? ["github", "linear"] : ["github", "linear", "sentry"],
    files: async () => ({ [file]: { value: MCP_GOLDEN[profile] } }),
  });
  return {
    claude_code: {
      skill: skill(".claude/skills/sql-migrations"),
      command: copiedFile("write-tests", "commands/write-tests.md", ".claude/commands/write-tests.md"),
      agent: copiedFile("code-reviewer", "agents/code-reviewer.md", ".claude/agents/code-reviewer.md"),
      hook: {
        artifacts: ["guard-secrets"],
        files: async () => ({
          ".claude/settings.json": {
            value: { hooks: { PreToolUse: [{ matcher: "Write|Edit|MultiEdit", hooks: [{ type: "command", command: GUARD_COMMAND, timeout: 10 }] }] } },
          },
          // The whole folder, so the rewritten ${CLAUDE_PLUGIN_ROOT} finds its script there.
          ...(await copiedFolder(c, "hooks/guard-secrets", ".claude/hooks/guard-secrets")),
        }),
      },
      mcp: mcp("claude_code", ".mcp.json"),
    },
    codex: {
      skill: skill(".agents/skills/sql-migrations"),
      agent: {
        artifacts: ["code-reviewer"],
        files: async (source) => {
          const { data, body } = frontMatter(await source("agents/code-reviewer.md"));
          const value = { name: "code-reviewer", description: data["description"], developer_instructions: body.replace(/^\n+/, "") };
          return { ".codex/agents/code-reviewer.toml": { value } };
        },
      },
      mcp: mcp("codex", ".codex/config.toml"),
    },
    gemini: {
      skill: skill(".gemini/skills/sql-migrations"),
      command: {
        artifacts: ["write-tests"],
        files: async (source) => {
          const { data, body } = frontMatter(await source("commands/write-tests.md"));
          // `$ARGUMENTS` becomes `{{args}}`; argument-hint and allowed-tools mean nothing to Gemini CLI.
          const value = { description: data["description"], prompt: body.replace(/^\n+/, "").replaceAll("$ARGUMENTS", "{{args}}") };
          expect(value.prompt).toContain("Write tests for `{{args}}`.");
          return { ".gemini/commands/write-tests.toml": { value } };
        },
      },
      agent: {
        artifacts: ["code-reviewer"],
        files: async (source) => {
          const { data, body } = frontMatter(await source("agents/code-reviewer.md"));
          // Claude's tools and model are left out: Gemini CLI rejects keys it does not know.
          return { ".gemini/agents/code-reviewer.md": { text: `---\nname: code-reviewer\ndescription: ${String(data["description"])}\n---\n${body}` } };
        },
      },
      mcp: mcp("gemini", ".gemini/settings.json"),
    },
    cursor: {
      skill: skill(".cursor/skills/sql-migrations"),
      command: copiedFile("write-tests", "commands/write-tests.md", ".cursor/commands/write-tests.md"),
      agent: copiedFile("code-reviewer", "agents/code-reviewer.md", ".cursor/agents/code-reviewer.md"),
      mcp: mcp("cursor", ".cursor/mcp.json"),
    },
  };
}

const SUPPORTED_CELLS: [DeployProfile, ArtifactType][] = DEPLOY_PROFILES.flatMap((profile) =>
  ARTIFACT_TYPES.filter((type) => PLACEMENTS[profile][type].kind !== "unsupported").map((type): [DeployProfile, ArtifactType] => [profile, type]),
);

/** Where a cell's record goes: SkillMeat's file for plain copies inside the profile root, this deployer's otherwise. */
function trackingFileOf(profile: DeployProfile, type: ArtifactType): string {
  const placement = PLACEMENTS[profile][type];
  const root = PROFILE_ROOTS[profile];
  return placement.kind === "copy" && placement.dir.startsWith(`${root}/`) ? `${root}/.skillmeat-deployed.toml` : `${root}/.deployment-sets/deployed.toml`;
}

describe("golden files: every supported (profile, type) cell writes exactly this", () => {
  it("the golden table covers exactly the supported cells of PLACEMENTS", async () => {
    const c = await starter();
    const golden = goldenCells(c);
    const covered = DEPLOY_PROFILES.flatMap((profile) => Object.keys(golden[profile]).map((type) => [profile, type]));
    expect(covered.sort()).toEqual([...SUPPORTED_CELLS].sort());
  });

  it.each(SUPPORTED_CELLS)("%s / %s", async (profile, type) => {
    const c = await starter();
    const golden = goldenCells(c)[profile][type]!;
    const items = c.pick(...golden.artifacts);
    const results = await c.deployer().deploy(c.request(profile, SET_A, items));
    expect(results).toEqual(
      items.map((item) => ({
        artifactUuid: item.uuid,
        artifactName: item.name,
        artifactType: type,
        status: "success",
        action: "created",
        path: placementPath(profile, type, item.name),
        error: null,
      })),
    );

    const expected = await golden.files((relative) => readFile(join(c.collection, relative), "utf8"));
    const tracking = trackingFileOf(profile, type);
    const written = (await snapshotTree(c.project)).filter((entry) => entry.kind === "file");
    // Exactly these files and the tracking file: no lock, no temporary file, nothing else.
    expect(written.map((entry) => entry.path).sort()).toEqual([...Object.keys(expected), tracking].sort());
    for (const [path, want] of Object.entries(expected)) {
      const text = await c.read(path);
      if ("copyOf" in want) {
        const source = join(c.collection, want.copyOf);
        expect(await readFile(join(c.project, path)), path).toEqual(await readFile(source));
        expect((await lstat(join(c.project, path))).mode & 0o777, path).toBe((await lstat(source)).mode & 0o777);
      } else if ("value" in want) {
        expect(parseConfig(path, text), path).toEqual(want.value);
      } else {
        expect(text, path).toBe(want.text);
        expect(frontMatter(text).data, path).toEqual({ name: "code-reviewer", description: expect.any(String) });
      }
    }

    const records = (parseToml(await c.read(tracking))["deployed"] as Record<string, unknown>[]).map((record) => ({
      name: record["artifact_name"],
      type: record["artifact_type"],
      profile: record["deployment_profile_id"],
      sets: record["deployment_set_ids"],
    }));
    expect(records).toEqual(items.map((item) => ({ name: item.name, type, profile, sets: [SET_A] })));

    // Deployed again, nothing is rewritten (the tracking file may gain stat fingerprints).
    const artifactFiles = async () => (await snapshotTree(c.project)).filter((e) => e.kind === "file" && e.path !== tracking);
    const before = await artifactFiles();
    expect((await c.deployer().deploy(c.request(profile, SET_A, items))).map((r) => r.action)).toEqual(items.map(() => "unchanged"));
    expect(await artifactFiles()).toEqual(before);
  });

  it("Codex: a server it cannot express (a variable in an argument, SSE) is an error and nothing is written for it", async () => {
    const c = await starter();
    const results = await c.deployer().deploy(c.request("codex", SET_A, c.pick("postgres", "sentry", "github")));
    expect(results.map((r) => [r.artifactName, r.action, r.status])).toEqual([
      ["postgres", "error", "failed"],
      ["sentry", "error", "failed"],
      ["github", "created", "success"],
    ]);
    expect(results[0]!.error).toBe("the server postgres uses ${POSTGRES_URL} in args; Codex does not expand variables there");
    expect(results[1]!.error).toMatch(/sentry uses SSE/);
    expect(parseToml(await c.read(".codex/config.toml"))).toEqual({ mcp_servers: mcpOf("codex", "github") });
  });
});

// --- the user's own config files -------------------------------------------------------------------------------

/** A config file the user keeps, an edit they make to an unrelated part of it later, and what our entries add. */
interface UserFile {
  readonly path: string;
  readonly original: string;
  /** An edit of the user's own part: `[from, to]`, `from` occurring exactly once. */
  readonly edit: readonly [string, string];
  /** The file's value after the first deploy, given the original's value. */
  readonly deployed: (value: Record<string, unknown>) => unknown;
  /** Text that the entries of the updated sources hold. */
  readonly updated: string;
  /** How many comments the user's file has. */
  readonly comments: number;
}

interface RoundTrip {
  readonly profile: DeployProfile;
  readonly artifacts: readonly string[];
  readonly files: readonly UserFile[];
  /** Changes the collection's sources, so the redeploy updates every artifact. */
  readonly updateSources: (c: StarterCase) => Promise<void>;
}

const CLAUDE_SETTINGS = `{
    "$schema": "https://json.schemastore.org/claude-code-settings.json",
    "permissions": {
        "allow": [
            "Bash(npm run lint)",
            "Bash(npm run test:*)"
        ],
        "deny": [
            "Read(./.env)"
        ]
    },
    "hooks": {
        "PreToolUse": [
            {
                "matcher": "Bash",
                "hooks": [
                    {
                        "type": "command",
                        "command": "\\"$CLAUDE_PROJECT_DIR\\"/scripts/check-bash.sh"
                    }
                ]
            }
        ],
        "PostToolUse": [
            {
                "matcher": "Edit|Write",
                "hooks": [
                    {
                        "type": "command",
                        "command": "npx prettier --write \\"$(jq -r '.tool_input.file_path')\\""
                    }
                ]
            }
        ]
    },
    "env": {
        "NODE_ENV": "development"
    }
}
`;

const CLAUDE_MCP = `{
  "mcpServers": {
    "playwright": {
      "command": "npx",
      "args": ["@playwright/mcp@latest"]
    }
  }
}
`;

/** Gemini CLI strips comments from settings.json (it does not take trailing commas). */
const GEMINI_SETTINGS = `// Project settings for Gemini CLI.
{
  "general": {
    "preferredEditor": "vim" // the team's editor
  },
  /* Tools the agent may run without asking. */
  "tools": {
    "allowed": ["run_shell_command(git status)", "run_shell_command(npm test)"]
  },
  "mcpServers": {
    // Our internal docs server.
    "docs": {
      "command": "node",
      "args": ["./tools/docs-mcp.js"]
    }
  }
}
`;

/** Cursor reads mcp.json as JSONC: comments and trailing commas. */
const CURSOR_MCP = `{
  // Servers everyone on the team uses.
  "mcpServers": {
    "browser": {
      "command": "npx",
      "args": ["-y", "@browsermcp/mcp@latest",],
    },
  },
}
`;

const CODEX_CONFIG = `# Codex settings for this repository.
model = "gpt-5-codex"
approval_policy = "on-request"

[sandbox_workspace_write]
network_access = false # keep the sandbox offline

# Our own server, not managed by Deployment Sets.
[mcp_servers.mine]
command = "uv"
args = ["run", "tools/mcp_server.py"]

[profiles.review]
model = "o3"
`;

const withServers = (key: string, servers: Record<string, unknown>) => (value: Record<string, unknown>) => ({
  ...value,
  [key]: { ...(value[key] as Record<string, unknown>), ...servers },
});
const mcpOf = (profile: DeployProfile, ...names: string[]) => {
  const all = Object.values(MCP_GOLDEN[profile] as Record<string, Record<string, unknown>>)[0]!;
  return Object.fromEntries(names.map((name) => [name, all[name]]));
};

const ROUND_TRIPS: readonly RoundTrip[] = [
  {
    profile: "claude_code",
    artifacts: ["guard-secrets", "github", "linear"],
    files: [
      {
        path: ".claude/settings.json",
        original: CLAUDE_SETTINGS,
        edit: ['"Bash(npm run lint)",', '"Bash(npm run lint)",\n            "Bash(npm run build)",'],
        deployed: (value) => {
          const hooks = value["hooks"] as Record<string, unknown[]>;
          const ours = { matcher: "Write|Edit|MultiEdit", hooks: [{ type: "command", command: GUARD_COMMAND, timeout: 10 }] };
          return { ...value, hooks: { ...hooks, PreToolUse: [...hooks["PreToolUse"]!, ours] } };
        },
        updated: '"timeout": 30',
        comments: 0,
      },
      {
        path: ".mcp.json",
        original: CLAUDE_MCP,
        edit: ['"@playwright/mcp@latest"', '"@playwright/mcp@0.0.41", "--headless"'],
        deployed: withServers("mcpServers", mcpOf("claude_code", "github", "linear")),
        updated: "ghcr.io/github/github-mcp-server:v0.9.0",
        comments: 0,
      },
    ],
    updateSources: async (c) => {
      await editSource(c, "hooks/guard-secrets/hooks.json", '"timeout": 10', '"timeout": 30');
      await editSource(c, "mcp/github/mcp.json", "ghcr.io/github/github-mcp-server", "ghcr.io/github/github-mcp-server:v0.9.0");
      await editSource(c, "mcp/linear/mcp.json", "https://mcp.linear.app/mcp", "https://mcp.linear.app/v2/mcp");
    },
  },
  {
    profile: "gemini",
    artifacts: ["github", "linear"],
    files: [
      {
        path: ".gemini/settings.json",
        original: GEMINI_SETTINGS,
        edit: ['"preferredEditor": "vim"', '"preferredEditor": "code"'],
        deployed: withServers("mcpServers", mcpOf("gemini", "github", "linear")),
        updated: "https://mcp.linear.app/v2/mcp",
        comments: 4,
      },
    ],
    updateSources: async (c) => {
      await editSource(c, "mcp/github/mcp.json", "ghcr.io/github/github-mcp-server", "ghcr.io/github/github-mcp-server:v0.9.0");
      await editSource(c, "mcp/linear/mcp.json", "https://mcp.linear.app/mcp", "https://mcp.linear.app/v2/mcp");
    },
  },
  {
    profile: "cursor",
    artifacts: ["github", "linear"],
    files: [
      {
        path: ".cursor/mcp.json",
        original: CURSOR_MCP,
        edit: ["// Servers everyone on the team uses.", "// Servers everyone on the team uses (ask #dev-tools before adding one)."],
        deployed: withServers("mcpServers", mcpOf("cursor", "github", "linear")),
        updated: "https://mcp.linear.app/v2/mcp",
        comments: 1,
      },
    ],
    updateSources: async (c) => {
      await editSource(c, "mcp/github/mcp.json", "ghcr.io/github/github-mcp-server", "ghcr.io/github/github-mcp-server:v0.9.0");
      await editSource(c, "mcp/linear/mcp.json", "https://mcp.linear.app/mcp", "https://mcp.linear.app/v2/mcp");
    },
  },
  {
    profile: "codex",
    artifacts: ["github", "linear"],
    files: [
      {
        path: ".codex/config.toml",
        original: CODEX_CONFIG,
        edit: ['approval_policy = "on-request"', 'approval_policy = "never"'],
        deployed: withServers("mcp_servers", mcpOf("codex", "github", "linear")),
        updated: "https://mcp.linear.app/v2/mcp",
        comments: 3,
      },
    ],
    updateSources: async (c) => {
      await editSource(c, "mcp/github/mcp.json", "ghcr.io/github/github-mcp-server", "ghcr.io/github/github-mcp-server:v0.9.0");
      await editSource(c, "mcp/linear/mcp.json", "https://mcp.linear.app/mcp", "https://mcp.linear.app/v2/mcp");
    },
  },
];

/** Replaces the one occurrence of `from` in a collection file. */
async function editSource(c: StarterCase, relative: string, from: string, to: string): Promise<void> {
  const path = join(c.collection, relative);
  const text = await readFile(path, "utf8");
  expect(text.split(from)).toHaveLength(2);
  await writeFile(path, text.replace(from, to));
}

/** Applies a user's edit `[from, to]` to `text`, where `from` occurs exactly once. */
function applyEdit(text: string, [from, to]: readonly [string, string]): string {
  expect(text.split(from), from).toHaveLength(2);
  return text.replace(from, to);
}

/** The comments of a JSONC text (as its scanner sees them) or a TOML text (`#` to the end of a line, outside strings). */
function commentsOf(path: string, text: string): string[] {
  if (path.endsWith(".toml")) return [...text.matchAll(/^[^"#\n]*(#[^\n]*)$/gm)].map((match) => match[1]!);
  const out: string[] = [];
  visit(text, { onComment: (offset, length) => void out.push(text.slice(offset, offset + length)) }, { allowTrailingComma: true });
  return out;
}

describe("the user's own config files", () => {
  it.each(ROUND_TRIPS.map((trip) => [trip.profile, trip] as const))(
    "%s: deploy, user edit, redeploy of updated sources, undeploy: the file is byte-identical to the user's edited version",
    async (profile, trip) => {
      const c = await starter();
      await c.write("README.md", "# app\n");
      for (const file of trip.files) await c.write(file.path, file.original);
      const items = c.pick(...trip.artifacts);
      const projectBefore = await tree(c.project);

      expect(actions(await c.deployer().deploy(c.request(profile, SET_A, items)))).toEqual(Object.fromEntries(trip.artifacts.map((name) => [name, "created"])));
      for (const file of trip.files) {
        const text = await c.read(file.path);
        expect(parseConfig(file.path, text), file.path).toEqual(file.deployed(parseConfig(file.path, file.original) as Record<string, unknown>));
        // Our entries were inserted; every byte of the user's file is still there, in order, comments included.
        expect(onlyInsertedInto(file.original, text), `${file.path}:\n${text}`).toBe(true);
        expect(commentsOf(file.path, file.original), file.path).toHaveLength(file.comments);
        expect(commentsOf(file.path, text), file.path).toEqual(commentsOf(file.path, file.original));
      }

      // The user edits their own part of each file; the sources change.
      const edited = new Map<string, string>();
      for (const file of trip.files) {
        await c.write(file.path, applyEdit(await c.read(file.path), file.edit));
        edited.set(file.path, applyEdit(file.original, file.edit));
      }
      await trip.updateSources(c);
      expect(actions(await c.deployer().deploy(c.request(profile, SET_A, items)))).toEqual(Object.fromEntries(trip.artifacts.map((name) => [name, "updated"])));
      for (const file of trip.files) {
        const text = await c.read(file.path);
        expect(onlyInsertedInto(edited.get(file.path)!, text), `${file.path}:\n${text}`).toBe(true);
        expect(text).toContain(file.edit[1]);
        expect(text).toContain(file.updated);
      }

      expect(actions(await c.deployer().undeploy(c.undeployRequest(profile, SET_A)))).toEqual(Object.fromEntries(trip.artifacts.map((name) => [name, "removed"])));
      for (const file of trip.files) expect(await c.read(file.path), file.path).toBe(edited.get(file.path));
      // Nothing else is left: no scripts folder, tracking file or profile root the user did not have.
      const expectedTree = projectBefore.map((entry) => {
        const text = edited.get(entry.path);
        return text === undefined ? entry : { ...entry, content: Buffer.from(text).toString("base64") };
      });
      expect(await tree(c.project)).toEqual(expectedTree);
    },
  );

  it("a config file the deploy created is removed on undeploy, one the user had stays as it was", async () => {
    const c = await starter();
    await c.write(".mcp.json", CLAUDE_MCP);
    const before = await snapshotTree(c.project);
    const items = c.pick("guard-secrets", "github");
    await c.deployer().deploy(c.request("claude_code", SET_A, items));
    expect(jsonc(await c.read(".claude/settings.json"))).toEqual({
      hooks: { PreToolUse: [{ matcher: "Write|Edit|MultiEdit", hooks: [{ type: "command", command: GUARD_COMMAND, timeout: 10 }] }] },
    });
    expect(actions(await c.deployer().undeploy(c.undeployRequest("claude_code", SET_A)))).toEqual({ "guard-secrets": "removed", github: "removed" });
    // .claude/settings.json did not exist: it is gone, and with it .claude; .mcp.json is byte for byte the user's.
    const after = await snapshotTree(c.project);
    expect(after.map((entry) => entry.path)).toEqual([".mcp.json"]);
    expect(after[0]!.content).toBe(before[0]!.content);
  });

  it("a config file keeps its permission bits through a deploy and an undeploy (a 0600 file holding secrets stays 0600)", async () => {
    const c = await starter();
    await c.write(".mcp.json", CLAUDE_MCP);
    await chmod(join(c.project, ".mcp.json"), 0o600);
    const mode = async () => (await lstat(join(c.project, ".mcp.json"))).mode & 0o777;
    await c.deployer().deploy(c.request("claude_code", SET_A, c.pick("github")));
    expect(await mode()).toBe(0o600);
    await c.deployer().undeploy(c.undeployRequest("claude_code", SET_A));
    expect(await mode()).toBe(0o600);
    expect(await c.read(".mcp.json")).toBe(CLAUDE_MCP);
  });

  it("a config file the deploy created keeps what the user added to it after undeploy", async () => {
    const c = await starter();
    await c.deployer().deploy(c.request("claude_code", SET_A, c.pick("github")));
    const text = await c.read(".mcp.json");
    // The user adds their own server to the file the deploy created.
    await c.write(".mcp.json", text.replace('"mcpServers": {', '"mcpServers": {\n    "playwright": { "command": "npx", "args": ["@playwright/mcp@latest"] },'));
    expect(actions(await c.deployer().undeploy(c.undeployRequest("claude_code", SET_A)))).toEqual({ github: "removed" });
    expect(jsonc(await c.read(".mcp.json"))).toEqual({ mcpServers: { playwright: { command: "npx", args: ["@playwright/mcp@latest"] } } });
  });
});

// --- conflicts and unsafe files --------------------------------------------------------------------------------

interface ConfigCase {
  readonly profile: DeployProfile;
  readonly path: string;
  /** The user's file, holding a server named `github` that no deploy wrote. */
  readonly taken: string;
  /** The entry's dotted path in the hint. */
  readonly entry: string;
  /** A version that does not parse. */
  readonly broken: string;
  readonly artifact: string;
}

const CONFIG_CASES: readonly ConfigCase[] = [
  {
    profile: "claude_code",
    path: ".mcp.json",
    taken: `{\n  "mcpServers": {\n    "github": { "type": "http", "url": "https://api.githubcopilot.com/mcp/" },\n    "playwright": { "command": "npx", "args": ["@playwright/mcp@latest"] }\n  }\n}\n`,
    entry: "mcpServers.github",
    broken: `{\n  "mcpServers": {\n    "playwright": { "command": "npx" \n`,
    artifact: "github",
  },
  {
    profile: "gemini",
    path: ".gemini/settings.json",
    taken: `{\n  // mine\n  "mcpServers": {\n    "github": { "httpUrl": "https://api.githubcopilot.com/mcp/" }\n  },\n  "general": { "vimMode": true }\n}\n`,
    entry: "mcpServers.github",
    broken: `{ "general": { "vimMode": true } "mcpServers": {} }\n`,
    artifact: "github",
  },
  {
    profile: "cursor",
    path: ".cursor/mcp.json",
    taken: `{\n  "mcpServers": {\n    "github": { "url": "https://api.githubcopilot.com/mcp/", },\n  },\n}\n`,
    entry: "mcpServers.github",
    broken: `{ "mcpServers": [ }\n`,
    artifact: "github",
  },
  {
    profile: "codex",
    path: ".codex/config.toml",
    taken: `model = "o3"\n\n[mcp_servers.github]\nurl = "https://api.githubcopilot.com/mcp/"\nbearer_token_env_var = "GITHUB_PAT"\n`,
    entry: "mcp_servers.github",
    broken: `model = "o3"\n[mcp_servers.mine\ncommand = "uv"\n`,
    artifact: "github",
  },
];

/** The case's user file with the user's server named `mine` instead of `github`: nothing of ours is in it. */
function userFile(row: ConfigCase): string {
  return row.taken.replace(/github(?=["\]])/g, "mine");
}

describe("conflicts", () => {
  it.each(CONFIG_CASES.map((row) => [row.profile, row] as const))(
    "%s: a server of the same name the user wrote is a conflict; force replaces it after a byte-identical backup",
    async (profile, row) => {
      const c = await starter();
      await c.write(row.path, row.taken);
      const item = c.pick(row.artifact);
      const [result] = await c.deployer().deploy(c.request(profile, SET_A, item));
      expect(result).toMatchObject({ action: "conflict", status: "skipped", path: row.path });
      expect(result!.hint).toContain(row.entry);
      expect(result!.hint).toMatch(/force/);
      expect(await c.read(row.path)).toBe(row.taken);

      const planned = await c.deployer().plan(c.request(profile, SET_A, item, { force: true }));
      const forced = await c.deployer().deploy(c.request(profile, SET_A, item, { force: true }));
      expect(withoutBackup(forced)).toEqual(planned);
      expect(forced[0]).toMatchObject({ action: "overwritten", status: "success", path: row.path });
      const root = PROFILE_ROOTS[profile];
      expect(forced[0]!.backupPath).toMatch(new RegExp(`^${root.replace(".", "\\.")}/\\.deployment-sets/backups/[^/]+/${row.path.replace(/\./g, "\\.")}$`));
      expect(await c.read(forced[0]!.backupPath!)).toBe(row.taken);
      const servers = Object.values(parseConfig(row.path, await c.read(row.path)) as Record<string, Record<string, unknown>>).find(
        (value) => typeof value === "object" && value !== null && "github" in value,
      )!;
      expect(servers["github"]).toEqual(mcpOf(profile, "github")["github"]);
    },
  );

  it("claude_code: a hook group the user edited in settings.json is kept, never added a second time; force replaces it", async () => {
    const c = await starter();
    await c.deployer().deploy(c.request("claude_code", SET_A, c.pick("guard-secrets")));
    const edited = (await c.read(".claude/settings.json")).replace('"timeout": 10', '"timeout": 30');
    await c.write(".claude/settings.json", edited);
    const groups = async () => (jsonc(await c.read(".claude/settings.json")) as { hooks: { PreToolUse: { hooks: { timeout: number }[] }[] } }).hooks.PreToolUse;

    const again = await c.deployer().deploy(c.request("claude_code", SET_A, c.pick("guard-secrets")));
    expect(again).toEqual([expect.objectContaining({ action: "kept_local_changes", hint: expect.stringContaining("deploy with force") })]);
    expect(await c.read(".claude/settings.json")).toBe(edited);

    const forced = await c.deployer().deploy(c.request("claude_code", SET_A, c.pick("guard-secrets"), { force: true }));
    expect(forced).toEqual([expect.objectContaining({ action: "overwritten", backupPath: expect.stringMatching(/\.claude\/settings\.json$/) })]);
    expect((await groups()).map((group) => group.hooks[0]!.timeout)).toEqual([10]);
    expect(await c.read(forced[0]!.backupPath!)).toBe(edited);
  });

  it("claude_code: force over a hook whose script the user edited keeps a backup of the edited script", async () => {
    const c = await starter();
    const item = c.pick("guard-secrets");
    await c.deployer().deploy(c.request("claude_code", SET_A, item));
    const script = ".claude/hooks/guard-secrets/guard-secrets.sh";
    const edited = `${await c.read(script)}# our fixtures hold fake keys\n`;
    await c.write(script, edited);
    await editSource(c, "hooks/guard-secrets/hooks.json", '"timeout": 10', '"timeout": 30');

    const [kept] = await c.deployer().deploy(c.request("claude_code", SET_A, item));
    expect(kept).toMatchObject({ action: "kept_local_changes", path: ".claude/settings.json" });
    expect(await c.read(script)).toBe(edited);

    const [forced] = await c.deployer().deploy(c.request("claude_code", SET_A, item, { force: true }));
    expect(forced).toMatchObject({ action: "overwritten", status: "success", path: ".claude/settings.json" });
    expect(await c.read(script)).toBe(await readFile(join(c.collection, "hooks/guard-secrets/guard-secrets.sh"), "utf8"));
    // The user's edit was replaced: it must survive in the run's backup folder, at its path in the project.
    const folder = forced!.backupPath!.slice(0, -".claude/settings.json".length);
    expect(folder).toMatch(/^\.claude\/\.deployment-sets\/backups\/[^/]+\/$/);
    expect(await readFile(join(c.project, folder, script), "utf8").catch(() => null)).toBe(edited);
  });

  it.each([
    ...CONFIG_CASES.map((row) => [row.path, row.profile, row.broken, row.artifact] as const),
    [".claude/settings.json", "claude_code", `{\n    "hooks": {\n        "PreToolUse": [\n    }\n}\n`, "guard-secrets"] as const,
  ])("%s that does not parse: a conflict with the parse error, the file untouched, force too", async (path, profile, broken, name) => {
    const c = await starter();
    await c.write(path, broken);
    const items = c.pick(name, "api-design");
    for (const force of [false, true]) {
      const results = await c.deployer().deploy(c.request(profile, SET_A, items, { force }));
      expect(results[0]).toMatchObject({ artifactName: name, action: "conflict", status: "skipped", path });
      expect(results[0]!.hint).toMatch(new RegExp(`^${path.replace(/\./g, "\\.")} cannot be merged into and is left as it is: Invalid ${path.endsWith(".toml") ? "TOML" : "JSON"}`));
      // The rest of the deploy goes on.
      expect(results[1]).toMatchObject({ artifactName: "api-design", action: force ? "unchanged" : "created" });
      expect(await c.read(path)).toBe(broken);
    }
    // No record of the merged artifact, no backup.
    expect((await c.deployer().inventory(c.project, profile)).map((a) => a.artifactName)).toEqual(["api-design"]);
    expect((await snapshotTree(c.project)).filter((entry) => entry.path.includes("backups"))).toEqual([]);
  });
});

describe("symbolic links", () => {
  it.each(CONFIG_CASES.map((row) => [row.path, row] as const))("%s linking outside the project is refused, force too; nothing is written outside", async (_path, row) => {
    const c = await starter();
    const target = join(c.outside, "shared-config");
    await writeFile(target, userFile(row));
    await mkdir(dirname(join(c.project, row.path)), { recursive: true });
    await symlink(target, join(c.project, row.path));
    const outsideBefore = await snapshotTree(c.outside);
    for (const force of [false, true]) {
      const [result] = await c.deployer().deploy(c.request(row.profile, SET_A, c.pick(row.artifact), { force }));
      expect(["conflict", "error"]).toContain(result!.action);
      expect(result!.hint ?? result!.error).toMatch(/symbolic link/);
    }
    expect(await snapshotTree(c.outside)).toEqual(outsideBefore);
    expect(await readlink(join(c.project, row.path))).toBe(target);
  });

  it("an undeploy does not write through a config file replaced by a link leading outside", async () => {
    const c = await starter();
    await c.deployer().deploy(c.request("claude_code", SET_A, c.pick("github")));
    const target = join(c.outside, "mcp.json");
    await writeFile(target, await c.read(".mcp.json"));
    await rm(join(c.project, ".mcp.json"));
    await symlink(target, join(c.project, ".mcp.json"));
    const outsideBefore = await snapshotTree(c.outside);
    for (const force of [false, true]) {
      const [result] = await c.deployer().undeploy(c.undeployRequest("claude_code", SET_A, { force }));
      expect(result).toMatchObject({ artifactName: "github", action: "error", status: "failed" });
      expect(result!.error).toMatch(/symbolic link/);
    }
    expect(await snapshotTree(c.outside)).toEqual(outsideBefore);
  });
});

// --- concurrency -----------------------------------------------------------------------------------------------

/** `count` local servers named `<prefix>-<i>`, each its own MCP artifact. */
function servers(prefix: string, count: number): ExtraSource[] {
  return Array.from({ length: count }, (_, i) => ({
    type: "mcp" as const,
    name: `${prefix}-${i}`,
    files: { "mcp.json": JSON.stringify({ mcpServers: { [`${prefix}-${i}`]: { command: "npx", args: [`@acme/${prefix}-server@${i}.0.0`] } } }) },
  }));
}

describe("concurrent sets", () => {
  it.each(CONFIG_CASES.map((row) => [row.profile, row] as const))(
    "%s: two sets deployed at once by two deployers merge different servers into one file; both land, the file stays valid",
    async (profile, row) => {
      current = await StarterCase.create([...servers("alpha", 6), ...servers("beta", 6)]);
      const c = current;
      const user = userFile(row);
      await c.write(row.path, user);
      const alpha = c.pick(...servers("alpha", 6).map((s) => s.name));
      const beta = c.pick(...servers("beta", 6).map((s) => s.name));
      const first = c.deployer();
      const second = new FilesystemDeployer({ collectionRoot: c.collection, allowedRoots: [c.project] });
      const results = await Promise.all([
        first.deploy(c.request(profile, SET_A, alpha)),
        second.deploy(c.request(profile, SET_B, beta)),
        // The same deployer again, for the other set: serialised in process as well.
        first.deploy(c.request(profile, SET_B, beta)),
      ]);
      expect(results.flat().filter((r) => r.action !== "created" && r.action !== "unchanged")).toEqual([]);
      const key = profile === "codex" ? "mcp_servers" : "mcpServers";
      const serversOf = (text: string) => (parseConfig(row.path, text) as Record<string, Record<string, unknown>>)[key]!;
      const map = serversOf(await c.read(row.path));
      expect(Object.keys(map).sort()).toEqual([...Object.keys(serversOf(user)), ...alpha.map((a) => a.name), ...beta.map((b) => b.name)].sort());
      expect(map["beta-3"]).toEqual({ command: "npx", args: ["@acme/beta-server@3.0.0"] });
      expect(onlyInsertedInto(user, await c.read(row.path))).toBe(true);

      // Both sets undeployed at once: the user's file, byte for byte.
      const removed = await Promise.all([first.undeploy(c.undeployRequest(profile, SET_A)), second.undeploy(c.undeployRequest(profile, SET_B))]);
      expect(removed.flat().map((r) => r.action)).toEqual([...alpha, ...beta].map(() => "removed"));
      expect(await c.read(row.path)).toBe(user);
    },
  );
});
