import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  JsonDocumentError,
  appendJsonArrayItem,
  canonicalJson,
  jsonValueAt,
  parseJsonDocument,
  removeJsonArrayItem,
  removeJsonProperty,
  setJsonProperty,
} from "./json-document.js";

const SERVER = { command: "npx", args: ["-y", "@acme/mcp"], env: { TOKEN: "${TOKEN}" } };
const HOOK = { matcher: "Bash", hooks: [{ type: "command", command: "ds-hook check" }] };

/** The parent paths of `path` absent from `text`, deepest first: what a caller prunes after removing. */
function createdParents(text: string, path: readonly string[]): string[][] {
  const parents = path.slice(0, -1).map((_, index) => path.slice(0, index + 1));
  return parents.filter((parent) => jsonValueAt(text, parent) === undefined).reverse();
}

/** What removal gives back: the original, except that a document without a value gets `{}` and a line break. */
const restored = (text: string) => (parseJsonDocument(text) !== undefined ? text : `${text}${/\n$|^$/.test(text) ? "" : "\n"}{}\n`);

interface Case {
  readonly name: string;
  readonly text: string;
  readonly path?: readonly string[];
  /** The exact text after the insertion, when the case pins it. */
  readonly inserted?: string;
}

const cases: readonly Case[] = [
  { name: "empty file", text: "", inserted: '{\n  "mcpServers": {\n    "ds": 1\n  }\n}\n' },
  { name: "empty object", text: "{}", inserted: '{\n  "mcpServers": {\n    "ds": 1\n  }\n}' },
  { name: "empty object with final newline", text: "{}\n" },
  { name: "empty object with a space", text: "{ }\n" },
  { name: "empty object with a comment", text: "{\n  // nothing yet\n}\n", inserted: '{\n  "mcpServers": {\n    "ds": 1\n  }\n  // nothing yet\n}\n' },
  { name: "empty object with a same-line comment", text: "{ // nothing yet\n}\n", inserted: '{ // nothing yet\n  "mcpServers": {\n    "ds": 1\n  }\n}\n' },
  { name: "empty object with a block comment", text: "{ /* nothing */ }\n" },
  { name: "comments only", text: "// settings\n" },
  { name: "byte order mark", text: '\uFEFF{\n  "a": 1\n}\n' },
  { name: "parent {}", text: '{\n  "mcpServers": {}\n}\n', inserted: '{\n  "mcpServers": {\n    "ds": 1\n  }\n}\n' },
  { name: "parent { } with a space", text: '{\n  "mcpServers": { }\n}\n' },
  { name: "parent with a comment", text: '{\n  "mcpServers": {\n    // add servers here\n  }\n}\n' },
  { name: "parent present", text: '{\n  "mcpServers": {\n    "other": { "command": "x" }\n  }\n}\n', inserted: '{\n  "mcpServers": {\n    "other": { "command": "x" },\n    "ds": 1\n  }\n}\n' },
  { name: "missing parent", text: '{\n  "model": "opus"\n}\n', inserted: '{\n  "model": "opus",\n  "mcpServers": {\n    "ds": 1\n  }\n}\n' },
  { name: "missing parents two levels deep", text: '{\n  "model": "opus"\n}\n', path: ["a", "b", "ds"], inserted: '{\n  "model": "opus",\n  "a": {\n    "b": {\n      "ds": 1\n    }\n  }\n}\n' },
  { name: "missing parent two levels deep under {}", text: '{\n  "a": {}\n}\n', path: ["a", "b", "c", "ds"] },
  { name: "trailing comma", text: '{\n  "model": "opus",\n}\n', inserted: '{\n  "model": "opus",\n  "mcpServers": {\n    "ds": 1\n  },\n}\n' },
  { name: "trailing comma in the parent", text: '{\n  "mcpServers": {\n    "x": 1,\n  },\n}\n' },
  { name: "trailing comma then a comment", text: '{\n  "model": "opus", // the model\n}\n', inserted: '{\n  "model": "opus", // the model\n  "mcpServers": {\n    "ds": 1\n  },\n}\n' },
  { name: "comma on the next line", text: '{\n  "model": "opus"\n  ,\n}\n' },
  { name: "line comment after the last property", text: '{\n  "model": "opus" // the model\n}\n', inserted: '{\n  "model": "opus", // the model\n  "mcpServers": {\n    "ds": 1\n  }\n}\n' },
  { name: "block comment after the last property", text: '{\n  "model": "opus" /* the model */\n}\n' },
  { name: "multi-line block comment after the last property", text: '{\n  "model": "opus" /* the\n  model */ }\n' },
  { name: "comment lines before the closing brace", text: '{\n  "model": "opus"\n  // more later\n  /* and more */\n}\n' },
  { name: "comments before, inside and after the target", text: '// header\n{\n  /* lead */ "mcpServers": { // servers\n    "x": { "command": "x" } // x\n    // tail\n  } /* after */\n}\n// footer\n' },
  { name: "closing brace on the last property's line", text: '{\n  "model": "opus" }\n' },
  { name: "closing brace after a trailing comma on the line", text: '{\n  "model": "opus", }\n' },
  { name: "CRLF", text: '{\r\n  "model": "opus",\r\n  "mcpServers": {}\r\n}\r\n', inserted: '{\r\n  "model": "opus",\r\n  "mcpServers": {\r\n    "ds": 1\r\n  }\r\n}\r\n' },
  { name: "CRLF with a comment", text: '{\r\n  "model": "opus" // m\r\n}\r\n' },
  { name: "tabs", text: '{\n\t"model": "opus",\n\t"env": {\n\t\t"A": "1"\n\t}\n}\n', inserted: '{\n\t"model": "opus",\n\t"env": {\n\t\t"A": "1"\n\t},\n\t"mcpServers": {\n\t\t"ds": 1\n\t}\n}\n' },
  { name: "4 spaces", text: '{\n    "model": "opus"\n}\n', inserted: '{\n    "model": "opus",\n    "mcpServers": {\n        "ds": 1\n    }\n}\n' },
  { name: "4 spaces, nested parent", text: '{\n    "mcpServers": {\n        "x": 1\n    }\n}' },
  { name: "minified", text: '{"model":"opus","mcpServers":{"x":{"command":"x"}}}', inserted: '{"model":"opus","mcpServers":{"x":{"command":"x"},"ds":1}}' },
  { name: "minified, missing parent", text: '{"model":"opus"}', inserted: '{"model":"opus","mcpServers":{"ds":1}}' },
  { name: "minified, with spaces in strings", text: '{"name":"a b","mcpServers":{}}', inserted: '{"name":"a b","mcpServers":{"ds":1}}' },
  { name: "minified, parent {}", text: '{"model":"opus","mcpServers":{}}\n', inserted: '{"model":"opus","mcpServers":{"ds":1}}\n' },
  { name: "one line with spaces", text: '{ "model": "opus" }', inserted: '{ "model": "opus", "mcpServers": {"ds": 1} }' },
  { name: "one-line parent in a multi-line file", text: '{\n  "mcpServers": { "x": 1 }\n}\n', inserted: '{\n  "mcpServers": { "x": 1, "ds": 1 }\n}\n' },
  { name: "one-line parent with a trailing comma", text: '{\n  "mcpServers": { "x": 1, }\n}\n' },
  { name: "unusual indentation kept", text: '{\n  "mcpServers": {\n        "x": 1\n  }\n}\n' },
  { name: "key needing escapes", text: "{}\n", path: ["mcp\"Servers", "d\\s\n"] },
  { name: "duplicate key: the last one wins", text: '{\n  "mcpServers": 1,\n  "mcpServers": {}\n}\n' },
];

