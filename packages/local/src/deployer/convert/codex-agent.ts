import { ConversionError, droppedKeys, splitFrontMatter, trimLeadingBlankLines, withContext, type Conversion } from "./front-matter.js";
import { tomlStringTable } from "./toml-string.js";

/**
 * Converts a Claude Code subagent (markdown with front matter) to a Codex custom agent
 * (`.codex/agents/<name>.toml`).
 *
 * - `name`: the front matter's, when a non-blank string; else `name`.
 * - `description`: the front matter's (required, a non-blank string).
 * - `developer_instructions`: the body without its leading blank lines (required, not blank).
 * - Every other front-matter key is dropped: `tools` and `model` name Claude tools and models, meaningless
 *   to Codex; `color` and the rest have no Codex equivalent.
 *
 * @param markdown - the Claude Code subagent file
 * @param name - the artifact's name: the agent's name when the front matter has none
 * @returns the TOML text and the dropped front-matter keys
 * @throws ConversionError when the front matter is invalid, the description is missing or blank, the body is
 *   blank, or there is no name at all
 */
export function codexAgentToml(markdown: string, name: string): Conversion {
  return withContext(`Codex agent ${JSON.stringify(name)}`, () => {
    const { data, body } = splitFrontMatter(markdown);
    const description = data["description"];
    if (!isNonBlank(description)) throw new ConversionError("a Codex agent needs a description (a non-empty string in the front matter)");
    const instructions = trimLeadingBlankLines(body);
    if (instructions.trim() === "") throw new ConversionError("a Codex agent needs developer instructions, and the body is empty");
    const ownName = data["name"];
    const agentName = isNonBlank(ownName) ? ownName : name;
    if (!isNonBlank(agentName)) throw new ConversionError("a Codex agent needs a name, and neither the front matter nor the artifact has one");
    const kept = new Set(agentName === ownName ? ["name", "description"] : ["description"]);
    const text = tomlStringTable([
      ["name", agentName],
      ["description", description],
      ["developer_instructions", instructions],
    ]);
    return { text, dropped: droppedKeys(data, kept) };
  });
}

function isNonBlank(value: unknown): value is string {
  return typeof value === "string" && value.trim() !== "";
}
