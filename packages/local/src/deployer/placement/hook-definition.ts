import { ArtifactFormatError } from "./artifact-format-error.js";

/** One hook group to merge: the event it belongs to and the group (`{ matcher?, hooks: [...] }`). */
export interface HookGroup {
  /** The event (`PreToolUse`, `PostToolUse`, `SessionStart`, ...). */
  readonly event: string;
  /** The matcher group, as written into the `hooks` map of `settings.json`. */
  readonly group: Readonly<Record<string, unknown>>;
}

/** The files a hook artifact may define its hooks in, in the order they are looked for. */
export const HOOK_DEFINITION_FILES = ["hooks.json", "settings.json"] as const;

/**
 * The groups of a hook artifact's definition: `hooks.json` (Claude Code's plugin format,
 * `{ "description"?, "hooks": { <event>: [groups] } }`) or SkillMeat's `settings.json` (`{ "hooks": {...} }`).
 * Commands and arguments that point into the artifact through the plugin convention `${CLAUDE_PLUGIN_ROOT}` (or
 * `$CLAUDE_PLUGIN_ROOT`) are rewritten to where its files are copied: `${CLAUDE_PROJECT_DIR}/<scriptsDir>`.
 *
 * @param text - the definition file's text
 * @param file - its name, for messages
 * @param scriptsDir - where the artifact's files are copied, relative to the project (`.claude/hooks/guard`)
 * @throws ArtifactFormatError when it is not such a document
 */
export function hookGroups(text: string, file: string, scriptsDir: string): HookGroup[] {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new ArtifactFormatError(`${file} does not parse: ${(error as Error).message}`);
  }
  const hooks = isObject(document) ? document["hooks"] : undefined;
  if (!isObject(hooks)) throw new ArtifactFormatError(`${file} has no "hooks" object`);
  const root = `\${CLAUDE_PROJECT_DIR}/${scriptsDir}`;
  const rewrite = (value: unknown) => (typeof value === "string" ? value.replace(/\$\{CLAUDE_PLUGIN_ROOT\}|\$CLAUDE_PLUGIN_ROOT\b/g, root) : value);
  const groups: HookGroup[] = [];
  for (const [event, list] of Object.entries(hooks)) {
    if (!Array.isArray(list)) throw new ArtifactFormatError(`${file}: hooks.${event} is not an array`);
    for (const group of list) {
      if (!isObject(group) || !Array.isArray(group["hooks"])) throw new ArtifactFormatError(`${file}: a group of hooks.${event} has no "hooks" array`);
      const handlers = group["hooks"].map((handler) => {
        if (!isObject(handler) || typeof handler["type"] !== "string") throw new ArtifactFormatError(`${file}: a hook of hooks.${event} has no "type"`);
        const out: Record<string, unknown> = { ...handler };
        if ("command" in out) out["command"] = rewrite(out["command"]);
        if (Array.isArray(out["args"])) out["args"] = out["args"].map(rewrite);
        return out;
      });
      groups.push({ event, group: { ...group, hooks: handlers } });
    }
  }
  if (groups.length === 0) throw new ArtifactFormatError(`${file} defines no hook`);
  return groups;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