const values: readonly unknown[] = [1, SERVER, "text", null, [], {}, [1, [2, { a: [] }]]];

describe("setJsonProperty and removeJsonProperty", () => {
  describe.each(cases)("$name", ({ text, path = ["mcpServers", "ds"], inserted }) => {
    it.each(values.map((value) => [canonicalJson(value), value]))("inserts and removes %s", (_name, value) => {
      const result = setJsonProperty(text, path, value);
      expect(jsonValueAt(result, path)).toEqual(value);
      if (inserted !== undefined && value === 1) expect(result).toBe(inserted);
      const prune = createdParents(text, path);
      expect(removeJsonProperty(result, path, prune)).toBe(restored(text));
    });

    it("changes no other value", () => {
      const expected = structuredClone(parseJsonDocument(text) ?? {}) as Record<string, unknown>;
      let parent = expected;
      for (const key of path.slice(0, -1)) parent = (parent[key] ??= {}) as Record<string, unknown>;
      parent[path.at(-1) ?? ""] = SERVER;
      expect(parseJsonDocument(setJsonProperty(text, path, SERVER))).toEqual(expected);
    });

    it.each([
      ["in order", false],
      ["in reverse order", true],
    ])("inserts two entries and removes them %s", (_name, reverse) => {
      const first = [...path.slice(0, -1), "first"];
      const second = [...path.slice(0, -1), "second"];
      const prune = createdParents(text, path);
      const both = setJsonProperty(setJsonProperty(text, first, SERVER), second, HOOK);
      const [gone, kept] = reverse ? [second, first] : [first, second];
      const one = removeJsonProperty(both, gone);
      expect(one).toBe(setJsonProperty(text, kept, kept === first ? SERVER : HOOK));
      expect(removeJsonProperty(one, kept, prune)).toBe(restored(text));
    });
  });

  it("replaces a present value and keeps the rest identical", () => {
    const text = '// c\n{\n  "mcpServers": {\n    "ds": { "command": "old" }, // ours\n    "x": 1\n  }\n}\n';
    const result = setJsonProperty(text, ["mcpServers", "ds"], { command: "new", args: ["a"] });
    expect(result).toBe('// c\n{\n  "mcpServers": {\n    "ds": {\n      "command": "new",\n      "args": [\n        "a"\n      ]\n    }, // ours\n    "x": 1\n  }\n}\n');
    expect(setJsonProperty('{"a":{"b":1},"c":2}', ["a"], { d: [1] })).toBe('{"a":{"d":[1]},"c":2}');
    expect(setJsonProperty("{\n  \"a\": 1\n}", ["a"], 2)).toBe("{\n  \"a\": 2\n}");
  });

  it("removes a present property of the user's together with its comma and line", () => {
    expect(removeJsonProperty('{\n  "a": 1,\n  "b": 2,\n  "c": 3\n}\n', ["b"])).toBe('{\n  "a": 1,\n  "c": 3\n}\n');
    expect(removeJsonProperty('{\n  "a": 1,\n  "b": 2\n}\n', ["a"])).toBe('{\n  "b": 2\n}\n');
    expect(removeJsonProperty('{"a":1,"b":2}', ["a"])).toBe('{"b":2}');
    expect(removeJsonProperty('{"a":1}', ["a"])).toBe("{}");
  });

  it("leaves the text as is when the property is absent, and prunes only empty parents", () => {
    const text = '{\n  "a": {\n    "b": 1\n  }\n}\n';
    expect(removeJsonProperty(text, ["a", "x"])).toBe(text);
    expect(removeJsonProperty(text, ["a", "x"], [["a"]])).toBe(text);
    expect(removeJsonProperty(text, ["a", "b"], [["a"]])).toBe("{}\n");
    expect(removeJsonProperty('{\n  "a": { /* keep */ }\n}\n', ["a", "x"], [["a"]])).toBe('{\n  "a": { /* keep */ }\n}\n');
    expect(removeJsonProperty('{\n  "a": 5\n}\n', ["x"], [["a"], []])).toBe('{\n  "a": 5\n}\n');
  });

  it("brings back an empty object written over two lines as {}", () => {
    const result = setJsonProperty('{\n  "mcpServers": {\n  }\n}\n', ["mcpServers", "ds"], 1);
    expect(result).toBe('{\n  "mcpServers": {\n    "ds": 1\n  }\n}\n');
    expect(removeJsonProperty(result, ["mcpServers", "ds"])).toBe('{\n  "mcpServers": {}\n}\n');
  });
});

