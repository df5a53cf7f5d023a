#!/usr/bin/env node
// Sums the vitest JSON reports of every workspace package that has a `test` (or `test:reliability`) script into
// the one line the landing check reads: `N passed, N failed, N skipped`. A package whose report is missing counts as a failure.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
let passed = 0;
let failed = 0;
let skipped = 0;
const problems = [];
for (const parent of ["packages", "apps"]) {
  const dir = join(root, parent);
  if (!existsSync(dir)) continue;
  for (const name of readdirSync(dir)) {
    const manifest = join(dir, name, "package.json");
    if (!existsSync(manifest)) continue;
    const scripts = JSON.parse(readFileSync(manifest, "utf8")).scripts ?? {};
    // `test` writes vitest.json; the server's `test:reliability` writes reliability.json.
    for (const [script, file] of [["test", "vitest.json"], ["test:reliability", "reliability.json"]]) {
      if (!scripts[script]) continue;
      const reportFile = join(dir, name, "test-results", file);
      if (!existsSync(reportFile)) {
        problems.push(`${parent}/${name}: no ${script} report (${reportFile})`);
        continue;
      }
      const report = JSON.parse(readFileSync(reportFile, "utf8"));
      passed += report.numPassedTests;
      failed += report.numFailedTests;
      skipped += report.numPendingTests + report.numTodoTests;
      if (!report.success && report.numFailedTests === 0) problems.push(`${parent}/${name}: the ${script} run failed outside any test`);
    }
  }
}
for (const problem of problems) console.error(problem);
if (problems.length > 0) failed += problems.length;
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
