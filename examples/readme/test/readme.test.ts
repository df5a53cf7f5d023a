import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLiveServer, type LiveServer } from "@deployment-sets/test-server";
import { join } from "node:path";
import { CYCLE_LINE, expectCliExampleRuns, PLANNED_LINE, RESOLVED_LINE, run } from "./run-example.js";

const HERE = fileURLToPath(new URL("..", import.meta.url));
const README = fileURLToPath(new URL("../../../README.md", import.meta.url));

/** The README's code blocks marked `<!-- example: examples/readme/<file> -->`, by file. */
function readmeExamples(): Map<string, string> {
  const blocks = new Map<string, string>();
  for (const match of readFileSync(README, "utf8").matchAll(/<!-- example: examples\/readme\/([\w.-]+) -->\s*```(?:ts|sh)\n([\s\S]*?)```/g)) {
    blocks.set(match[1]!, match[2]!);
  }
  return blocks;
}

describe("the README's examples", () => {
  let server: LiveServer;
  beforeAll(async () => {
    server = await startLiveServer();
  });
  afterAll(() => server.close());

  it.each(["library.ts", "sdk.ts", "cli.sh"])("shows %s exactly as it is type-checked and run here", (file) => {
    const block = readmeExamples().get(file);
    expect(block, `README.md has no block marked <!-- example: examples/readme/${file} -->`).toBeDefined();
    expect(block, `README.md's ${file} differs from examples/readme/${file}: copy the file into the README`).toBe(
      readFileSync(`${HERE}/${file}`, "utf8"),
    );
  });

  it("runs the library example: two sets nested, resolved, and a dry-run deploy", async () => {
    const result = await run(process.execPath, ["--import", "tsx", "library.ts"], HERE, { DS_COLLECTION: server.collection });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n")).toEqual(expect.arrayContaining([RESOLVED_LINE, PLANNED_LINE]));
  });

  it("runs the SDK example against the server", async () => {
    const result = await run(process.execPath, ["--import", "tsx", "sdk.ts"], HERE, { DS_SERVER: server.baseUrl, DS_PROJECT: server.project });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n")).toEqual(expect.arrayContaining([RESOLVED_LINE, PLANNED_LINE, CYCLE_LINE]));
  });

  it("runs the CLI example, embedded, with the workspace's deployment-sets", () =>
    expectCliExampleRuns(join(HERE, "cli.sh"), join(HERE, "node_modules", ".bin"), server.collection));
});
