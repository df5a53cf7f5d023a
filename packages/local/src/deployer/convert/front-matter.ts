import { parseDocument } from "yaml";

/** A Claude Code artifact cannot be converted for another assistant; the message says why, in one line. */
export class ConversionError extends Error {
  /** Always `"ConversionError"`. */
  override name = "ConversionError";
}

/** A converted artifact: the file's text and the front-matter keys that did not make it into the file. */
export interface Conversion {
  /** The converted file: LF line endings and a final newline; the same input gives the same bytes. */
  readonly text: string;
  /** Front-matter keys whose values are not in `text`, sorted by UTF-16 code units. */
  readonly dropped: string[];
}

/** A markdown file split into its YAML front matter and the text after it. */
export interface FrontMatter {
  /** The front matter's keys and values (`{}` when there is none or it is empty). */
  readonly data: Record<string, unknown>;
  /** The text after the closing `---` line (the whole text when there is no front matter), with LF line endings. */
  readonly body: string;
  /** Whether the text starts with a `---` line. */
  readonly hasFrontMatter: boolean;
}

const OPENING = /^---[ \t]*(?:\n|$)/;
const CLOSING = /^---[ \t]*$/m;

/**
 * Splits a markdown file into its YAML front matter and body. Front matter is a `---` first line, YAML, then a
 * `---` line (trailing spaces allowed on both). A leading byte-order mark is removed and CRLF line endings
 * become LF, in the body too.
 *
 * @param text - the file's text
 * @throws ConversionError when the front matter is never closed, is not valid YAML, or is not a mapping
 */
export function splitFrontMatter(text: string): FrontMatter {
  const lf = (text.startsWith("\uFEFF") ? text.slice(1) : text).replace(/\r\n/g, "\n");
  const opening = OPENING.exec(lf);
  if (opening === null) return { data: {}, body: lf, hasFrontMatter: false };
  const rest = lf.slice(opening[0].length);
  const closing = CLOSING.exec(rest);
  if (closing === null) throw new ConversionError("the front matter opened on line 1 is never closed by a --- line");
  const after = rest.slice(closing.index + closing[0].length);
  return { data: parseMapping(rest.slice(0, closing.index)), body: after.startsWith("\n") ? after.slice(1) : after, hasFrontMatter: true };
}

function parseMapping(source: string): Record<string, unknown> {
  const document = parseDocument(source);
  const [error] = document.errors;
  if (error !== undefined) {
    // The message's first line, with the position counted in the file (the YAML starts on line 2).
    const what = (error.message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+:?$/, "");
    const at = error.linePos?.[0];
    throw new ConversionError(`the front matter is not valid YAML: ${what}${at ? ` (line ${at.line + 1}, column ${at.col})` : ""}`);
  }
  let value: unknown;
  try {
    value = document.toJS();
  } catch (cause) {
    throw new ConversionError(`the front matter is not valid YAML: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
  if (value === null || value === undefined) return {};
  if (typeof value !== "object" || Array.isArray(value)) {
    throw new ConversionError(`the front matter must be a mapping of keys to values, not ${Array.isArray(value) ? "a list" : `a ${typeof value}`}`);
  }
  return value as Record<string, unknown>;
}

/**
 * The front-matter keys not in `kept`, sorted by UTF-16 code units (locale-independent, so output is stable).
 *
 * @param data - parsed front matter
 * @param kept - the keys whose values were carried over
 */
export function droppedKeys(data: Record<string, unknown>, kept: ReadonlySet<string>): string[] {
  return Object.keys(data)
    .filter((key) => !kept.has(key))
    .sort();
}

/**
 * Runs a conversion, prefixing any ConversionError's message with what was being converted.
 *
 * @param context - e.g. `Gemini command "review"`
 * @param convert - the conversion
 */
export function withContext<T>(context: string, convert: () => T): T {
  try {
    return convert();
  } catch (error) {
    if (error instanceof ConversionError) throw new ConversionError(`${context}: ${error.message}`, { cause: error });
    throw error;
  }
}

/**
 * The text without its leading blank (empty or whitespace-only) lines.
 *
 * @param text - LF text
 */
export function trimLeadingBlankLines(text: string): string {
  return text.replace(/^(?:[ \t]*\n)+/, "");
}