describe("appendJsonArrayItem and removeJsonArrayItem", () => {
  const path = ["hooks", "PreToolUse"];
  const arrays: readonly Case[] = [
    ...cases.filter(({ path }) => path === undefined),
    { name: "array []", text: '{\n  "hooks": {\n    "PreToolUse": []\n  }\n}\n', inserted: '{\n  "hooks": {\n    "PreToolUse": [\n      1\n    ]\n  }\n}\n' },
    { name: "array [ ] with a space", text: '{\n  "hooks": {\n    "PreToolUse": [ ]\n  }\n}\n' },
    { name: "array with items", text: '{\n  "hooks": {\n    "PreToolUse": [\n      { "matcher": "x" }\n    ]\n  }\n}\n', inserted: '{\n  "hooks": {\n    "PreToolUse": [\n      { "matcher": "x" },\n      1\n    ]\n  }\n}\n' },
    { name: "array with a trailing comma and comments", text: '{\n  "hooks": {\n    "PreToolUse": [\n      1, // one\n      /* two */ 2, // two\n    ]\n  }\n}\n' },
    { name: "one-line array", text: '{\n  "hooks": { "PreToolUse": [1, 2] }\n}\n', inserted: '{\n  "hooks": { "PreToolUse": [1, 2, 1] }\n}\n' },
    { name: "minified array", text: '{"hooks":{"PreToolUse":[{"matcher":"x"}]}}', inserted: '{"hooks":{"PreToolUse":[{"matcher":"x"},1]}}' },
    { name: "CRLF array", text: '{\r\n\t"hooks": {\r\n\t\t"PreToolUse": []\r\n\t}\r\n}', inserted: '{\r\n\t"hooks": {\r\n\t\t"PreToolUse": [\r\n\t\t\t1\r\n\t\t]\r\n\t}\r\n}' },
  ];

  describe.each(arrays)("$name", ({ text, inserted }) => {
    it.each(values.map((value) => [canonicalJson(value), value]))("appends and removes %s", (_name, value) => {
      const before = (jsonValueAt(text, path) as unknown[] | undefined) ?? [];
      const result = appendJsonArrayItem(text, path, value);
      expect(jsonValueAt(result, path)).toEqual([...before, value]);
      if (inserted !== undefined && value === 1 && text.includes("PreToolUse")) expect(result).toBe(inserted);
      if (before.some((item) => canonicalJson(item) === canonicalJson(value))) return; // the user's equal item goes first
      const prune = [path, ...createdParents(text, path)].filter((p) => jsonValueAt(text, p) === undefined);
      expect(removeJsonArrayItem(result, path, value, prune)).toBe(restored(text));
    });

    it.each([false, true])("appends two items and removes them (reverse: %s)", (reverse) => {
      const prune = [path, ...createdParents(text, path)].filter((p) => jsonValueAt(text, p) === undefined);
      const both = appendJsonArrayItem(appendJsonArrayItem(text, path, HOOK), path, SERVER);
      const one = removeJsonArrayItem(both, path, reverse ? SERVER : HOOK) ?? "";
      expect(one).toBe(appendJsonArrayItem(text, path, reverse ? HOOK : SERVER));
      expect(removeJsonArrayItem(one, path, reverse ? HOOK : SERVER, prune)).toBe(restored(text));
    });
  });

  it("compares items by canonical JSON and removes the first equal one", () => {
    const text = '{\n  "a": [\n    {"x": 1, "y": [2]},\n    {"y": [2], "x": 1}\n  ]\n}\n';
    expect(removeJsonArrayItem(text, ["a"], { y: [2], x: 1 })).toBe('{\n  "a": [\n    {"y": [2], "x": 1}\n  ]\n}\n');
    expect(removeJsonArrayItem(text, ["a"], { x: 1 })).toBeNull();
    expect(removeJsonArrayItem(text, ["b"], { x: 1 })).toBeNull();
  });
});

