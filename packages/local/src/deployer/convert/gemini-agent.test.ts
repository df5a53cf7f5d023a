import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ConversionError } from "./front-matter.js";
import { geminiAgentMarkdown } from "./gemini-agent.js";

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
].join("\n");

const ALLOWED = new Set(["name", "description", "kind", "display_name", "tools", "model", "temperature", "max_turns", "timeout_mins"]);
// How Gemini CLI splits an agent file (its FRONTMATTER_REGEX).
const GEMINI_SPLIT = /^---\r?\n([\s\S]*?)\r?\n---(?:\r?\n([\s\S]*))?/;

describe("geminiAgentMarkdown", () => {
  it("writes a typical subagent", () => {
    expect(geminiAgentMarkdown(TYPICAL, "code-reviewer")).toEqual({
      text: [
        "---",
        "name: code-reviewer",
        'description: "Expert reviewer. Use PROACTIVELY after edits: checks quality & security ✓"',
        "---",
        "",
        "You are a senior code reviewer.",
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
      front: { name: "code-reviewer", description: "Expert reviewer. Use PROACTIVELY after edits: checks quality & security ✓" },
      body: "\nYou are a senior code reviewer.\n",
      dropped: ["color", "model", "tools"],
    },
    {
      title: "pass-through keys, in Gemini's order",
      markdown:
        "---\ntimeout_mins: 10\nmax_turns: 15\ntemperature: 0.2\ndisplay_name: 'Doc Writer: ✍'\ndescription: Writes docs\nname: doc_writer-2\nkind: local\ntools: [Read, Grep]\n---\nWrite.\n",
      name: "docs",
      front: { name: "doc_writer-2", description: "Writes docs", display_name: "Doc Writer: ✍", temperature: 0.2, max_turns: 15, timeout_mins: 10 },
      body: "Write.\n",
      dropped: ["kind", "tools"],
    },
    {
      title: "null pass-through keys",
      markdown: "---\nname: a\ndescription: b\ndisplay_name:\ntemperature: ~\n---\nGo\n",
      name: "a",
      front: { name: "a", description: "b" },
      body: "Go\n",
      dropped: ["display_name", "temperature"],
    },
    {
      title: "an invalid front-matter name",
      markdown: "---\nname: Code Reviewer\ndescription: Reviews\n---\nReview.\n",
      name: "code-reviewer",
      front: { name: "code-reviewer", description: "Reviews" },
      body: "Review.\n",
      dropped: ["name"],
    },
    {
      title: "no name in the front matter",
      markdown: "---\ndescription: Reviews\n---\nReview.\n",
      name: "reviewer",
      front: { name: "reviewer", description: "Reviews" },
      body: "Review.\n",
      dropped: [],
    },
    {
      title: "descriptions a YAML reader could take for something else",
      markdown: "---\nname: a\ndescription: 'yes'\n---\nx\n",
      name: "a",
      front: { name: "a", description: "yes" },
      body: "x\n",
      dropped: [],
    },
    { title: "a date-like description", markdown: "---\nname: a\ndescription: 2024-01-01\n---\nx\n", name: "a", front: { name: "a", description: "2024-01-01" }, body: "x\n", dropped: [] },
    { title: "a number-like description", markdown: "---\nname: a\ndescription: '0x1F'\n---\nx\n", name: "a", front: { name: "a", description: "0x1F" }, body: "x\n", dropped: [] },
    {
      title: "a description with quotes, a leading dash, # and unicode",
      markdown: "---\nname: a\ndescription: \"- Use when: the user says \\\"#ship it\\\" — 日本語 'ok'\"\n---\nx\n",
      name: "a",
      front: { name: "a", description: "- Use when: the user says \"#ship it\" — 日本語 'ok'" },
      body: "x\n",
      dropped: [],
    },
    {
      title: "a multi-line description with a --- line",
      markdown: "---\nname: a\ndescription: |\n  First line.\n  ---\n  Last line.\n---\nx\n",
      name: "a",
      front: { name: "a", description: "First line.\n---\nLast line.\n" },
      body: "x\n",
      dropped: [],
    },
    {
      title: "a long description",
      markdown: `---\nname: a\ndescription: ${"word ".repeat(60).trim()}\n---\nx\n`,
      name: "a",
      front: { name: "a", description: "word ".repeat(60).trim() },
      body: "x\n",
      dropped: [],
    },
    {
      title: "CRLF line endings and a byte-order mark",
      markdown: "\uFEFF---\r\nname: a\r\ndescription: b\r\n---\r\nline 1\r\nline 2\r\n",
      name: "a",
      front: { name: "a", description: "b" },
      body: "line 1\nline 2\n",
      dropped: [],
    },
    {
      title: 'a body with """, backslashes and --- lines, and no final newline',
      markdown: '---\nname: a\ndescription: b\n---\nUse """x""" and C:\\dir\\\n\n---\n\n$ARGUMENTS stays',
      name: "a",
      front: { name: "a", description: "b" },
      body: 'Use """x""" and C:\\dir\\\n\n---\n\n$ARGUMENTS stays\n',
      dropped: [],
    },
    { title: "an empty body", markdown: "---\nname: a\ndescription: b\n---\n", name: "a", front: { name: "a", description: "b" }, body: "", dropped: [] },
  ])("converts $title", ({ markdown, name, front, body, dropped }) => {
    const result = geminiAgentMarkdown(markdown, name);
    const match = GEMINI_SPLIT.exec(result.text);
    expect(match).not.toBeNull();
    const yamlText = match?.[1] ?? "";
    const written: unknown = parse(yamlText);
    expect(written).toEqual(front);
    expect(Object.keys(written as object)).toEqual(Object.keys(front));
    expect(parse(yamlText, { version: "1.1" })).toEqual(front);
    expect(Object.keys(front).every((key) => ALLOWED.has(key))).toBe(true);
    expect(match?.[2] ?? "").toBe(body);
    expect(result.dropped).toEqual(dropped);
    expect(result.text.endsWith("\n")).toBe(true);
    expect(result.text).not.toContain("\r\n");
    expect(geminiAgentMarkdown(markdown, name)).toEqual(result);
  });

  it.each([
    ...["yes", "Off", "0o17", "017", "1_000", "1:30", "~", "null", ".inf", "2024-01-01T10:00:00Z", "=", "<<", "*x", "!x", "&x", "a #b", "@x", "`x"].map(
      (description) => ({ name: "a", description }),
    ),
    ...["0o17", "123", "true", "null", "1e3", "0x1f", "1_0", "y", "-"].map((name) => ({ name, description: "b" })),
  ])("quotes the name $name and description $description so both YAML 1.1 and 1.2 read them back", ({ name, description }) => {
    const markdown = `---\nname: ${JSON.stringify(name)}\ndescription: ${JSON.stringify(description)}\n---\nx\n`;
    const yamlText = GEMINI_SPLIT.exec(geminiAgentMarkdown(markdown, "fallback").text)?.[1] ?? "";
    expect(parse(yamlText)).toEqual({ name, description });
    expect(parse(yamlText, { version: "1.1" })).toEqual({ name, description });
  });

  it.each([
    {
      title: "no valid name",
      markdown: "---\nname: Code Reviewer\ndescription: b\n---\nx\n",
      name: "Code Reviewer",
      message: /^Gemini agent "Code Reviewer": neither the front-matter name "Code Reviewer" nor the artifact name "Code Reviewer" is a valid Gemini agent name/,
    },
    { title: "no name and an invalid artifact name", markdown: "---\ndescription: b\n---\nx\n", name: "My.Agent", message: /the front matter has no name and the artifact name "My.Agent" is not a valid/ },
    { title: "no front matter", markdown: "Just a prompt.\n", name: "a", message: /a Gemini agent needs a description/ },
    { title: "no description", markdown: "---\nname: a\n---\nx\n", name: "a", message: /a Gemini agent needs a description/ },
    { title: "a blank description", markdown: "---\nname: a\ndescription: ' '\n---\nx\n", name: "a", message: /a Gemini agent needs a description/ },
    { title: "a numeric description", markdown: "---\nname: a\ndescription: 3\n---\nx\n", name: "a", message: /a Gemini agent needs a description/ },
    { title: "a string temperature", markdown: "---\nname: a\ndescription: b\ntemperature: hot\n---\nx\n", name: "a", message: /temperature must be a number, not "hot"/ },
    { title: "a zero max_turns", markdown: "---\nname: a\ndescription: b\nmax_turns: 0\n---\nx\n", name: "a", message: /max_turns must be a positive integer, not 0/ },
    { title: "a fractional timeout_mins", markdown: "---\nname: a\ndescription: b\ntimeout_mins: 1.5\n---\nx\n", name: "a", message: /timeout_mins must be a positive integer, not 1.5/ },
    { title: "a string timeout_mins", markdown: "---\nname: a\ndescription: b\ntimeout_mins: '10'\n---\nx\n", name: "a", message: /timeout_mins must be a positive integer, not "10"/ },
    { title: "a numeric display_name", markdown: "---\nname: a\ndescription: b\ndisplay_name: 5\n---\nx\n", name: "a", message: /display_name must be a string, not 5/ },
    { title: "invalid front matter", markdown: "---\nname: a\n  bad: indent\n---\nx\n", name: "a", message: /the front matter is not valid YAML/ },
  ])("throws a ConversionError for $title", ({ markdown, name, message }) => {
    expect(() => geminiAgentMarkdown(markdown, name)).toThrow(ConversionError);
    expect(() => geminiAgentMarkdown(markdown, name)).toThrow(message);
  });
});
