import { ConversionError, droppedKeys, splitFrontMatter, trimLeadingBlankLines, withContext, type Conversion } from "./front-matter.js";
import { tomlStringTable } from "./toml-string.js";

// Claude Code's single-argument placeholders: `$ARGUMENTS[N]` and its shorthand `$N` (not followed by a word
// character, as Claude Code matches them).
const POSITIONAL = /\$ARGUMENTS\[\d+\]|\$\d+(?!\w)/g;

/**
 * Converts a Claude Code custom command (markdown, optional front matter) to a Gemini CLI custom command
 * (`.gemini/commands/<name>.toml`).
 *
 * - `description`: the front matter's, when a non-blank string; omitted otherwise.
 * - `prompt`: the body without its leading blank lines, with every `$ARGUMENTS` replaced by `{{args}}`. Other
 *   text (including `!{...}` and `@{...}`, which Gemini CLI expands) is kept as is.
 * - Every other front-matter key (`argument-hint`, `allowed-tools`, `model`, ...) is dropped.
 *
 * @param markdown - the Claude Code command file
 * @param name - the command's name, for error messages
 * @returns the TOML text and the dropped front-matter keys
 * @throws ConversionError when the front matter is invalid, the body is blank, or the body uses a single
 *   argument (`$0`, `$ARGUMENTS[1]`, or a name declared in the front matter's `arguments`): Gemini CLI only has
 *   `{{args}}`, all arguments as typed
 */
export function geminiCommandToml(markdown: string, name: string): Conversion {
  return withContext(`Gemini command ${JSON.stringify(name)}`, () => {
    const { data, body } = splitFrontMatter(markdown);
    const prompt = trimLeadingBlankLines(body);
    if (prompt.trim() === "") throw new ConversionError("the command has no body, and a Gemini command needs a prompt");
    const positional = positionalPlaceholders(prompt, data["arguments"]);
    if (positional.length > 0) {
      throw new ConversionError(
        `${positional.join(", ")} ${positional.length === 1 ? "is a single-argument placeholder" : "are single-argument placeholders"}, ` +
          "which Gemini CLI commands cannot express (they only have {{args}}, all arguments as typed)",
      );
    }
    const fields: [string, string][] = [];
    const description = data["description"];
    if (typeof description === "string" && description.trim() !== "") fields.push(["description", description]);
    fields.push(["prompt", prompt.replaceAll("$ARGUMENTS", "{{args}}")]);
    return { text: tomlStringTable(fields), dropped: droppedKeys(data, new Set(fields.map(([key]) => key))) };
  });
}

/** The distinct single-argument placeholders in `prompt`, in order of first use. */
function positionalPlaceholders(prompt: string, declared: unknown): string[] {
  // Claude Code's `arguments` front-matter key names the positional arguments, each usable as `$name`.
  const names = typeof declared === "string" ? declared.split(/\s+/) : Array.isArray(declared) ? declared : [];
  const named = names.filter((n): n is string => typeof n === "string" && /^\w+$/.test(n) && n !== "ARGUMENTS");
  const pattern = named.length === 0 ? POSITIONAL : new RegExp(`${POSITIONAL.source}|\\$(?:${named.join("|")})(?![[\\w])`, "g");
  return [...new Set(Array.from(prompt.matchAll(pattern), ([match]) => match))];
}