describe("errors and reading", () => {
  it.each([
    ['{\n  "a": 1,\n  "b" 2\n}', /line 3, column 7/],
    ["{\n  // c\n  \"a\": [1 2]\n}", /line 3, column 11/],
    ["{} {}", /line 1, column 4/],
    ["{", /line 1, column 2/],
  ])("rejects %j", (text, message) => {
    expect(() => parseJsonDocument(text)).toThrow(message);
    expect(() => setJsonProperty(text, ["a"], 1)).toThrow(JsonDocumentError);
  });

  it("rejects a path that crosses a non-object, a non-array target and unwritable values", () => {
    expect(() => setJsonProperty('{"a": 1}', ["a", "b"], 1)).toThrow(/\["a"\] is not an object/);
    expect(() => setJsonProperty('{"a": [{}]}', ["a", "b"], 1)).toThrow(JsonDocumentError);
    expect(() => setJsonProperty("[]", ["a"], 1)).toThrow(JsonDocumentError);
    expect(() => jsonValueAt('{"a": "s"}', ["a", "b"])).toThrow(JsonDocumentError);
    expect(() => appendJsonArrayItem('{"a": {}}', ["a"], 1)).toThrow(/not an array/);
    expect(() => removeJsonArrayItem('{"a": 1}', ["a"], 1)).toThrow(/not an array/);
    expect(() => setJsonProperty("{}", [], 1)).toThrow(/empty/);
    expect(() => setJsonProperty("{}", ["a"], undefined)).toThrow(JsonDocumentError);
    expect(() => setJsonProperty("{}", ["a"], 1n)).toThrow(JsonDocumentError);
    expect(new JsonDocumentError("x").name).toBe("JsonDocumentError");
  });

  it("parses JSONC and reads values", () => {
    expect(parseJsonDocument("")).toBeUndefined();
    expect(parseJsonDocument(" // only\n /* comments */ ")).toBeUndefined();
    expect(parseJsonDocument('{ "a": [1, /* x */ 2,], // y\n }')).toEqual({ a: [1, 2] });
    expect(jsonValueAt('{"a": {"b": [1]}}', ["a", "b"])).toEqual([1]);
    expect(jsonValueAt('{"a": {"b": [1]}}', ["a", "c"])).toBeUndefined();
    expect(jsonValueAt('{"a": {"b": [1]}}', [])).toEqual({ a: { b: [1] } });
    expect(jsonValueAt("", ["a"])).toBeUndefined();
  });

  it("writes canonical JSON", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ B: 1, a: 2, _: 3 })).toBe('{"B":1,"_":3,"a":2}');
    expect(() => canonicalJson(undefined)).toThrow(JsonDocumentError);
  });
});

