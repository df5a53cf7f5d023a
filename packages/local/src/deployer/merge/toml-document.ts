import { parse, TomlError } from "smol-toml";

// In-place edits of a TOML document: whole standard tables are appended at the end and cut out again, the text
// around them staying byte for byte. Removing an appended table gives back the text before the append, byte for
// byte, also when more tables were appended after it and removed in any order. The only state removal needs is
// kept in the text: a document that lacked a final line break ends without one after the append, too.

/** Text that does not parse as TOML, or a value this module cannot write. */
export class TomlDocumentError extends Error {
  /** Always `"TomlDocumentError"`. */
  override name = "TomlDocumentError";
}

/** A TOML document's tables (objects without a prototype), through smol-toml; `""` is `{}`. */
export function parseTomlDocument(text: string): Record<string, unknown> {
  try {
    return parse(text);
  } catch (error) {
    if (!(error instanceof TomlError)) throw error;
    const reason = error.message.split("\n")[0]?.replace(/^Invalid TOML document: /, "") ?? "";
    throw new TomlDocumentError(`Invalid TOML at line ${error.line}, column ${error.column}: ${reason}`);
  }
}

/**
 * The text of the standard table `[path]` holding `value`, one `key = value` line per entry (`undefined` entries
 * skipped), each line ending with `\n`. Strings, integers (safe `number`s or `bigint`s), finite floats, booleans,
 * arrays of strings and numbers, and objects of strings (written as inline tables, `env = { K = "v" }`) can be
 * written; keys are bare when they can be, quoted otherwise. Throws {@link TomlDocumentError} for any other value.
 */
export function tomlTableText(path: readonly string[], value: Record<string, unknown>): string {
  if (path.length === 0) throw new TomlDocumentError("A table needs a non-empty path");
  const lines = [`[${path.map(key).join(".")}]`];
  for (const [name, item] of Object.entries(value)) if (item !== undefined) lines.push(`${key(name)} = ${write(item, name)}`);
  return `${lines.join("\n")}\n`;
}

/**
 * Appends `tableText` (its line breaks turned into the document's) at the end of `text`, after exactly one blank
 * line (none in an empty document). Content without a final line break gets one, and the appended table then ends
 * without one, which is how {@link removeTomlTable} knows to restore that. Content that already ends with blank
 * lines keeps them, the separating blank line coming after. Throws {@link TomlDocumentError} unless the result is
 * valid TOML (an invalid document, a table already present).
 */
export function appendTomlTable(text: string, tableText: string): string {
  const eol = lineEnding(text);
  const table = tableText.replace(/\r?\n/g, eol).replace(/(?:\r?\n)?$/, eol);
  let result = text + eol + table;
  if (text === "") result = table;
  else if (!text.endsWith("\n")) result = text + eol + eol + table.slice(0, -eol.length);
  parseTomlDocument(result);
  return result;
}

/**
 * The span of the standard table whose header is exactly `path` (`[a."b.c"]`, `[ a . 'b.c' ] # comment`, …): from
 * the start of its header's line to the start of the next table or array-of-tables header's line, or the end of the
 * text. Lines inside multi-line strings and arrays are not headers. A header under an array of tables (`[a.b]` after
 * `[[a]]`) is a sub-table of that array's last element, not the table at `path`. `null` when there is none.
 */
export function findTomlTable(text: string, path: readonly string[]): { start: number; end: number } | null {
  const lines = scan(text);
  const index = tableLine(lines, path);
  if (index < 0) return null;
  const next = lines.findIndex((line, at) => at > index && line.header !== undefined);
  return { start: lines[index]?.start ?? 0, end: next < 0 ? text.length : (lines[next]?.start ?? text.length) };
}

/**
 * Removes the table at `path` (see {@link findTomlTable}) with the blank line that {@link appendTomlTable} put
 * before it, so removing an appended table restores the text before the append byte for byte. Comment lines
 * directly above the next header stay, as they describe that table. `null` when there is no such table.
 */
export function removeTomlTable(text: string, path: readonly string[]): string | null {
  const lines = scan(text);
  const index = tableLine(lines, path);
  if (index < 0) return null;
  const start = lines[index]?.start ?? 0;
  let next = lines.findIndex((line, at) => at > index && line.header !== undefined);
  if (next >= 0) {
    while (next - 1 > index && lines[next - 1]?.comment) next--;
    return text.slice(0, start) + text.slice(lines[next]?.start ?? text.length);
  }
  const eol = lineEnding(text);
  const before = text.slice(0, start);
  const separator = text.endsWith("\n") ? eol : eol + eol;
  return before.endsWith(eol + eol) ? before.slice(0, before.length - separator.length) : before;
}

type Delimiter = '"""' | "'''";
interface Line {
  readonly start: number;
  /** The header's keys, and whether it opens an array of tables; undefined for other lines. */
  readonly header?: { readonly path: readonly string[]; readonly array: boolean };
  /** A comment line outside any string. */
  readonly comment: boolean;
}

function tableLine(lines: readonly Line[], path: readonly string[]): number {
  const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((k, at) => k === b[at]);
  let underArray = false;
  for (const [index, { header }] of lines.entries()) {
    const prefix = header?.array === true && header.path.length < path.length;
    if (prefix && same(header.path, path.slice(0, header.path.length))) underArray = true;
    if (header && !header.array && !underArray && same(header.path, path)) return index;
  }
  return -1;
}

