import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { colorEnabled } from "../src/output.js";
import { cli, EXAMPLE_COLLECTION, embeddedMode, remoteMode, type Mode } from "./cli-harness.js";

const BIN = fileURLToPath(new URL("../dist/bin.js", import.meta.url));
const ESC = "\u001b[";

describe("colour", () => {
  it("is on for a terminal only, never with NO_COLOR, and forced with FORCE_COLOR", () => {
    expect(colorEnabled({ isTTY: true }, {})).toBe(true);
    expect(colorEnabled({ isTTY: false }, {})).toBe(false);
    expect(colorEnabled({}, {})).toBe(false);
    expect(colorEnabled({ isTTY: true }, { NO_COLOR: "1" })).toBe(false);
    expect(colorEnabled({ isTTY: true }, { TERM: "dumb" })).toBe(false);
    expect(colorEnabled({ isTTY: false }, { FORCE_COLOR: "1" })).toBe(true);
    expect(colorEnabled({ isTTY: true }, { FORCE_COLOR: "0" })).toBe(false);
    expect(colorEnabled({ isTTY: true }, { NO_COLOR: "1", FORCE_COLOR: "1" })).toBe(false);
  });
});

describe("the CLI on a terminal", () => {
  let embedded: Mode;
  let remote: Mode;
  beforeAll(async () => {
    embedded = await embeddedMode();
    remote = await remoteMode();
    for (const mode of [embedded, remote]) {
      for (const argv of [
        ["sets", "create", "Everything"],
        ["add", "Everything", "group:Backend essentials", "group:Docs toolkit", "group:Code review"],
      ]) {
        expect((await cli(mode, argv)).code).toBe(0);
      }
    }
  }, 60_000);
  afterAll(async () => {
    await embedded.close();
    await remote.close();
  });

  it("colours tables on a terminal, and never with NO_COLOR or --json", async () => {
    const env = { NO_COLOR: undefined };
    expect((await cli(embedded, ["sets", "list"], { env, terminal: { rows: 40 } })).stdout).toContain(ESC);
    expect((await cli(embedded, ["sets", "list"], { terminal: { rows: 40 } })).stdout).not.toContain(ESC);
    expect((await cli(embedded, ["sets", "list"], { env })).stdout).not.toContain(ESC);
    const json = await cli(embedded, ["sets", "list", "--json"], { env, terminal: { rows: 40 } });
    expect(json.stdout).not.toContain(ESC);
    expect(json.stderr).toBe("");
  });

  it("draws a progress bar on stderr while deploying more than a screenful (embedded), and the table on stdout", async () => {
    const result = await cli(embedded, ["deploy", "Everything"], { terminal: { rows: 5 } });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("Deploying Everything [");
    expect(result.stderr).toMatch(/\d+\/\d+/);
    expect(result.stdout).toMatch(/^ARTIFACT/);
    expect(result.stdout).not.toContain("Deploying Everything [");
    const quiet = await cli(embedded, ["deploy", "Everything", "--force"], { terminal: { rows: 100 } });
    expect(quiet.stderr).toBe("");
  });

  it("shows a spinner on stderr while a server deploys (remote), and nothing with --json", async () => {
    const result = await cli(remote, ["deploy", "Everything"], { terminal: { rows: 5 } });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("Deploying Everything");
    const json = await cli(remote, ["deploy", "Everything", "--json"], { terminal: { rows: 5 } });
    expect(json.stderr).toBe("");
    expect(JSON.parse(json.stdout)).toMatchObject({ set_name: "Everything", dry_run: false });
  });
});

describe("the built binary", () => {
  const bin = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: "1", ...env } });

  it("prints help with an example for every command", () => {
    const top = bin(["--help"]);
    expect(top.status).toBe(0);
    expect(top.stdout).toContain("Exit codes: 0 ok");
    const commands = [
      ["sets", "list"],
      ["sets", "show"],
      ["sets", "create"],
      ["sets", "rename"],
      ["sets", "rm"],
      ["sets", "clone"],
      ["add"],
      ["remove"],
      ["move"],
      ["resolve"],
      ["deploy"],
      ["undeploy"],
      ["status"],
      ["artifacts"],
      ["groups"],
      ["completion"],
    ];
    for (const command of commands) {
      const help = bin([...command, "--help"]);
      expect(help.status, command.join(" ")).toBe(0);
      expect(help.stdout, command.join(" ")).toMatch(/Examples:\n {2}\$ deployment-sets /);
    }
  });

  it.each(["bash", "zsh", "fish"])("prints a %s completion script that asks the binary for completions", (shell) => {
    const result = bin(["completion", shell]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("deployment-sets");
    expect(result.stdout).toContain("complete");
  });

  it("completes commands and subcommands", () => {
    const top = bin(["complete", "--", "de"]);
    expect(top.stdout).toContain("deploy\t");
    const sets = bin(["complete", "--", "sets", ""]);
    for (const sub of ["list", "show", "create", "rename", "rm", "clone"]) expect(sets.stdout).toContain(`${sub}\t`);
  });

  it("runs embedded on the repository's example collection when nothing is set", () => {
    const result = bin(["artifacts", "--json"], { XDG_DATA_HOME: fileURLToPath(new URL("../test-results/xdg", import.meta.url)) });
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).total).toBeGreaterThan(0);
    expect(EXAMPLE_COLLECTION).toContain("starter-collection");
  });
});
