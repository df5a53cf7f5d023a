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
 * Reads `text` if it is plain TOML (see the module comment), else returns `null`.
 *
 * @param text - a TOML document
 * @returns the document's root table, or `null` when the full parser must read it
 *
 * @example
 * ```ts
 * const doc = parsePlainToml(text) ?? parse(text);
 * ```
 */
export function parsePlainToml(text: string): Table | null {
  try {
    return new PlainTomlReader(text).read();
  } catch (error) {
    if (error === NOT_PLAIN) return null;
    throw error;
  }
}

class PlainTomlReader {
  readonly #text: string;
  #pos = 0;
  readonly #root: Table = {};
  #current: Table = this.#root;
  /** The arrays `[[name]]` headers made (a `[name.child]` header continues their last table). */
  readonly #tableArrays = new WeakSet<unknown[]>();

  constructor(text: string) {
    this.#text = text;
  }

  read(): Table {
    const text = this.#text;
    if (text.charCodeAt(0) === 0xfeff) notPlain();
    for (;;) {
      this.#skipSpaces();
      if (this.#pos >= text.length) return this.#root;
      const c = text.charCodeAt(this.#pos);
      if (c === LF || c === CR || c === HASH) {
        this.#endOfLine();
        continue;
      }
      if (c === OPEN) this.#header();
      else this.#keyValue();
      this.#endOfLine();
    }
  }

  /** `[a]`, `[a.b]` (a child of a table or of an array's last table) or `[[a]]`. */
  #header(): void {
    const text = this.#text;
    this.#pos++;
    const isArray = text.charCodeAt(this.#pos) === OPEN;
    if (isArray) this.#pos++;
    const keys = [this.#headerKey()];
    while (text.charCodeAt(this.#pos) === DOT) {
      this.#pos++;
      keys.push(this.#headerKey());
    }
    this.#expect(CLOSE);
    if (isArray) this.#expect(CLOSE);
    const table: Table = {};
    if (isArray) {
      if (keys.length !== 1) notPlain();
      const key = keys[0]!;
      let list = this.#root[key];
      if (list === undefined) {
        list = [];
        this.#tableArrays.add(list as unknown[]);
        this.#root[key] = list;
      } else if (!Array.isArray(list) || !this.#tableArrays.has(list)) {
        notPlain();
      }
      (list as unknown[]).push(table);
    } else {
      let parent = this.#root;
      for (let k = 0; k < keys.length - 1; k++) parent = this.#tableAt(parent[keys[k]!]);
      define(parent, keys[keys.length - 1]!, table);
    }
    this.#current = table;
  }

  /** The table a header's inner key names: a table, or the last table of a `[[...]]` array. */
  #tableAt(value: unknown): Table {
    if (Array.isArray(value)) {
      if (!this.#tableArrays.has(value)) notPlain();
      return value[value.length - 1] as Table;
    }
    if (typeof value !== "object" || value === null) notPlain();
    return value as Table;
  }

  #headerKey(): string {
    this.#skipSpaces();
    const key = this.#bareKey();
    this.#skipSpaces();
    return key;
  }

  /** `key = value` into the current table. */
  #keyValue(): void {
    const key = this.#bareKey();
    this.#skipSpaces();
    this.#expect(EQUALS);
    this.#skipSpaces();
    define(this.#current, key, this.#value());
  }

  /** A bare key: ASCII letters, digits, `_` and `-`. */
  #bareKey(): string {
    const text = this.#text;
    const start = this.#pos;
    let pos = start;
    for (;;) {
      const c = text.charCodeAt(pos);
      if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= ZERO && c <= NINE) || c === 0x5f || c === 0x2d) pos++;
      else break;
    }
    if (pos === start) notPlain();
    this.#pos = pos;
    return text.slice(start, pos);
  }

  #value(): unknown {
    const text = this.#text;
    const c = text.charCodeAt(this.#pos);
    if (c === QUOTE) return this.#basicString();
    if (c === APOSTROPHE) return this.#literalString();
    if (c === OPEN) return this.#array();
    if (c >= ZERO && c <= NINE) return this.#integer();
    if (text.startsWith("true", this.#pos)) return this.#word(4, true);
    if (text.startsWith("false", this.#pos)) return this.#word(5, false);
    return notPlain();
  }

  /** A one-line basic string with the escapes TOML 1.0 defines. */
  #basicString(): string {
    const text = this.#text;
    let pos = this.#pos + 1;
    if (text.charCodeAt(pos) === QUOTE && text.charCodeAt(pos + 1) === QUOTE) notPlain(); // multi-line
    let out = "";
    let start = pos;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === QUOTE) {
        this.#pos = pos + 1;
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
  #literalString(): string {
    const text = this.#text;
    const start = this.#pos + 1;
    if (text.charCodeAt(start) === APOSTROPHE && text.charCodeAt(start + 1) === APOSTROPHE) notPlain(); // multi-line
    let pos = start;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === APOSTROPHE) break;
      if (isControl(c) || Number.isNaN(c)) notPlain();
      pos++;
    }
    this.#pos = pos + 1;
    return text.slice(start, pos);
  }

  /** An array over one or more lines, with comments and a trailing comma allowed. */
  #array(): unknown[] {
    const text = this.#text;
    this.#pos++;
    const out: unknown[] = [];
    for (;;) {
      this.#skipArraySpace();
      if (text.charCodeAt(this.#pos) === CLOSE) break;
      out.push(this.#value());
      this.#skipArraySpace();
      const c = text.charCodeAt(this.#pos);
      if (c === COMMA) this.#pos++;
      else if (c === CLOSE) break;
      else notPlain();
    }
    this.#pos++;
    return out;
  }

  /** A decimal integer without sign, underscores or leading zeros, small enough to be exact. */
  #integer(): number {
    const text = this.#text;
    const start = this.#pos;
    let pos = start;
    while (pos < text.length && text.charCodeAt(pos) >= ZERO && text.charCodeAt(pos) <= NINE) pos++;
    if (pos - start > MAX_DIGITS || (text.charCodeAt(start) === ZERO && pos - start > 1)) notPlain();
    this.#pos = pos;
    this.#expectValueEnd();
    return Number(text.slice(start, pos));
  }

  #word<T>(length: number, value: T): T {
    this.#pos += length;
    this.#expectValueEnd();
    return value;
  }

  /** After a bare value (integer, boolean): a space, a newline, a comment, `,`, `]` or the end of the text. */
  #expectValueEnd(): void {
    const c = this.#text.charCodeAt(this.#pos);
    if (!(Number.isNaN(c) || c === SPACE || c === TAB || c === LF || c === CR || c === HASH || c === COMMA || c === CLOSE)) notPlain();
  }

  /** Spaces, tabs, then an optional comment, then a newline or the end of the text. */
  #endOfLine(): void {
    const text = this.#text;
    this.#skipSpaces();
    if (text.charCodeAt(this.#pos) === HASH) this.#comment();
    const c = text.charCodeAt(this.#pos);
    if (c === LF) this.#pos++;
    else if (c === CR && text.charCodeAt(this.#pos + 1) === LF) this.#pos += 2;
    else if (this.#pos < text.length) notPlain();
  }

  /** A comment, up to (not including) the end of its line. */
  #comment(): void {
    const text = this.#text;
    let pos = this.#pos + 1;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (Number.isNaN(c) || c === LF || (c === CR && text.charCodeAt(pos + 1) === LF)) break;
      if (isControl(c)) notPlain();
      pos++;
    }
    this.#pos = pos;
  }

  /** Inside an array: spaces, tabs, newlines and comments. */
  #skipArraySpace(): void {
    const text = this.#text;
    for (;;) {
      const c = text.charCodeAt(this.#pos);
      if (c === SPACE || c === TAB || c === LF) this.#pos++;
      else if (c === CR && text.charCodeAt(this.#pos + 1) === LF) this.#pos += 2;
      else if (c === HASH) this.#comment();
      else return;
    }
  }

  #skipSpaces(): void {
    const text = this.#text;
    let c = text.charCodeAt(this.#pos);
    while (c === SPACE || c === TAB) c = text.charCodeAt(++this.#pos);
  }

  #expect(code: number): void {
    if (this.#text.charCodeAt(this.#pos) !== code) notPlain();
    this.#pos++;
  }
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
