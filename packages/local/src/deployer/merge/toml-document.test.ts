import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  TomlDocumentError,
  appendTomlTable,
  findTomlTable,
  parseTomlDocument,
  removeTomlTable,
  tomlTableText,
} from "./toml-document.js";

const PATH = ["mcp_servers", "ds"];
const SERVER = { command: "npx", args: ["-y", "@acme/mcp"], env: { TOKEN: "t", "X.Y": "1" }, startup_timeout_sec: 20, enabled: true };
const OTHER = { command: "uvx", args: [] };

/** Plain objects and arrays, as compared with what smol-toml returns (objects without a prototype). */
const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/** `value` without the table at `path` (and parents left empty). */
function without(value: unknown, path: readonly string[]): unknown {
  const copy = plain(value) as Record<string, Record<string, unknown>>;
  const [first = "", second = ""] = path;
  if (copy[first] !== undefined) delete copy[first][second];
  if (copy[first] !== undefined && Object.keys(copy[first]).length === 0) delete copy[first];
  return copy;
}

interface Case {
  readonly name: string;
  readonly text: string;
  /** The exact text after appending `[mcp_servers.ds]` with `command = "x"`, when the case pins it. */
  readonly appended?: string;
}

const cases: readonly Case[] = [
  { name: "empty file", text: "", appended: '[mcp_servers.ds]\ncommand = "x"\n' },
  { name: "blank line only", text: "\n", appended: '\n\n[mcp_servers.ds]\ncommand = "x"\n' },
  { name: "keys", text: 'model = "o3"\n', appended: 'model = "o3"\n\n[mcp_servers.ds]\ncommand = "x"\n' },
  { name: "no final newline", text: 'model = "o3"', appended: 'model = "o3"\n\n[mcp_servers.ds]\ncommand = "x"' },
  { name: "trailing blank lines", text: 'model = "o3"\n\n', appended: 'model = "o3"\n\n\n[mcp_servers.ds]\ncommand = "x"\n' },
  { name: "comments", text: '# Codex\nmodel = "o3" # the model\n\n# servers\n[mcp_servers.other] # other\ncommand = "o"\n# the end\n' },
  { name: "comment last, no final newline", text: "[profiles.a]\nmodel = \"o3\"\n# the end" },
  { name: "other tables", text: '[mcp_servers.other]\ncommand = "o"\n\n[profiles.fast]\nmodel = "o4-mini"\n' },
  { name: "parent table present", text: '[mcp_servers]\n\n[mcp_servers.other]\ncommand = "o"\n' },
  { name: "array of tables", text: '[[hooks]]\nname = "a"\n\n[hooks.env]\nK = "v"\n\n[[hooks]]\nname = "b"\n' },
  { name: "multi-line basic string with a header line", text: 'notes = """\n[mcp_servers.ds]\ncommand = "fake"\n"""\n' },
  { name: "multi-line literal string with a header line", text: "notes = '''\n[mcp_servers.ds]\n'''\n" },
  { name: "multi-line array with bracketed lines", text: 'matrix = [\n  ["mcp_servers"],\n  [1, 2],\n]\n' },
  { name: "CRLF", text: 'model = "o3"\r\n\r\n[mcp_servers.other]\r\ncommand = "o"\r\n', appended: 'model = "o3"\r\n\r\n[mcp_servers.other]\r\ncommand = "o"\r\n\r\n[mcp_servers.ds]\r\ncommand = "x"\r\n' },
  { name: "CRLF, no final newline", text: 'model = "o3"\r\n[a]\r\nb = 1', appended: 'model = "o3"\r\n[a]\r\nb = 1\r\n\r\n[mcp_servers.ds]\r\ncommand = "x"' },
];

