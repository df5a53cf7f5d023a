import fc from "fast-check";
import { parse } from "smol-toml";
import { describe, expect, it } from "vitest";
import { ConversionError } from "./front-matter.js";
import { tomlString, tomlStringTable } from "./toml-string.js";

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe("tomlString", () => {
  it.each([
    { value: "", text: '""' },
    { value: "plain", text: '"plain"' },
    { value: 'say "hi" \\ there', text: '"say \\"hi\\" \\\\ there"' },
    { value: "tab\there", text: '"tab\\there"' },
    { value: "a\nb\n", text: '"""\na\nb\n"""' },
    { value: 'x\n"""\n', text: '"""\nx\n""\\"\n"""' },
    { value: 'x\nends with "', text: '"""\nx\nends with \\""""' },
    { value: 'x\n""""""y', text: '"""\nx\n""\\"""\\"y"""' },
    { value: "C:\\path\\\nnext", text: '"""\nC:\\\\path\\\\\nnext"""' },
  ])("writes $value as $text", ({ value, text }) => {
    expect(tomlString(value)).toBe(text);
    expect(parse(`v = ${text}`)["v"]).toBe(value);
  });

  it.each([
    "\n",
    "\n\nleading newlines",
    'x\n"',
    'x\n""',
    'x\n"""',
    'x\n""""',
    '"\n"',
    "x\n'''\n",
    "x\n\\u0041 stays literal\n",
    "x\n\\\n",
    "x\ncontrol \u0000\u0001\u0008\u000b\u000c\u001f\u007f\n",
    "x\nlone\rcarriage\n",
    "x\n\ttabs\tkept\n",
    "x\nunicode ✓ 日本語 \u{1F600} \u2028\n",
    "single \u0000\u0007\u001b\u007f\r",
  ])("round-trips %j through smol-toml", (value) => {
    const text = `v = ${tomlString(value)}\n`;
    expect(parse(text)["v"]).toBe(value);
  });

  it("round-trips any well-formed string", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary" }), fc.string({ unit: fc.constantFrom('"', "\\", "\n", "\r", "\t", "a", "'") })), (value) => {
        fc.pre(!LONE_SURROGATE.test(value));
        expect(parse(`v = ${tomlString(value)}\n`)["v"]).toBe(value);
      }),
      { numRuns: 500 },
    );
  });

  it("rejects a lone surrogate", () => {
    expect(() => tomlString("a\ud800b")).toThrow(ConversionError);
  });
});

describe("tomlStringTable", () => {
  it("writes one line per key, in order, and names the key of a value TOML cannot hold", () => {
    expect(tomlStringTable([["b", "1"], ["a", "x\ny"]])).toBe('b = "1"\na = """\nx\ny"""\n');
    expect(() => tomlStringTable([["prompt", "\udc00"]])).toThrow(/^prompt: a value holds a lone UTF-16 surrogate/);
    expect(() => tomlStringTable([["not bare", "x"]])).toThrow(/not a bare TOML key/);
  });
});
