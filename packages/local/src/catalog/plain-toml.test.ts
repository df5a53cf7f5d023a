import fc from "fast-check";
import { parse } from "smol-toml";
import { describe, expect, it } from "vitest";
import { parsePlainToml } from "./plain-toml.js";

/** The full parser, as `parseCollection` calls it. */
function full(text: string): Record<string, unknown> {
  return parse(text, { unsafeKeyBehaviour: "drop" });
}

/** Tables as plain objects (the full parser's have no prototype), everything else as it is. */
function normalized(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalized);
  if (value instanceof Date || typeof value !== "object" || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, normalized(inner)]));
}

/** The fast path reads `text`, and exactly as the full parser does. */
function expectSameAsFull(text: string): void {
  const fast = parsePlainToml(text);
  expect(fast, "the fast path declined").not.toBeNull();
  expect(normalized(fast)).toStrictEqual(normalized(full(text)));
}

describe("parsePlainToml", () => {
  it("reads a collection as the full parser does", () => {
    expectSameAsFull(`# written by SkillMeat
[collection]
name = "default"
version = "1.0.0"

[[artifacts]]
name = "pdf"
type = "skill"
path = "skills/pdf/"
tags = ["docs", "pdf"]

[artifacts.metadata]
title = "PDF tools"
description = "Fills \\"forms\\"\\tand more: caf\\u00e9 \\U0001F600 \\\\ done"

[[artifacts]]
name = 'review'   # a literal string
type = "command"
tags = [
  "code",   # trailing comment
  'review',
]

[[groups]]
name = "Docs"
position = 3
enabled = true
members = ["skill:pdf", "command:review"]
nested = [[1, 2], [], ["a"]]
`);
  });

  it("reads CRLF line ends, indentation, spaces around dots and the edges of numbers", () => {
    expectSameAsFull(
      '  [ a ]\r\n\tx = 0\r\ny = 999999999999999\r\n[ a . b ]  # child\r\nz = false\r\n[[c]]\r\n[c.d]\r\n[[c]]\r\n[c.d]\r\ne = "é"',
    );
    expectSameAsFull("");
    expectSameAsFull("\n\n# only a comment\n");
  });

  it.each([
    ["a multi-line basic string", 'a = """x"""'],
    ["a multi-line literal string", "a = '''x'''"],
    ["an inline table", "a = { b = 1 }"],
    ["a dotted key", "a.b = 1"],
    ["a quoted key", '"a" = 1'],
    ["a float", "a = 1.5"],
    ["an exponent", "a = 1e3"],
    ["a date", "a = 1979-05-27"],
    ["a date-time", "a = 1979-05-27T07:32:00Z"],
    ["a signed integer", "a = -3"],
    ["a hex integer", "a = 0x1F"],
    ["an integer with underscores", "a = 1_000"],
    ["an integer of 16 digits", "a = 1000000000000000"],
    ["a dotted array header", "[[a.b]]"],
    ["a parent table defined after its child", "[a.b]\n[a]"],
    ["a byte order mark", "\uFEFFa = 1"],
    ["the escape \\e of TOML 1.1", 'a = "\\e"'],
    ["a __proto__ key", "__proto__ = 1"],
  ])("leaves %s to the full parser", (_what, text) => {
    expect(parsePlainToml(text)).toBeNull();
    expect(() => full(text)).not.toThrow();
  });

  it.each([
    ["a key defined twice", "a = 1\na = 2"],
    ["a table defined twice", "[a]\n[a]"],
    ["a table over an array of tables", "[[a]]\n[a]"],
    ["an array of tables over a static array", "a = []\n[[a]]"],
    ["a child table over a key", "[a]\nb = 1\n[a.b]"],
    ["an unterminated string", 'a = "x'],
    ["a newline in a string", 'a = "x\ny"'],
    ["a control character in a string", 'a = "x\u0001"'],
    ["a control character in a comment", "# x\u0007\na = 1"],
    ["a bare carriage return", "a = 1\rb = 2"],
    ["an unknown escape", 'a = "\\q"'],
    ["a surrogate escape", 'a = "\\uD800"'],
    ["a short unicode escape", 'a = "\\u12"'],
    ["a leading zero", "a = 007"],
    ["something after a value", 'a = "x" y'],
    ["a missing value", "a ="],
    ["a missing comma", "a = [1 2]"],
    ["a leading comma", "a = [,1]"],
    ["an unclosed header", "[a"],
    ["a spaced array header", "[ [a]]"],
    ["a key without a value", "a"],
  ])("leaves %s, an error, to the full parser", (_what, text) => {
    expect(parsePlainToml(text)).toBeNull();
    expect(() => full(text)).toThrow();
  });

  it("starts afresh after a document it gave up on half-way", () => {
    expect(parsePlainToml('[[artifacts]]\nname = "left over"\n[[groups]]\nname = """multi-line"""\n')).toBeNull();
    expect(normalized(parsePlainToml('[[groups]]\nname = "g"\n'))).toStrictEqual({ groups: [{ name: "g" }] });
  });

  it("reads every generated plain document as the full parser does", () => {
    fc.assert(fc.property(plainDocument(), expectSameAsFull), { numRuns: 300 });
  });

  it("never reads a generated document differently from the full parser", () => {
    let read = 0;
    fc.assert(
      fc.property(anyDocument(), (text) => {
        const fast = parsePlainToml(text);
        if (fast === null) return;
        read++;
        expect(normalized(fast)).toStrictEqual(normalized(full(text)));
      }),
      { numRuns: 1000 },
    );
    // The generator mixes plain and other lines; enough documents must be wholly plain for the check to bite.
    expect(read).toBeGreaterThan(50);
  });
});