describe("appendTomlTable, findTomlTable and removeTomlTable", () => {
  describe.each(cases)("$name", ({ text, appended }) => {
    it("appends one table after one blank line", () => {
      const result = appendTomlTable(text, tomlTableText(PATH, { command: "x" }));
      if (appended !== undefined) expect(result).toBe(appended);
      const eol = text.includes("\r\n") ? "\r\n" : "\n";
      expect(result.startsWith(text)).toBe(true);
      const span = findTomlTable(result, PATH);
      expect(span).toEqual({ start: text === "" ? 0 : text.length + (text.endsWith("\n") ? eol.length : 2 * eol.length), end: result.length });
      expect(result.slice(0, span?.start).endsWith(`${eol}${eol}`) || text === "").toBe(true);
    });

    it("writes the value given and keeps every other", () => {
      const result = appendTomlTable(text, tomlTableText(PATH, SERVER));
      const parsed = parseTomlDocument(result) as { mcp_servers: Record<string, unknown> };
      expect(plain(parsed.mcp_servers["ds"])).toEqual(SERVER);
      expect(without(parsed, PATH)).toEqual(plain(parseTomlDocument(text)));
    });

    it("restores the bytes when the table is removed", () => {
      expect(findTomlTable(text, PATH)).toBeNull();
      expect(removeTomlTable(text, PATH)).toBeNull();
      expect(removeTomlTable(appendTomlTable(text, tomlTableText(PATH, SERVER)), PATH)).toBe(text);
    });

    it.each([false, true])("appends two tables and removes them (reverse: %s)", (reverse) => {
      const [first, second] = [tomlTableText(PATH, SERVER), tomlTableText(["mcp_servers", "my.server"], OTHER)];
      const both = appendTomlTable(appendTomlTable(text, first), second);
      const [gone, kept] = reverse ? [["mcp_servers", "my.server"], PATH] : [PATH, ["mcp_servers", "my.server"]];
      const one = removeTomlTable(both, gone) ?? "";
      expect(one).toBe(appendTomlTable(text, reverse ? first : second));
      expect(removeTomlTable(one, kept)).toBe(text);
    });
  });

  it("finds a table whatever the spelling of its header", () => {
    const texts = [
      '[mcp_servers.ds]\ncommand = "x"\n',
      '[ mcp_servers . ds ]\ncommand = "x"\n',
      "[\"mcp_servers\".'ds'] # ours\ncommand = \"x\"\n",
      '\t[mcp_servers."ds"]   \ncommand = "x"\n',
    ];
    for (const text of texts) expect(findTomlTable(text, PATH)).toEqual({ start: 0, end: text.length });
    expect(findTomlTable('[mcp_servers."my.server"]\n', ["mcp_servers", "my.server"])).toEqual({ start: 0, end: 26 });
    expect(findTomlTable('[a."]#["]\nk = 1\n', ["a", "]#["])).toEqual({ start: 0, end: 16 });
    expect(findTomlTable("[mcp_servers.ds.env]\n[mcp_servers]\n", PATH)).toBeNull();
  });

  it("ends a table at the next table or array-of-tables header", () => {
    const text = 'a = 1\n[mcp_servers.ds]\ncommand = "x" # [not.a.header]\nk = "[b]"\n\n[[rules]]\nn = 1\n';
    expect(findTomlTable(text, PATH)).toEqual({ start: 6, end: text.indexOf("[[rules]]") });
    expect(removeTomlTable(text, PATH)).toBe("a = 1\n[[rules]]\nn = 1\n");
    const sub = '[mcp_servers.ds]\ncommand = "x"\n[mcp_servers.ds.env]\nK = "v"\n';
    expect(findTomlTable(sub, PATH)).toEqual({ start: 0, end: sub.indexOf("[mcp_servers.ds.env]") });
  });

  it.each([
    ['a = """\n[mcp_servers.ds]\n"""\n', PATH, false],
    ['a = """ \\""" still open\n[mcp_servers.ds]\n"""\n', PATH, false],
    ['a = """x""""\n[mcp_servers.ds]\n', PATH, true],
    ['a = """x"""""\n[mcp_servers.ds]\n', PATH, true],
    ["a = '''\n\"\"\"\n[mcp_servers.ds]\n'''\n", PATH, false],
    ["a = '''x'''''\n[mcp_servers.ds]\n", PATH, true],
    ['a = "\\"\\"\\"" # """\n[mcp_servers.ds]\n', PATH, true],
    ["a = 'C:\\' # '''\n[mcp_servers.ds]\n", PATH, true],
    ['a = [\n["mcp_servers", "ds"],\n["y"]\n]\n', ["y"], false],
    ['a = { b = [\n["y"] # ]\n] }\n[y]\n', ["y"], true],
  ])("tells headers from lines inside multi-line strings and arrays: %j", (text, path, found) => {
    expect(() => parseTomlDocument(text)).not.toThrow();
    expect(findTomlTable(text, path) !== null).toBe(found);
  });

  it("does not take a sub-table of an array of tables for the table at the path", () => {
    const text = '[[mcp_servers]]\nname = "a"\n\n[mcp_servers.ds]\ncommand = "x"\n';
    expect(findTomlTable(text, PATH)).toBeNull();
    expect(removeTomlTable(text, PATH)).toBeNull();
    const other = '[[profiles]]\nname = "a"\n\n[mcp_servers.ds]\ncommand = "x"\n';
    expect(findTomlTable(other, PATH)).toEqual({ start: other.indexOf("[mcp_servers.ds]"), end: other.length });
  });

  it("removes a user's table between others and keeps the comments above the next header", () => {
    const text = '[a]\nk = 1\n\n[mcp_servers.ds]\ncommand = "x"\n\n# about b\n[b]\nk = 2\n';
    expect(removeTomlTable(text, PATH)).toBe("[a]\nk = 1\n\n# about b\n[b]\nk = 2\n");
    expect(removeTomlTable("[mcp_servers.ds]\n# only comments\n", PATH)).toBe("");
  });

  it("refuses to append what would not be valid TOML", () => {
    const text = appendTomlTable("", tomlTableText(PATH, { command: "x" }));
    expect(() => appendTomlTable(text, tomlTableText(PATH, { command: "y" }))).toThrow(TomlDocumentError);
    expect(() => appendTomlTable("a = ", tomlTableText(PATH, { command: "y" }))).toThrow(/line 1, column 5/);
    expect(() => appendTomlTable("mcp_servers = 1\n", tomlTableText(PATH, { command: "y" }))).toThrow(TomlDocumentError);
  });
});

