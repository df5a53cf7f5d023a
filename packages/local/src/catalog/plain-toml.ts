/**
 * A fast reader for plain TOML, the shape SkillMeat writes `collection.toml` in: `[table]`, `[parent.child]` and
 * `[[array]]` headers, bare keys, and values that are basic or literal one-line strings, decimal integers,
 * booleans or arrays of those. It returns `null` as soon as the text uses anything else (or anything invalid), and
 * the caller then parses the text with the full parser, which reads every TOML document and reports errors with
 * their line and column.
 *
 * Whatever it accepts it reads exactly as smol-toml does (tables are null-prototype objects; tested against
 * smol-toml on generated documents), about five times faster on a large collection: the full parser spends most of
 * a catalog load's parsing time on generality a machine-written file never uses.
 */

type Table = Record<string, unknown>;

/** Thrown inside the reader when the text leaves the plain subset; never escapes {@link parsePlainToml}. */
const NOT_PLAIN: unique symbol = Symbol("not plain TOML");

const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const QUOTE = 0x22;
const HASH = 0x23;
const APOSTROPHE = 0x27;
const COMMA = 0x2c;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;
const EQUALS = 0x3d;
const OPEN = 0x5b;
const BACKSLASH = 0x5c;
const CLOSE = 0x5d;
const DEL = 0x7f;
/** Decimal digits beyond which an integer might not be exact as a JavaScript number (the full parser decides). */
const MAX_DIGITS = 15;

/**
 * Reads `source` if it is plain TOML (see the module comment), else returns `null`.
 *
 * @param source - a TOML document
 * @returns the document's root table, or `null` when the full parser must read it
 *
 * @example
 * ```ts
 * const doc = parsePlainToml(text) ?? parse(text);
 * ```
 */
export function parsePlainToml(source: string): Table | null {
  try {
    return readPlainToml(source);
  } catch (error) {
    if (error === NOT_PLAIN) return null;
    throw error;
  }
}

// The reader's state lives in module variables and its steps are module functions, not an object's fields and
// methods: V8 discarded the optimized code of a per-call reader object's methods (and of per-call closures) at every
// full collection (`--trace-deopt`: "weak objects"), so a reload after one ran mostly unoptimized, two to three times
// slower. Module functions keep their code. The reader is synchronous and never re-entered, so one state suffices.
let text = "";
let at = 0;
let root: Table = {};
let current: Table = root;
/** The arrays `[[name]]` headers made (a `[name.child]` header continues their last table). */
let tableArrays = new WeakSet<unknown[]>();

/** Reads `source` with the state above, then lets go of it (whether or not the text was plain). */
function readPlainToml(source: string): Table {
  text = source;
  at = 0;
  root = {};
  current = root;
  tableArrays = new WeakSet();
  try {
    return read();
  } finally {
    text = "";
    root = current = {};
  }
}

function read(): Table {
  if (text.charCodeAt(0) === 0xfeff) notPlain();
  for (;;) {
    skipSpaces();
    if (at >= text.length) return root;
    const c = text.charCodeAt(at);
    if (c === LF || c === CR || c === HASH) {
      endOfLine();
      continue;
    }
    if (c === OPEN) header();
    else keyValue();
    endOfLine();
  }
}

/** `[a]`, `[a.b]` (a child of a table or of an array's last table) or `[[a]]`. */
function header(): void {
  at++;
  const isArray = text.charCodeAt(at) === OPEN;
  if (isArray) at++;
  const keys = [headerKey()];
  while (text.charCodeAt(at) === DOT) {
    at++;
    keys.push(headerKey());
  }
  expect(CLOSE);
  if (isArray) expect(CLOSE);
  const table: Table = {};
  if (isArray) {
    if (keys.length !== 1) notPlain();
    const key = keys[0]!;
    let list = root[key];
    if (list === undefined) {
      list = [];
      tableArrays.add(list as unknown[]);
      root[key] = list;
    } else if (!Array.isArray(list) || !tableArrays.has(list)) {
      notPlain();
    }
    (list as unknown[]).push(table);
  } else {
    let parent = root;
    for (let k = 0; k < keys.length - 1; k++) parent = tableAt(parent[keys[k]!]);
    define(parent, keys[keys.length - 1]!, table);
  }
  current = table;
}

/** The table a header's inner key names: a table, or the last table of a `[[...]]` array. */
function tableAt(value: unknown): Table {
  if (Array.isArray(value)) {
    if (!tableArrays.has(value)) notPlain();
    return value[value.length - 1] as Table;
  }
  if (typeof value !== "object" || value === null) notPlain();
  return value as Table;
}

function headerKey(): string {
  skipSpaces();
  const key = bareKey();
  skipSpaces();
  return key;
}

/** `key = value` into the current table. */
function keyValue(): void {
  const key = bareKey();
  skipSpaces();
  expect(EQUALS);
  skipSpaces();
  define(current, key, value());
}

/** A bare key: ASCII letters, digits, `_` and `-`. */
function bareKey(): string {
  const start = at;
  let pos = start;
  for (;;) {
    const c = text.charCodeAt(pos);
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= ZERO && c <= NINE) || c === 0x5f || c === 0x2d) pos++;
    else break;
  }
  if (pos === start) notPlain();
  at = pos;
  return text.slice(start, pos);
}

function value(): unknown {
  const c = text.charCodeAt(at);
  if (c === QUOTE) return basicString();
  if (c === APOSTROPHE) return literalString();
  if (c === OPEN) return array();
  if (c >= ZERO && c <= NINE) return integer();
  if (text.startsWith("true", at)) return word(4, true);
  if (text.startsWith("false", at)) return word(5, false);
  return notPlain();
}

