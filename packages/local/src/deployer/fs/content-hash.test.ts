import { createHash } from "node:crypto";
import { mkdir, symlink, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeTemp, removeTemp } from "../../../test/deployer-fixtures.js";
import { contentHash } from "./content-hash.js";
import { isJunk } from "./junk.js";
import { comparePathParts, compareCodePoints } from "./path-order.js";

// The fixture folder, hashed files in the order SkillMeat's `sorted(Path.rglob("*"))` visits them: component by
// component, so `a/b` and `a/z/deep.txt` come before `a-c`; by code point, so U+FF5E comes before U+1F600
// (UTF-16 order would swap them).
const HASHED: readonly (readonly [string, string])[] = [
  ["SKILL.md", "# Skill\n"],
  ["a/b", "ab\n"],
  ["a/z/deep.txt", "deep\n"],
  ["a-c", "a-c\n"],
  ["b.md", "b\n"],
  ["run.sh", "#!/bin/sh\necho hi\n"],
  ["\uFF5E.md", "wave\n"],
  ["\u{1F600}.md", "smile\n"],
];
const JUNK = [".git/HEAD", "node_modules/x/index.js", "__pycache__/m.pyc", "compiled.pyc", ".DS_Store", "Thumbs.db", "a/.DS_Store"];
// Computed once with Python's hashlib over the same folder (sorted(rglob), junk filtered), and pinned here.
const EXPECTED = "80ec58d857b94f91732fa7cb8127c142ae09769122af1c4bcba7e7c83dfb2d11";

let root: string;
beforeEach(async () => {
  root = await makeTemp();
});
afterEach(async () => {
  await removeTemp(root);
});

async function put(folder: string, rel: string, text: string) {
  await mkdir(dirname(join(folder, rel)), { recursive: true });
  await writeFile(join(folder, rel), text);
}

describe("contentHash", () => {
  it("hashes a folder like SkillMeat's compute_content_hash: path then bytes, component order, junk excluded", async () => {
    const folder = join(root, "skill");
    // Written in a scrambled order so the directory order cannot help.
    for (const [rel, text] of [...HASHED].reverse()) await put(folder, rel, text);
    for (const rel of JUNK) await put(folder, rel, "junk\n");

    const independent = createHash("sha256");
    for (const [rel, text] of HASHED) independent.update(Buffer.from(rel, "utf8")).update(Buffer.from(text, "utf8"));
    expect(independent.digest("hex")).toBe(EXPECTED);
    expect(await contentHash(folder)).toBe(EXPECTED);
  });

  it("hashes a file as the SHA-256 of its bytes", async () => {
    await put(root, "review.md", "# Review\n");
    expect(await contentHash(join(root, "review.md"))).toBe(createHash("sha256").update("# Review\n").digest("hex"));
  });

  it("counts folders only through their files, and follows a link to a file", async () => {
    const a = join(root, "a");
    const b = join(root, "b");
    await put(a, "x/one.md", "1");
    await mkdir(join(a, "empty"));
    await put(b, "x/one.md", "1");
    expect(await contentHash(a)).toBe(await contentHash(b));
    await put(root, "target.md", "2");
    await symlink(join(root, "target.md"), join(b, "two.md"));
    await put(a, "two.md", "2");
    expect(await contentHash(b)).toBe(await contentHash(a));
  });

  it("ignores links to folders, as Path.rglob does", async () => {
    const a = join(root, "a");
    await put(a, "one.md", "1");
    const before = await contentHash(a);
    await put(root, "elsewhere/x.md", "x");
    await symlink(join(root, "elsewhere"), join(a, "linked"));
    expect(await contentHash(a)).toBe(before);
  });
});

describe("path order", () => {
  it.each([
    [["a", "b"], ["a-c"], -1],
    [["a"], ["a", "b"], -1],
    [["B"], ["a"], -1],
    [["\uFF5E"], ["\u{1F600}"], -1],
    [["x"], ["x"], 0],
  ] as const)("%j vs %j", (a, b, sign) => {
    expect(Math.sign(comparePathParts(a, b))).toBe(sign);
    expect(Math.sign(comparePathParts(b, a))).toBe(sign === 0 ? 0 : -sign);
  });

  it("compares strings by code point, not UTF-16 unit", () => {
    const names = ["\u{1F600}", "\uFF5E", "z", "\u{10000}", "\uE000"];
    const byCodePoint = [...names].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!);
    expect([...names].sort(compareCodePoints)).toEqual(byCodePoint);
  });
});

describe("isJunk", () => {
  it.each([".git", "node_modules", "__pycache__", ".DS_Store", "Thumbs.db", "x.pyc"])("%s is junk", (name) => {
    expect(isJunk(name)).toBe(true);
  });
  it.each(["SKILL.md", ".github", "git", "x.py", "pyc"])("%s is not junk", (name) => {
    expect(isJunk(name)).toBe(false);
  });
});