describe("on generated documents", () => {
  const fragments = [
    'model = "o3"',
    "# a comment",
    "",
    "   ",
    'notes = """\n[mcp_servers.ds]\n"""',
    "quote = '''\n[[x]]\n'''",
    'args = [\n  ["a"],\n  "b", # ]\n]',
    "[mcp_servers.other] # theirs\ncommand = 'o'",
    "[mcp_servers]",
    '[[profiles]]\nname = "p"',
    '[profiles.env]\nK = "v"',
    "[t]\nk = 1\n",
  ];
  const isToml = (text: string) => {
    try {
      return parseTomlDocument(text) !== undefined;
    } catch {
      return false;
    }
  };
  const document = fc.record({
    parts: fc.uniqueArray(fc.constantFrom(...fragments), { maxLength: 8 }),
    crlf: fc.boolean(),
    final: fc.constantFrom("", "\n", "\n\n"),
  });

  it("appends and removes tables back to the same bytes", () => {
    fc.assert(
      fc.property(document, fc.boolean(), ({ parts, crlf, final }, reverse) => {
        let text = parts.join("\n") + final;
        if (crlf) text = text.replace(/\n/g, "\r\n");
        fc.pre(isToml(text));
        const [first, second] = [tomlTableText(PATH, SERVER), tomlTableText(["mcp_servers", "my.server"], OTHER)];
        const one = appendTomlTable(text, first);
        const parsed = parseTomlDocument(one) as { mcp_servers: Record<string, unknown> };
        expect(plain(parsed.mcp_servers["ds"])).toEqual(SERVER);
        expect(removeTomlTable(one, PATH)).toBe(text);
        const both = appendTomlTable(one, second);
        const [gone, kept] = reverse ? [["mcp_servers", "my.server"], PATH] : [PATH, ["mcp_servers", "my.server"]];
        const left = removeTomlTable(both, gone) ?? "";
        expect(left).toBe(appendTomlTable(text, reverse ? first : second));
        expect(removeTomlTable(left, kept)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });
});

describe("tomlTableText", () => {
  it("writes one table of key = value lines", () => {
    expect(tomlTableText(PATH, SERVER)).toBe(
      '[mcp_servers.ds]\ncommand = "npx"\nargs = ["-y", "@acme/mcp"]\nenv = { TOKEN = "t", "X.Y" = "1" }\nstartup_timeout_sec = 20\nenabled = true\n',
    );
    expect(tomlTableText(["mcp_servers", "my.server"], { "a b": -3, n: [1, 2.5, "x"], e: {}, z: false, u: undefined, big: 12n })).toBe(
      '[mcp_servers."my.server"]\n"a b" = -3\nn = [1, 2.5, "x"]\ne = {}\nz = false\nbig = 12\n',
    );
    expect(tomlTableText(["", "é", "a_b-1"], {})).toBe('[""."é".a_b-1]\n');
    expect(tomlTableText(["t"], { s: 'q"b\\n\n\t\u0001\u007f' })).toBe('[t]\ns = "q\\"b\\\\n\\n\t\\u0001\\u007f"\n');
  });

  it.each([
    ["null", { a: null }],
    ["a nested table", { a: { b: { c: "d" } } }],
    ["a non-string in an inline table", { a: { b: 1 } }],
    ["an array of tables", { a: [{ b: "c" }] }],
    ["a nested array", { a: [["b"]] }],
    ["NaN", { a: Number.NaN }],
    ["an unsafe integer", { a: 2 ** 60 }],
    ["a huge bigint", { a: 2n ** 60n }],
    ["a date", { a: new Date(0) }],
    ["a function", { a: () => 1 }],
    ["a lone surrogate", { a: "\ud800" }],
    ["a lone surrogate in a key", { "\udc00": "a" }],
  ])("rejects %s", (_name, value) => {
    expect(() => tomlTableText(PATH, value as Record<string, unknown>)).toThrow(TomlDocumentError);
  });

  it("rejects an empty path", () => {
    expect(() => tomlTableText([], {})).toThrow(TomlDocumentError);
  });

  it("writes what smol-toml reads back", () => {
    const key = fc.oneof(fc.stringMatching(/^[a-z_][a-z0-9_-]{0,8}$/), fc.string({ minLength: 0, maxLength: 6 }));
    const scalar = fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.boolean(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));
    const value = fc.oneof(scalar, fc.array(fc.oneof(fc.string(), fc.integer())), fc.dictionary(key, fc.string(), { maxKeys: 3 }));
    fc.assert(
      fc.property(fc.array(key, { minLength: 1, maxLength: 3 }), fc.dictionary(key, value, { maxKeys: 6 }), (path, table) => {
        let text: string;
        try {
          text = tomlTableText(path, table);
        } catch (error) {
          expect(error).toBeInstanceOf(TomlDocumentError); // lone surrogates
          return;
        }
        let parsed: unknown = parseTomlDocument(text);
        for (const segment of path) parsed = (parsed as Record<string, unknown>)[segment];
        expect(plain(parsed)).toEqual(plain(table));
        expect(findTomlTable(text, path)).toEqual({ start: 0, end: text.length });
      }),
      { numRuns: 300 },
    );
  });
});

describe("parseTomlDocument", () => {
  it("parses TOML and reports where it is invalid", () => {
    expect(parseTomlDocument("")).toEqual({});
    expect(plain(parseTomlDocument('a = 1\n[b]\nc = "d"\n'))).toEqual({ a: 1, b: { c: "d" } });
    expect(() => parseTomlDocument("a = 1\nb = \n")).toThrow(/^Invalid TOML at line 2, column 5: /);
    expect(() => parseTomlDocument("[a]\n[a]\n")).toThrow(TomlDocumentError);
    expect(new TomlDocumentError("x").name).toBe("TomlDocumentError");
  });
});
