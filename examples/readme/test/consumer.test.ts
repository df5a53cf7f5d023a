import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLiveServer, type LiveServer } from "@deployment-sets/test-server";
import { CYCLE_LINE, expectCliExampleRuns, PLANNED_LINE, RESOLVED_LINE, run } from "./run-example.js";

/**
 * A consumer of the published packages: the packages the README's examples import are packed as npm would publish
 * them, installed with plain npm into a project outside the workspace (with the TypeScript and Node.js types a user
 * would have), and the examples are type-checked against the packed type declarations and run there.
 */
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const EXAMPLES = fileURLToPath(new URL("../", import.meta.url));
const PACKAGES = ["core", "local", "client", "cli"] as const;

describe("the packed packages, installed with npm outside the workspace", () => {
  let work: string;
  let app: string;
  let server: LiveServer;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "ds-consumer-"));
    const tarballs = join(work, "tarballs");
    app = join(work, "app");
    mkdirSync(tarballs);
    mkdirSync(app);
    for (const name of PACKAGES) {
      const packed = await run("pnpm", ["pack", "--pack-destination", tarballs], join(ROOT, "packages", name), {});
      expect(packed.code, `pnpm pack ${name}: ${packed.stderr}`).toBe(0);
    }
    const dependencies = Object.fromEntries(
      readdirSync(tarballs).map((file) => [`@deployment-sets/${file.replace(/^deployment-sets-(.+)-\d+\.\d+\.\d+\.tgz$/, "$1")}`, `file:${join(tarballs, file)}`]),
    );
    writeFileSync(
      join(app, "package.json"),
      JSON.stringify({
        name: "consumer",
        private: true,
        type: "module",
        dependencies,
        devDependencies: { typescript: "6.0.3", tsx: "4.23.15", "@types/node": "20.19.43" },
      }),
    );
    writeFileSync(
      join(app, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, noEmit: true, types: ["node"] },
        include: ["*.ts"],
      }),
    );
    for (const file of ["library.ts", "sdk.ts", "cli.sh"]) copyFileSync(join(EXAMPLES, file), join(app, file));
    const installed = await run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], app, {}, 300_000);
    expect(installed.code, `npm install: ${installed.stderr}`).toBe(0);
    server = await startLiveServer();
  }, 400_000);

  afterAll(async () => {
    await server?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it("installs exactly the published packages, each resolving to its packed copy", () => {
    expect(readdirSync(join(app, "node_modules", "@deployment-sets")).sort()).toEqual([...PACKAGES].sort());
  });

  it("type-checks the README's examples against the packed declarations (library checks included)", async () => {
    const result = await run(join(app, "node_modules", ".bin", "tsc"), ["-p", "."], app, {});
    expect(result.stdout + result.stderr).toBe("");
    expect(result.code).toBe(0);
  });

  it("runs the library example", async () => {
    const result = await run(join(app, "node_modules", ".bin", "tsx"), ["library.ts"], app, { DS_COLLECTION: server.collection });
    expect(result.stderr).toBe("");
    expect(result.stdout.split("\n")).toEqual(expect.arrayContaining([RESOLVED_LINE, PLANNED_LINE]));
  });

  it("runs the SDK example against a started server", async () => {
    const result = await run(join(app, "node_modules", ".bin", "tsx"), ["sdk.ts"], app, { DS_SERVER: server.baseUrl, DS_PROJECT: server.project });
    expect(result.stderr).toBe("");
    expect(result.stdout.split("\n")).toEqual(expect.arrayContaining([RESOLVED_LINE, PLANNED_LINE, CYCLE_LINE]));
  });

  it("runs the CLI example with the installed deployment-sets binary (embedded: SQLite, no server)", () =>
    expectCliExampleRuns(join(app, "cli.sh"), join(app, "node_modules", ".bin"), server.collection));

  it("says what to set when the installed binary finds no collection (none beside it, none of SkillMeat's)", async () => {
    const home = mkdtempSync(join(tmpdir(), "ds-consumer-home-"));
    try {
      const result = await run(join(app, "node_modules", ".bin", "deployment-sets"), ["artifacts"], app, {
        HOME: home,
        DS_COLLECTION: "",
        DATABASE_URL: join(home, "sets.db"),
        DS_SERVER: "",
        NO_COLOR: "1",
      });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("set DS_COLLECTION to your collection folder");
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
