import { describe, expect, it } from "vitest";
import { ConversionError, droppedKeys, splitFrontMatter, trimLeadingBlankLines, withContext } from "./front-matter.js";

const TYPICAL = [
  "---",
  "description: 'Review a PR: style, tests & docs — quickly'",
  'argument-hint: "[pr-number] [priority]"',
  "allowed-tools:",
  "  - Bash(git diff:*)",
  "  - Read",
  "model: claude-sonnet-4-5",
  "---",
  "",
  "Review pull request $ARGUMENTS ✓",
  "",
].join("\n");

describe("splitFrontMatter", () => {
  it.each([
    {
      title: "a typical command: list, quoted strings, a colon, unicode",
      text: TYPICAL,
      data: {
        description: "Review a PR: style, tests & docs — quickly",
        "argument-hint": "[pr-number] [priority]",
        "allowed-tools": ["Bash(git diff:*)", "Read"],
        model: "claude-sonnet-4-5",
      },
      body: "\nReview pull request $ARGUMENTS ✓\n",
      hasFrontMatter: true,
    },
    { title: "no front matter", text: "Just a prompt.\n---\nx: 1\n", data: {}, body: "Just a prompt.\n---\nx: 1\n", hasFrontMatter: false },
    { title: "an empty file", text: "", data: {}, body: "", hasFrontMatter: false },
    { title: "a first line of four dashes", text: "----\ntext\n", data: {}, body: "----\ntext\n", hasFrontMatter: false },
    { title: "CRLF line endings", text: "---\r\nname: a\r\ntools: [Read, Grep]\r\n---\r\nline 1\r\nline 2\r\n", data: { name: "a", tools: ["Read", "Grep"] }, body: "line 1\nline 2\n", hasFrontMatter: true },
    { title: "a byte-order mark", text: "\uFEFF---\nname: a\n---\nbody\n", data: { name: "a" }, body: "body\n", hasFrontMatter: true },
    { title: "a byte-order mark without front matter", text: "\uFEFFbody\r\n", data: {}, body: "body\n", hasFrontMatter: false },
    { title: "empty front matter", text: "---\n---\nbody", data: {}, body: "body", hasFrontMatter: true },
    { title: "comment-only front matter", text: "---\n# nothing\n---\nbody\n", data: {}, body: "body\n", hasFrontMatter: true },
    { title: "a closing line at the end of the file", text: "---\nname: a\n---", data: { name: "a" }, body: "", hasFrontMatter: true },
    { title: "spaces after the delimiters", text: "--- \nname: a\n---\t\nbody\n", data: { name: "a" }, body: "body\n", hasFrontMatter: true },
    { title: "a --- line in the body", text: "---\nname: a\n---\nintro\n---\nmore\n", data: { name: "a" }, body: "intro\n---\nmore\n", hasFrontMatter: true },
    {
      title: "block scalars and nested values",
      text: "---\ndescription: |\n  Line one.\n  Line two: yes.\nmeta:\n  n: 3\n  ok: true\n---\n",
      data: { description: "Line one.\nLine two: yes.\n", meta: { n: 3, ok: true } },
      body: "",
      hasFrontMatter: true,
    },
    { title: "a date-like value stays a string", text: "---\nsince: 2024-01-01\n---\n", data: { since: "2024-01-01" }, body: "", hasFrontMatter: true },
  ])("$title", ({ text, data, body, hasFrontMatter }) => {
    expect(splitFrontMatter(text)).toEqual({ data, body, hasFrontMatter });
  });

  it.each([
    { title: "an unclosed front matter", text: "---\nname: a\nbody\n", message: /never closed/ },
    { title: "invalid YAML", text: "---\nname: a\ndescription: a: b\n---\n", message: /not valid YAML: Nested mappings .* \(line 3, column 14\)$/ },
    { title: "an unterminated quote", text: '---\ndescription: "oops\n---\n', message: /not valid YAML/ },
    { title: "a duplicate key", text: "---\nname: a\nname: b\n---\n", message: /not valid YAML: Map keys must be unique/ },
    { title: "an unresolved alias", text: "---\nname: *x\n---\n", message: /not valid YAML/ },
    { title: "a list", text: "---\n- a\n- b\n---\n", message: /must be a mapping .* not a list$/ },
    { title: "a scalar", text: "---\njust text\n---\n", message: /must be a mapping .* not a string$/ },
    { title: "a number", text: "---\n42\n---\n", message: /not a number$/ },
  ])("throws a one-line ConversionError for $title", ({ text, message }) => {
    const error = catchError(() => splitFrontMatter(text));
    expect(error).toBeInstanceOf(ConversionError);
    expect(error.name).toBe("ConversionError");
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain("\n");
  });
});

describe("helpers", () => {
  it("droppedKeys lists the keys not kept, sorted by code units", () => {
    expect(droppedKeys({ tools: 1, Zeta: 2, name: 3, "argument-hint": 4, model: 5 }, new Set(["name"]))).toEqual([
      "Zeta",
      "argument-hint",
      "model",
      "tools",
    ]);
  });

  it("withContext prefixes ConversionErrors and passes other errors through", () => {
    expect(catchError(() => withContext("Codex agent \"a\"", () => splitFrontMatter("---\n- x\n---\n"))).message).toMatch(
      /^Codex agent "a": the front matter must be a mapping/,
    );
    const other = new TypeError("boom");
    expect(
      catchError(() =>
        withContext("x", () => {
          throw other;
        }),
      ),
    ).toBe(other);
    expect(withContext("x", () => 7)).toBe(7);
  });

  it.each([
    { text: "\n\n  \n\tText\n\nmore\n", expected: "\tText\n\nmore\n" },
    { text: "Text\n", expected: "Text\n" },
    { text: "\n \n", expected: "" },
    { text: "  indented\n", expected: "  indented\n" },
  ])("trimLeadingBlankLines($text)", ({ text, expected }) => {
    expect(trimLeadingBlankLines(text)).toBe(expected);
  });
});

function catchError(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    if (error instanceof Error) return error;
    throw error;
  }
  throw new Error("expected an error");
}