/** The lines of `text`, following multi-line strings and arrays (or inline tables) across lines. */
function scan(text: string): Line[] {
  const lines: Line[] = [];
  let open: Delimiter | undefined;
  let depth = 0;
  for (let start = 0; start < text.length; ) {
    const newline = text.indexOf("\n", start);
    const end = newline < 0 ? text.length : newline + 1;
    const line = text.slice(start, end);
    const header = open === undefined && depth === 0 ? parseHeader(line) : undefined;
    lines.push({ start, header, comment: open === undefined && /^[ \t]*#/.test(line) });
    if (header === undefined) [open, depth] = follow(line, open, depth);
    start = end;
  }
  return lines;
}

/** Follows one line's strings and brackets: the multi-line string open and the bracket depth at its end. */
function follow(line: string, opened: Delimiter | undefined, depth: number): [Delimiter | undefined, number] {
  let [open, level, at] = [opened, depth, 0];
  while (at < line.length) {
    if (open !== undefined) {
      const close = closing(line, at, open);
      if (close < 0) return [open, level];
      [open, at] = [undefined, close];
      continue;
    }
    const char = line[at] ?? "";
    if (char === "#") break;
    if (line.startsWith('"""', at) || line.startsWith("'''", at)) [open, at] = [line.slice(at, at + 3) as Delimiter, at + 3];
    else if (char === '"' || char === "'") at = closing(line, at + 1, char);
    else [level, at] = [level + ("[{".includes(char) ? 1 : "]}".includes(char) ? -1 : 0), at + 1];
    if (at < 0) break;
  }
  return [open, Math.max(level, 0)];
}

/** Where the string closed by `quote` (after `from`) ends in `line`: past up to two extra quotes for `"""`/`'''`. */
function closing(line: string, from: number, quote: string): number {
  for (let at = from; at < line.length; at++) {
    if (line[at] === "\\" && quote.startsWith('"')) at++;
    else if (line.startsWith(quote, at)) {
      let stop = at + quote.length;
      for (let extra = 0; extra < 2 && quote.length === 3 && line[stop] === quote[0]; extra++) stop++;
      return stop;
    }
  }
  return -1;
}

const HEADER = /^[ \t]*(\[\[?)/;

/** A `[key.key]` or `[[key.key]]` header line, possibly followed by a comment; undefined for any other line. */
function parseHeader(line: string): Line["header"] {
  const opening = HEADER.exec(line);
  if (opening === null) return undefined;
  const array = opening[1] === "[[";
  let at = opening[0].length;
  for (let char = line[at]; at >= 0 && char !== undefined && char !== "]"; char = line[at]) {
    at = char === '"' || char === "'" ? closing(line, at + 1, char) : at + 1;
  }
  const rest = at < 0 ? "" : line.slice(at);
  if (!(array ? /^\]\][ \t]*(#.*)?\r?\n?$/ : /^\][ \t]*(#.*)?\r?\n?$/).test(rest)) return undefined;
  const path: string[] = [];
  try {
    let table: unknown = parse(`${line.slice(opening[0].length, at)} = 0`);
    for (let keys = Object.keys(table as object); keys.length === 1; keys = Object.keys(table as object)) {
      path.push(keys[0] ?? "");
      table = (table as Record<string, unknown>)[keys[0] ?? ""];
      if (table === 0) return { path, array };
    }
  } catch {
    return undefined;
  }
  return undefined;
}

function lineEnding(text: string): string {
  return /\r?\n/.exec(text)?.[0] ?? "\n";
}

function key(name: string): string {
  return /^[A-Za-z0-9_-]+$/.test(name) ? name : basicString(name);
}

function write(value: unknown, name: string): string {
  const scalar = (item: unknown) =>
    typeof item === "string" ? basicString(item) : typeof item === "boolean" ? String(item) : number(item, name);
  if (typeof value !== "object" || value === null) return scalar(value);
  if (Array.isArray(value)) {
    if (!value.every((item) => typeof item === "string" || typeof item === "number")) throw unwritable(name);
    return `[${value.map(scalar).join(", ")}]`;
  }
  const entries = Object.entries(value);
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) throw unwritable(name);
  if (!entries.every(([, item]) => typeof item === "string")) throw unwritable(name);
  return entries.length === 0 ? "{}" : `{ ${entries.map(([k, item]) => `${key(k)} = ${scalar(item)}`).join(", ")} }`;
}

function number(value: unknown, name: string): string {
  if (typeof value === "bigint" && Number.isSafeInteger(Number(value))) return String(value);
  if (typeof value !== "number" || !Number.isFinite(value)) throw unwritable(name);
  if (Number.isInteger(value) && !Number.isSafeInteger(value)) throw unwritable(name);
  return String(value); // an integer, or a float with a fraction or an exponent
}

function unwritable(name: string): TomlDocumentError {
  return new TomlDocumentError(`The value of ${JSON.stringify(name)} cannot be written as TOML`);
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** A TOML basic string: quotes, backslashes and control characters (tab excepted) escaped. */
function basicString(value: string): string {
  if (LONE_SURROGATE.test(value)) throw new TomlDocumentError(`${JSON.stringify(value)} holds a lone surrogate`);
  // eslint-disable-next-line no-control-regex -- escaping control characters is the point
  const escaped = value.replace(/["\\\u0000-\u0008\u000a-\u001f\u007f]/g, (char) => {
    const short: Record<string, string> = { '"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\b": "\\b", "\f": "\\f" };
    return short[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
  return `"${escaped}"`;
}