/** A one-line basic string with the escapes TOML 1.0 defines. */
function basicString(): string {
  let pos = at + 1;
  if (text.charCodeAt(pos) === QUOTE && text.charCodeAt(pos + 1) === QUOTE) notPlain(); // multi-line
  let out = "";
  let start = pos;
  for (;;) {
    const c = text.charCodeAt(pos);
    if (c === QUOTE) {
      at = pos + 1;
      return out + text.slice(start, pos);
    }
    if (c === BACKSLASH) {
      out += text.slice(start, pos);
      const [char, length] = escape(text, pos + 1);
      out += char;
      pos += 1 + length;
      start = pos;
    } else if (isControl(c) || Number.isNaN(c)) {
      notPlain();
    } else {
      pos++;
    }
  }
}

/** A one-line literal string. */
function literalString(): string {
  const start = at + 1;
  if (text.charCodeAt(start) === APOSTROPHE && text.charCodeAt(start + 1) === APOSTROPHE) notPlain(); // multi-line
  let pos = start;
  for (;;) {
    const c = text.charCodeAt(pos);
    if (c === APOSTROPHE) break;
    if (isControl(c) || Number.isNaN(c)) notPlain();
    pos++;
  }
  at = pos + 1;
  return text.slice(start, pos);
}

/** An array over one or more lines, with comments and a trailing comma allowed. */
function array(): unknown[] {
  at++;
  const out: unknown[] = [];
  for (;;) {
    skipArraySpace();
    if (text.charCodeAt(at) === CLOSE) break;
    out.push(value());
    skipArraySpace();
    const c = text.charCodeAt(at);
    if (c === COMMA) at++;
    else if (c === CLOSE) break;
    else notPlain();
  }
  at++;
  return out;
}

/** A decimal integer without sign, underscores or leading zeros, small enough to be exact. */
function integer(): number {
  const start = at;
  let pos = start;
  while (pos < text.length && text.charCodeAt(pos) >= ZERO && text.charCodeAt(pos) <= NINE) pos++;
  if (pos - start > MAX_DIGITS || (text.charCodeAt(start) === ZERO && pos - start > 1)) notPlain();
  at = pos;
  expectValueEnd();
  return Number(text.slice(start, pos));
}

function word<T>(length: number, value: T): T {
  at += length;
  expectValueEnd();
  return value;
}

/** After a bare value (integer, boolean): a space, a newline, a comment, `,`, `]` or the end of the text. */
function expectValueEnd(): void {
  const c = text.charCodeAt(at);
  if (!(Number.isNaN(c) || c === SPACE || c === TAB || c === LF || c === CR || c === HASH || c === COMMA || c === CLOSE)) notPlain();
}

/** Spaces, tabs, then an optional comment, then a newline or the end of the text. */
function endOfLine(): void {
  skipSpaces();
  if (text.charCodeAt(at) === HASH) comment();
  const c = text.charCodeAt(at);
  if (c === LF) at++;
  else if (c === CR && text.charCodeAt(at + 1) === LF) at += 2;
  else if (at < text.length) notPlain();
}

/** A comment, up to (not including) the end of its line. */
function comment(): void {
  let pos = at + 1;
  for (;;) {
    const c = text.charCodeAt(pos);
    if (Number.isNaN(c) || c === LF || (c === CR && text.charCodeAt(pos + 1) === LF)) break;
    if (isControl(c)) notPlain();
    pos++;
  }
  at = pos;
}

/** Inside an array: spaces, tabs, newlines and comments. */
function skipArraySpace(): void {
  for (;;) {
    const c = text.charCodeAt(at);
    if (c === SPACE || c === TAB || c === LF) at++;
    else if (c === CR && text.charCodeAt(at + 1) === LF) at += 2;
    else if (c === HASH) comment();
    else return;
  }
}

function skipSpaces(): void {
  let c = text.charCodeAt(at);
  while (c === SPACE || c === TAB) c = text.charCodeAt(++at);
}

function expect(code: number): void {
  if (text.charCodeAt(at) !== code) notPlain();
  at++;
}


/** Sets a key that must be new (TOML forbids defining a key twice); `__proto__` is left to the full parser. */
function define(table: Table, key: string, value: unknown): void {
  if (key === "__proto__" || Object.hasOwn(table, key)) notPlain();
  table[key] = value;
}

/** The character an escape stands for and the escape's length after its backslash. */
function escape(text: string, pos: number): readonly [string, number] {
  switch (text.charCodeAt(pos)) {
    case 0x62: return ["\b", 1];
    case 0x74: return ["\t", 1];
    case 0x6e: return ["\n", 1];
    case 0x66: return ["\f", 1];
    case 0x72: return ["\r", 1];
    case QUOTE: return ['"', 1];
    case BACKSLASH: return ["\\", 1];
    case 0x75: return [codePoint(text, pos + 1, 4), 5];
    case 0x55: return [codePoint(text, pos + 1, 8), 9];
    default: return notPlain();
  }
}

/** The character of a `\u` or `\U` escape: exactly `digits` hex digits naming a Unicode scalar value. */
function codePoint(text: string, pos: number, digits: number): string {
  const hex = text.slice(pos, pos + digits);
  if (hex.length !== digits || !/^[0-9A-Fa-f]+$/.test(hex)) notPlain();
  const value = Number.parseInt(hex, 16);
  if (value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) notPlain();
  return String.fromCodePoint(value);
}

/** A control character TOML allows in no string or comment (every one below space but tab, and DEL). */
function isControl(c: number): boolean {
  return (c < SPACE && c !== TAB) || c === DEL;
}

function notPlain(): never {
  throw NOT_PLAIN;
}