describe("on generated documents", () => {
  const key = fc.oneof(fc.constantFrom("a", "b", "mcpServers", "hooks"), fc.string({ maxLength: 4 }));
  const json = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof({ depthSize: "small" }, fc.integer(), fc.string({ maxLength: 5 }), fc.constant(null), fc.array(tie("value"), { maxLength: 3 }), fc.dictionary(key, tie("value"), { maxKeys: 3 })),
  })).value;
  const layout = fc.record({ indent: fc.constantFrom(0, 2, 4, "\t"), crlf: fc.boolean(), newline: fc.boolean(), commas: fc.boolean(), comments: fc.boolean() });

  it("inserts then removes back to the same bytes", () => {
    fc.assert(
      fc.property(fc.dictionary(key, json, { maxKeys: 4 }), layout, fc.array(key, { minLength: 1, maxLength: 3 }), json, (document, { indent, crlf, newline, commas, comments }, path, value) => {
        let text = JSON.stringify(document, null, indent) + (newline ? "\n" : "");
        if (commas) text = text.replace(/([^\s{[,])(\n[ \t]*[}\]])/g, "$1,$2");
        if (comments) text = text.replace(/\n/g, (_, at: number) => (at % 3 === 0 ? " /* c */\n" : at % 3 === 1 ? " // c\n" : "\n// c\n"));
        if (crlf) text = text.replace(/\n/g, "\r\n");
        let result: string;
        try {
          result = setJsonProperty(text, path, value);
        } catch (error) {
          expect(error).toBeInstanceOf(JsonDocumentError);
          return;
        }
        expect(jsonValueAt(result, path)).toEqual(value);
        if (jsonValueAt(text, path) === undefined) expect(removeJsonProperty(result, path, createdParents(text, path))).toBe(text);
      }),
      { numRuns: 500 },
    );
  });
});
