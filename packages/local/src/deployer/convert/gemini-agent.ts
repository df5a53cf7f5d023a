import { parseDocument, Scalar, stringify } from "yaml";
import { ConversionError, droppedKeys, splitFrontMatter, withContext, type Conversion } from "./front-matter.js";

// Gemini CLI's agent name pattern: its front-matter schema rejects anything else.
const AGENT_NAME = /^[a-z0-9-_]+$/;

// Keys passed through when present (not null), in output order, with the check Gemini CLI's schema applies.
const PASSED: readonly (readonly [key: string, valid: (value: unknown) => boolean, what: string])[] = [
  ["display_name", (value) => typeof value === "string", "a string"],
  ["temperature", (value) => typeof value === "number" && Number.isFinite(value), "a number"],
  ["max_turns", (value) => Number.isSafeInteger(value) && (value as number) > 0, "a positive integer"],
  ["timeout_mins", (value) => Number.isSafeInteger(value) && (value as number) > 0, "a positive integer"],
];

/**
 * Converts a Claude Code subagent (markdown with front matter) to a Gemini CLI subagent
 * (`.gemini/agents/<name>.md`), whose front matter Gemini CLI validates strictly.
 *
 * - `name`: the front matter's when it matches `^[a-z0-9-_]+$`, else `name` when that does.
 * - `description`: the front matter's (required, a non-blank string).
 * - `display_name` (a string), `temperature` (a number), `max_turns` and `timeout_mins` (positive integers):
 *   passed through when present and not null.
 * - Every other key is dropped, `tools` and `model` included: they name Claude tools (Read, Grep, ...) and
 *   models (sonnet, ...), not Gemini's; `kind` too (the default, local, is what a Claude subagent is).
 * - The body follows unchanged.
 *
 * The front matter is written by the `yaml` package in YAML 1.1 mode, so strings a YAML 1.1 reader would take
 * for something else (`yes`, `2024-01-01`, ...) are quoted, and a single-line string a YAML 1.2 reader would
 * (`0o17`, ...) is double-quoted: Gemini CLI reads it with js-yaml, which mixes both.
 *
 * @param markdown - the Claude Code subagent file
 * @param name - the artifact's name: the agent's name when the front matter's is not a valid one
 * @returns the markdown text and the dropped front-matter keys
 * @throws ConversionError when the front matter is invalid, neither name is valid, the description is missing
 *   or blank, or a passed-through key has a value of the wrong type
 */
export function geminiAgentMarkdown(markdown: string, name: string): Conversion {
  return withContext(`Gemini agent ${JSON.stringify(name)}`, () => {
    const { data, body } = splitFrontMatter(markdown);
    const front: Record<string, unknown> = { name: agentName(data["name"], name) };
    const description = data["description"];
    if (typeof description !== "string" || description.trim() === "") {
      throw new ConversionError("a Gemini agent needs a description (a non-empty string in the front matter)");
    }
    front["description"] = description;
    for (const [key, valid, what] of PASSED) {
      const value = data[key];
      if (value === undefined || value === null) continue;
      if (!valid(value)) throw new ConversionError(`${key} must be ${what}, not ${JSON.stringify(value)}`);
      front[key] = value;
    }
    const kept = new Set(Object.keys(front).filter((key) => key !== "name" || front["name"] === data["name"]));
    const yaml = stringify(Object.fromEntries(Object.entries(front).map(([key, value]) => [key, quotedIfAmbiguous(value)])), {
      version: "1.1",
      lineWidth: 0,
    });
    const text = `---\n${yaml}---\n${body}`;
    return { text: text.endsWith("\n") ? text : `${text}\n`, dropped: droppedKeys(data, kept) };
  });
}

function agentName(own: unknown, artifact: string): string {
  if (typeof own === "string" && AGENT_NAME.test(own)) return own;
  if (AGENT_NAME.test(artifact)) return artifact;
  const why =
    own === undefined
      ? `the front matter has no name and the artifact name ${JSON.stringify(artifact)} is not`
      : `neither the front-matter name ${JSON.stringify(own)} nor the artifact name ${JSON.stringify(artifact)} is`;
  throw new ConversionError(`${why} a valid Gemini agent name (lowercase letters, digits, - and _)`);
}

/** A single-line string a YAML 1.2 reader would not read back as itself, as a double-quoted scalar. */
function quotedIfAmbiguous(value: unknown): unknown {
  if (typeof value !== "string" || value.includes("\n") || readsBack(value)) return value;
  const scalar = new Scalar(value);
  scalar.type = Scalar.QUOTE_DOUBLE;
  return scalar;
}

function readsBack(value: string): boolean {
  try {
    const document = parseDocument(value);
    return document.errors.length === 0 && document.warnings.length === 0 && document.toJS() === value;
  } catch {
    return false;
  }
}
