import { parse } from "smol-toml";
import { describe, expect, it } from "vitest";
import { ConversionError } from "./front-matter.js";
import { geminiCommandToml } from "./gemini-command.js";

const TYPICAL = [
  "---",
  "description: 'Review a PR: style, tests & docs — quickly ✓'",
  'argument-hint: "[pr-number]"',
  "allowed-tools:",
  "  - Bash(git diff:*)",
  "  - Read",
  "model: sonnet",
  "---",
  "",
  "Review pull request $ARGUMENTS.",
  "",
  "Context: !{git diff --stat} and @{docs/STYLE.md}.",
  "",
].join("\n");

describe("geminiCommandToml", () => {
  it("writes a typical command", () => {
    const result = geminiCommandToml(TYPICAL, "review");
    expect(result).toEqual({
      text: [
        'description = "Review a PR: style, tests & docs — quickly ✓"',
        'prompt = """',
        "Review pull request {{args}}.",
        "",
        "Context: !{git diff --stat} and @{docs/STYLE.md}.",
        '"""',
        "",
      ].join("\n"),
      dropped: ["allowed-tools", "argument-hint", "model"],
    });
  });

  it.each([
    {
      title: "a typical command",
      markdown: TYPICAL,
      expected: {
        description: "Review a PR: style, tests & docs — quickly ✓",
        prompt: "Review pull request {{args}}.\n\nContext: !{git diff --stat} and @{docs/STYLE.md}.\n",
      },
      dropped: ["allowed-tools", "argument-hint", "model"],
    },
    { title: "no front matter", markdown: "Explain $ARGUMENTS simply.\n", expected: { prompt: "Explain {{args}} simply.\n" }, dropped: [] },
    { title: "no final newline", markdown: "Explain this", expected: { prompt: "Explain this" }, dropped: [] },
    {
      title: "CRLF line endings and a byte-order mark",
      markdown: "\uFEFF---\r\ndescription: Fix it\r\n---\r\n\r\nFix $ARGUMENTS\r\nnow\r\n",
      expected: { description: "Fix it", prompt: "Fix {{args}}\nnow\n" },
      dropped: [],
    },
    {
      title: 'a body with """ and backslashes',
      markdown: '---\ndescription: Quote\n---\nWrite """docstrings""" like C:\\Users\\me\\ and \\n literally\nEnd with a quote: "\n',
      expected: { description: "Quote", prompt: 'Write """docstrings""" like C:\\Users\\me\\ and \\n literally\nEnd with a quote: "\n' },
      dropped: [],
    },
    {
      title: "a body ending in a quote with no newline",
      markdown: 'Say\n"hi"',
      expected: { prompt: 'Say\n"hi"' },
      dropped: [],
    },
    {
      title: "a description with quotes, a colon and unicode",
      markdown: "---\ndescription: \"Run: the 'full' suite — \\\"fast\\\" 日本語\"\n---\nRun.\n",
      expected: { description: "Run: the 'full' suite — \"fast\" 日本語", prompt: "Run.\n" },
      dropped: [],
    },
    {
      title: "a multi-line description",
      markdown: "---\ndescription: |\n  Two\n  lines\n---\nGo\n",
      expected: { description: "Two\nlines\n", prompt: "Go\n" },
      dropped: [],
    },
    { title: "a blank description", markdown: "---\ndescription: '  '\n---\nGo\n", expected: { prompt: "Go\n" }, dropped: ["description"] },
    { title: "a non-string description", markdown: "---\ndescription: 42\n---\nGo\n", expected: { prompt: "Go\n" }, dropped: ["description"] },
    {
      title: "$ARGUMENTS everywhere, and $-text that is not a placeholder",
      markdown: "A $ARGUMENTS, B $ARGUMENTS[x], C $ARGUMENTSX, D $5abc, E $HOME, F $file, G {{args}}\n",
      expected: { prompt: "A {{args}}, B {{args}}[x], C {{args}}X, D $5abc, E $HOME, F $file, G {{args}}\n" },
      dropped: [],
    },
    {
      title: "leading blank lines and indentation",
      markdown: "---\nmodel: opus\n---\n\n \n    code block\n",
      expected: { prompt: "    code block\n" },
      dropped: ["model"],
    },
    {
      title: "declared arguments that the body does not use",
      markdown: "---\narguments: [file]\n---\nLook at $ARGUMENTS\n",
      expected: { prompt: "Look at {{args}}\n" },
      dropped: ["arguments"],
    },
  ])("converts $title", ({ markdown, expected, dropped }) => {
    const result = geminiCommandToml(markdown, "cmd");
    expect(parse(result.text)).toEqual(expected);
    expect(result.dropped).toEqual(dropped);
    expect(result.text.endsWith("\n")).toBe(true);
    expect(result.text).not.toContain("\r\n");
    expect(geminiCommandToml(markdown, "cmd")).toEqual(result);
  });

  it.each([
    { title: "$1", markdown: "Fix issue $1 now\n", message: /^Gemini command "cmd": \$1 is a single-argument placeholder, which Gemini CLI/ },
    { title: "$0 at the end", markdown: "Open $0", message: /: \$0 is a single-argument/ },
    { title: "$12", markdown: "Take $12.\n", message: /: \$12 is a single-argument/ },
    { title: "$ARGUMENTS[2]", markdown: "Use $ARGUMENTS and $ARGUMENTS[2]\n", message: /: \$ARGUMENTS\[2\] is a single-argument/ },
    {
      title: "several, once each in order",
      markdown: "$1 then $ARGUMENTS[0] then $1\n",
      message: /: \$1, \$ARGUMENTS\[0\] are single-argument placeholders/,
    },
    { title: "a name from a list of arguments", markdown: "---\narguments: [file, line]\n---\nOpen $file at $line.\n", message: /: \$file, \$line are/ },
    { title: "a name from an arguments string", markdown: "---\narguments: file line\n---\nOpen $line\n", message: /: \$line is a single-argument/ },
    { title: "an empty body", markdown: "---\ndescription: Nothing\n---\n\n  \n", message: /has no body, and a Gemini command needs a prompt/ },
    { title: "an empty file", markdown: "", message: /has no body/ },
    { title: "invalid front matter", markdown: "---\ndescription: a: b\n---\nGo\n", message: /: the front matter is not valid YAML/ },
  ])("throws a ConversionError for $title", ({ markdown, message }) => {
    expect(() => geminiCommandToml(markdown, "cmd")).toThrow(ConversionError);
    expect(() => geminiCommandToml(markdown, "cmd")).toThrow(message);
  });
});