// --- Generators ------------------------------------------------------------------------------------------------

const KEYS = ["a", "b", "name", "tags", "metadata", "artifacts", "x-y_1"] as const;
const key = fc.constantFrom(...KEYS);

/** Characters that are hard for a string reader: quotes, backslashes, controls, non-ASCII, TOML punctuation. */
const hardChar = fc.constantFrom('"', "'", "\\", "\t", "\n", "\r", "\u0000", "\u0008", "\u007f", "é", "😀", "#", "[", "]", ",", "=", " ");
const text = fc.array(fc.oneof(hardChar, fc.string({ maxLength: 3 })), { maxLength: 6 }).map((parts) => parts.join(""));

function isControlChar(char: string): boolean {
  const code = char.codePointAt(0)!;
  return code < 0x20 || code === 0x7f;
}

/** TOML's escaping of a basic string, with some characters escaped without need (`\u`, `\U`). */
function escaped(value: string, escapeAll: boolean): string {
  let out = "";
  for (const char of value) {
    const code = char.codePointAt(0)!;
    if (char === '"' || char === "\\") out += `\\${char}`;
    else if (char === "\n") out += "\\n";
    else if (char === "\t" && escapeAll) out += "\\t";
    else if (char === "\r") out += "\\r";
    else if (char === "\b") out += "\\b";
    else if (char === "\f") out += "\\f";
    else if (isControlChar(char) && char !== "\t") out += `\\u${code.toString(16).padStart(4, "0")}`;
    else if (code > 0xffff && escapeAll) out += `\\U${code.toString(16).padStart(8, "0")}`;
    else if (code > 0x7f && escapeAll) out += `\\u${code.toString(16).padStart(4, "0").toUpperCase()}`;
    else out += char;
  }
  return `"${out}"`;
}

/** Values the fast path reads. */
function plainValue(depth = 0): fc.Arbitrary<string> {
  const scalars = [
    fc.tuple(text, fc.boolean()).map(([value, all]) => escaped(value, all)),
    text.filter((value) => ![...value].some((char) => char === "'" || (isControlChar(char) && char !== "\t"))).map((value) => `'${value}'`),
    fc.integer({ min: 0, max: 999_999_999_999_999 }).map(String),
    fc.constantFrom("true", "false"),
  ];
  if (depth >= 2) return fc.oneof(...scalars);
  const array = fc
    .tuple(fc.array(plainValue(depth + 1), { maxLength: 4 }), fc.boolean(), fc.constantFrom(" ", "\n  ", " # note\n  ", "\r\n"))
    .map(([items, trailing, gap]) => `[${gap}${items.join(`,${gap}`)}${trailing && items.length > 0 ? "," : ""}${gap}]`);
  return fc.oneof(...scalars, array);
}

/** A valid document of plain TOML: root keys, a table, and arrays of tables with child tables. */
function plainDocument(): fc.Arbitrary<string> {
  const pairs = fc.uniqueArray(fc.tuple(key, plainValue()), { selector: ([name]) => name, maxLength: 4 });
  const body = (lines: [string, string][], eol: string, comment: boolean) =>
    lines.map(([name, value]) => `${name} = ${value}${comment ? " # c" : ""}${eol}`).join("");
  const entry = fc.tuple(pairs, fc.option(pairs, { nil: undefined }));
  return fc
    .tuple(pairs, pairs, fc.array(entry, { maxLength: 4 }), fc.constantFrom("\n", "\r\n"), fc.boolean())
    .map(([root, collection, entries, eol, comment]) => {
      let out = body(root, eol, comment) + `${eol}[collection]${eol}` + body(collection, eol, comment);
      for (const [fields, metadata] of entries) {
        out += `${eol}[[entries]]${eol}${body(fields, eol, comment)}`;
        if (metadata) out += `[entries.sub]${eol}${body(metadata, eol, comment)}`;
      }
      return out;
    });
}

/** Any line: plain ones, other TOML, and broken TOML. */
const anyLine: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.tuple(key, plainValue()).map(([name, value]) => `${name} = ${value}`), weight: 6 },
  { arbitrary: key.map((name) => `[${name}]`), weight: 2 },
  { arbitrary: fc.tuple(key, key).map(([a, b]) => `[${a}.${b}]`), weight: 2 },
  { arbitrary: key.map((name) => `[[${name}]]`), weight: 2 },
  {
    arbitrary: fc.tuple(
      key,
      fc.oneof(
        text.map((value) => `"${value}"`),
        text.map((value) => `'${value}'`),
        fc.constantFrom('"""x"""', "{ a = 1 }", "1.5", "-1", "1_0", "0x10", "007", "1979-05-27", "2024-01-01T00:00:00Z", "tru", "[1,,2]", '"\\e"', '"\\uD800"', '"\\U00110000"'),
      ),
    ).map(([name, value]) => `${name} = ${value}`),
    weight: 3,
  },
  { arbitrary: fc.constantFrom("a.b = 1", '"q" = 1', "__proto__ = 1", "[[a.b]]", "[ a .b ]", "# comment", "", "  ", "[a", "= 1"), weight: 2 },
);

function anyDocument(): fc.Arbitrary<string> {
  return fc
    .tuple(fc.array(anyLine, { maxLength: 8 }), fc.constantFrom("\n", "\r\n", "\r"))
    .map(([lines, eol]) => lines.join(eol));
}
