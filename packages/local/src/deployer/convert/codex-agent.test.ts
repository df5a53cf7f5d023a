import { parse } from "smol-toml";
import { describe, expect, it } from "vitest";
import { codexAgentToml } from "./codex-agent.js";
import { ConversionError } from "./front-matter.js";

const TYPICAL = [
  "---",
  "name: code-reviewer",
  'description: "Expert reviewer. Use PROACTIVELY after edits: checks quality & security ✓"',
  "tools: Read, Grep, Glob, Bash",
  "model: sonnet",
  "color: blue",
  "---",
  "",
  "You are a senior code reviewer.",
  "",
  "1. Run `git diff`.",
  "",
].join("\n");

describe("codexAgentToml", () => {
  it("writes a typical subagent", () => {
    expect(codexAgentToml(TYPICAL, "code-reviewer")).toEqual({
      text: [
        'name = "code-reviewer"',
        'description = "Expert reviewer. Use PROACTIVELY after edits: checks quality & security ✓"',
        'developer_instructions = """',
        "You are a senior code reviewer.",
        "",
        "1. Run `git diff`.",
        '"""',
        "",
      ].join("\n"),
      dropped: ["color", "model", "tools"],
    });
  });

  it.each([
    {
      title: "a typical subagent",
      markdown: TYPICAL,
      name: "code-reviewer",
      expected: {
        name: "code-reviewer",
        description: "Expert reviewer. Use PROACTIVELY after edits: checks quality & security ✓",
        developer_instructions: "You are a senior code reviewer.\n\n1. Run `git diff`.\n",
      },
      dropped: ["color", "model", "tools"],
    },
    {
      title: "tools as a list, no name",
      markdown: "---\ndescription: Finds bugs\ntools:\n  - Read\n  - Grep\nmodel: inherit\n---\nFind bugs.\n",
      name: "bug-finder",
      expected: { name: "bug-finder", description: "Finds bugs", developer_instructions: "Find bugs.\n" },
      dropped: ["model", "tools"],
    },
    {
      title: "a non-string name",
      markdown: "---\nname: 42\ndescription: Numbers\n---\nCount.\n",
      name: "counter",
      expected: { name: "counter", description: "Numbers", developer_instructions: "Count.\n" },
      dropped: ["name"],
    },
    {
      title: "a front-matter name unlike the artifact's",
      markdown: "---\nname: Reviewer Bot\ndescription: Reviews\n---\nReview.\n",
      name: "reviewer",
      expected: { name: "Reviewer Bot", description: "Reviews", developer_instructions: "Review.\n" },
      dropped: [],
    },
    {
      title: "CRLF line endings",
      markdown: "---\r\nname: a\r\ndescription: b\r\n---\r\nline 1\r\nline 2\r\n",
      name: "a",
      expected: { name: "a", description: "b", developer_instructions: "line 1\nline 2\n" },
      dropped: [],
    },
    {
      title: 'a body with """ and backslashes',
      markdown: '---\nname: py\ndescription: Python\n---\nUse """docstrings""" and "\\d+\\\\" regexes\nand end with ""',
      name: "py",
      expected: { name: "py", description: "Python", developer_instructions: 'Use """docstrings""" and "\\d+\\\\" regexes\nand end with ""' },
      dropped: [],
    },
    {
      title: "a multi-line description with quotes and unicode",
      markdown: "---\nname: doc\ndescription: >-\n  Writes \"docs\": guides,\n  references — 日本語\n---\nWrite.\n",
      name: "doc",
      expected: { name: "doc", description: 'Writes "docs": guides, references — 日本語', developer_instructions: "Write.\n" },
      dropped: [],
    },
  ])("converts $title", ({ markdown, name, expected, dropped }) => {
    const result = codexAgentToml(markdown, name);
    expect(parse(result.text)).toEqual(expected);
    expect(result.dropped).toEqual(dropped);
    expect(result.text.endsWith("\n")).toBe(true);
    expect(result.text).not.toContain("\r\n");
    expect(codexAgentToml(markdown, name)).toEqual(result);
  });

  it.each([
    { title: "no front matter", markdown: "Just instructions.\n", message: /^Codex agent "a": a Codex agent needs a description/ },
    { title: "no description", markdown: "---\nname: a\n---\nDo.\n", message: /a Codex agent needs a description/ },
    { title: "an empty description", markdown: "---\nname: a\ndescription: ''\n---\nDo.\n", message: /a Codex agent needs a description/ },
    { title: "a blank description", markdown: "---\nname: a\ndescription: '   '\n---\nDo.\n", message: /a Codex agent needs a description/ },
    { title: "a list description", markdown: "---\nname: a\ndescription: [x]\n---\nDo.\n", message: /a Codex agent needs a description/ },
    { title: "an empty body", markdown: "---\nname: a\ndescription: b\n---\n", message: /needs developer instructions, and the body is empty/ },
    { title: "a blank body", markdown: "---\nname: a\ndescription: b\n---\n\n \t\n", message: /needs developer instructions/ },
    { title: "invalid front matter", markdown: "---\nname: [a\n---\nDo.\n", message: /the front matter is not valid YAML/ },
  ])("throws a ConversionError for $title", ({ markdown, message }) => {
    expect(() => codexAgentToml(markdown, "a")).toThrow(ConversionError);
    expect(() => codexAgentToml(markdown, "a")).toThrow(message);
  });

  it("throws a ConversionError when there is no name at all", () => {
    expect(() => codexAgentToml("---\ndescription: b\n---\nDo.\n", "")).toThrow(/a Codex agent needs a name/);
  });
});
