#!/usr/bin/env node
// Checks what `npm pack` would publish for every non-private package under packages/: exactly package.json,
// README.md, LICENSE and built files under dist/ (no test files), and every source map in it carries its sources
// (`sourcesContent`), since the sources themselves are not published. Prints one line per package; exits 1 with
// the reasons when any package fails. Run it after `pnpm exec turbo run build`. No dependencies.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const packagesDir = join(root, "packages");

/** Files every published package must contain, besides dist/. */
const REQUIRED = ["package.json", "README.md", "LICENSE"];
/** A test file, test folder or test output under dist/. */
const TEST_FILE = /(^|\/)(__tests__|__mocks__|tests?|test-results)\/|\.(test|spec|test-d)(\.d)?\.[cm]?[jt]sx?(\.map)?$/;

function packDryRun(dir) {
  const result = spawnSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
    cwd: dir,
    encoding: "utf8",
    shell: process.platform === "win32",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw new Error(`could not run npm pack: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`npm pack exited with ${result.status}: ${result.stderr.trim()}`);
  const start = result.stdout.indexOf("[");
  if (start < 0) throw new Error(`npm pack printed no JSON: ${result.stdout.trim()}`);
  const [entry] = JSON.parse(result.stdout.slice(start));
  if (!entry || !Array.isArray(entry.files)) throw new Error("npm pack printed no file list");
  return entry;
}

/** Reasons a packed source map cannot be used on its own: sources it names but neither embeds nor ships. */
function sourceMapProblems(dir, mapPath, packed) {
  const file = join(dir, mapPath);
  let map;
  try {
    map = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    return [`${mapPath}: not a readable JSON source map (${error.message})`];
  }
  const sources = Array.isArray(map.sources) ? map.sources : [];
  const contents = Array.isArray(map.sourcesContent) ? map.sourcesContent : [];
  const problems = [];
  sources.forEach((source, i) => {
    if (typeof contents[i] === "string") return;
    const shipped = relative(dir, join(dirname(file), String(source))).split("\\").join("/");
    if (!packed.has(shipped)) problems.push(`${mapPath}: names ${source} without sourcesContent, and it is not packed`);
  });
  return problems;
}

function checkPackage(dir) {
  const entry = packDryRun(dir);
  const paths = entry.files.map((f) => f.path.split("\\").join("/")).sort();
  const packed = new Set(paths);
  const problems = [];
  for (const name of REQUIRED) if (!packed.has(name)) problems.push(`missing ${name}`);
  const distFiles = paths.filter((p) => p.startsWith("dist/"));
  if (distFiles.length === 0) problems.push("no files under dist/ (build the package first: pnpm exec turbo run build)");
  for (const path of paths) {
    if (REQUIRED.includes(path)) continue;
    if (!path.startsWith("dist/")) problems.push(`unexpected file ${path}`);
    else if (TEST_FILE.test(path.slice("dist/".length))) problems.push(`test file ${path}`);
  }
  for (const path of distFiles) if (path.endsWith(".map")) problems.push(...sourceMapProblems(dir, path, packed));
  return { entry, problems };
}

function kib(bytes) {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

const dirs = readdirSync(packagesDir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(packagesDir, d.name, "package.json")))
  .map((d) => join(packagesDir, d.name))
  .sort();

let failed = 0;
let checked = 0;
for (const dir of dirs) {
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  if (pkg.private === true) continue;
  checked += 1;
  const where = relative(root, dir).split("\\").join("/");
  try {
    const { entry, problems } = checkPackage(dir);
    const summary = `${pkg.name}: ${entry.files.length} files, ${kib(entry.size)} packed, ${kib(entry.unpackedSize)} unpacked`;
    if (problems.length === 0) {
      console.log(`ok   ${summary}`);
    } else {
      failed += 1;
      console.log(`FAIL ${summary}`);
      for (const problem of problems) console.error(`     ${where}: ${problem}`);
    }
  } catch (error) {
    failed += 1;
    console.log(`FAIL ${pkg.name}`);
    console.error(`     ${where}: ${error.message}`);
  }
}

if (checked === 0) {
  console.error("check-pack: no published (non-private) package found under packages/");
  process.exit(1);
}
if (failed > 0) {
  console.error(
    `check-pack: ${failed} of ${checked} packages would publish the wrong files; a package may ship only package.json, README.md, LICENSE and dist/ (no test files, no source map without its sources)`,
  );
  process.exit(1);
}
console.log(`check-pack: ${checked} packages ship only package.json, README.md, LICENSE and dist/`);
