import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLiveServer } from "@deployment-sets/test-server";
import { EXIT } from "../src/exit-codes.js";
import { cli, embeddedMode, remoteMode, type Invocation, type Mode } from "./cli-harness.js";

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function problemOf(result: Invocation): Record<string, unknown> {
  return JSON.parse(result.stdout) as Record<string, unknown>;
}

describe.each([
  ["embedded", embeddedMode],
  ["remote", () => remoteMode()],
] as const)("errors a person can act on, with stable exit codes (%s)", (_name, open) => {
  let mode: Mode;
  beforeAll(async () => {
    mode = await open();
    for (const argv of [
      ["sets", "create", "Backend"],
      ["sets", "create", "Full-stack"],
      ["sets", "create", "Twin"],
      ["sets", "create", "Twin"],
      ["add", "Backend", "code-reviewer"],
      ["add", "Full-stack", "set:Backend"],
    ]) {
      expect((await cli(mode, argv)).code, argv.join(" ")).toBe(0);
    }
  }, 60_000);
  afterAll(() => mode.close());

  it("usage (2): an unknown command, with commander's suggestion, and an unknown option", async () => {
    const command = await cli(mode, ["deplo", "Backend"]);
    expect(command.code).toBe(EXIT.usage);
    expect(command.stderr).toContain("unknown command 'deplo'");
    expect(command.stderr).toContain("Did you mean deploy?");
    expect(command.stdout).toBe("");
    const option = await cli(mode, ["sets", "list", "--colour"]);
    expect(option.code).toBe(EXIT.usage);
    expect(option.stderr).toContain("unknown option '--colour'");
  });

  it("usage (2): an ambiguous set name lists the candidates with their ids", async () => {
    const result = await cli(mode, ["sets", "show", "Twin"]);
    expect(result.code).toBe(EXIT.usage);
    expect(result.stderr).toContain('2 sets are named "Twin"; name one by its id');
    expect(result.stderr.match(/^ {2}[0-9a-f]{32} {2}Twin$/gm)).toHaveLength(2);
  });

  it("not found (3): a near-miss set name gets a suggestion, an unknown artifact too", async () => {
    const set = await cli(mode, ["sets", "show", "Bakend"]);
    expect(set.code).toBe(EXIT.notFound);
    expect(set.stderr).toBe('error: no set named "Bakend"\n  did you mean "Backend"?\n');
    const artifact = await cli(mode, ["add", "Backend", "code-reviwer"]);
    expect(artifact.code).toBe(EXIT.notFound);
    expect(artifact.stderr).toBe('error: no artifact, group or set named "code-reviwer"\n  did you mean "code-reviewer" or "group:Code review"?\n');
    const member = await cli(mode, ["remove", "Backend", "api-design"]);
    expect(member.code).toBe(EXIT.notFound);
  });

  it("conflict (4): a cycle is printed as its path, a duplicate member is refused, and nothing changes", async () => {
    const before = (await cli(mode, ["sets", "show", "Backend", "--json"])).stdout;
    const cycle = await cli(mode, ["add", "Backend", "set:Full-stack"]);
    expect(cycle.code).toBe(EXIT.conflict);
    expect(cycle.stderr).toBe("error: set:Full-stack: that would create a cycle: Backend → Full-stack → Backend\n");
    const duplicate = await cli(mode, ["add", "Backend", "code-reviewer"]);
    expect(duplicate.code).toBe(EXIT.conflict);
    expect((await cli(mode, ["sets", "show", "Backend", "--json"])).stdout).toBe(before);
  });

  it("failed (1): bad input is refused with the field named, and a forbidden project names the setting", async () => {
    const long = await cli(mode, ["sets", "create", "x".repeat(300)]);
    expect(long.code).toBe(EXIT.failed);
    expect(long.stderr).toMatch(/^error: .*255/m);
    const forbidden = await cli(mode, ["deploy", "Backend", "--project", "/"]);
    expect(forbidden.code).toBe(EXIT.failed);
    expect(forbidden.stderr).toContain("DS_PROJECT_ROOTS");
  });

  it("prints the API's problem on stdout with --json, and the message on stderr", async () => {
    const result = await cli(mode, ["add", "Backend", "set:Full-stack", "--json"]);
    expect(result.code).toBe(EXIT.conflict);
    expect(problemOf(result)).toMatchObject({
      type: "urn:deployment-sets:problem:cycle_detected",
      status: 422,
      code: "cycle_detected",
      set_names: ["Backend", "Full-stack", "Backend"],
    });
    expect(result.stderr).toContain("Backend → Full-stack → Backend");
  });
});

describe("a server that cannot be reached", () => {
  it("exits 5 naming the way to fix it, with --server or DS_SERVER", async () => {
    const mode = await embeddedMode();
    try {
      const url = `http://127.0.0.1:${await closedPort()}`;
      for (const [argv, env] of [
        [["sets", "list", "--server", url], {}],
        [["sets", "list"], { DS_SERVER: url }],
      ] as const) {
        const result = await cli(mode, argv, { env });
        expect(result.code).toBe(EXIT.unreachable);
        expect(result.stderr).toContain("is the server running?");
      }
      const bad = await cli(mode, ["sets", "list", "--server", "ftp://example"]);
      expect(bad.code).toBe(EXIT.usage);
    } finally {
      await mode.close();
    }
  });

  it("exits 5 naming DATABASE_URL when the database cannot be opened", async () => {
    const mode = await embeddedMode();
    try {
      const url = `postgres://postgres@127.0.0.1:${await closedPort()}/nowhere`;
      const result = await cli(mode, ["sets", "list"], { env: { DATABASE_URL: url } });
      expect(result.code).toBe(EXIT.unreachable);
      expect(result.stderr).toMatch(/^error: cannot open PostgreSQL postgres:\/\/postgres@127\.0\.0\.1:\d+\/nowhere: /);
      expect(result.stderr).toContain("DATABASE_URL names the database");
    } finally {
      await mode.close();
    }
  });

  it("exits 2 with the variable named when the settings are wrong", async () => {
    const mode = await embeddedMode();
    try {
      const result = await cli(mode, ["sets", "list"], { env: { DATABASE_URL: "mysql://h/db" } });
      expect(result.code).toBe(EXIT.usage);
      expect(result.stderr).toMatch(/^error: invalid configuration: DATABASE_URL:/);
    } finally {
      await mode.close();
    }
  });
});

describe("a server with tokens", () => {
  it("takes DS_TOKEN, and says what to set when it is missing or lacks a scope", async () => {
    const server = await startLiveServer({
      tokens: [
        { token: "alice-writes", owner: "alice", scopes: ["read", "write"] },
        { token: "bob-reads", owner: "bob", scopes: ["read"] },
      ],
    });
    const mode: Mode = { name: "remote (tokens)", env: { NO_COLOR: "1", DS_SERVER: server.baseUrl }, project: server.project, close: () => server.close() };
    try {
      const created = await cli(mode, ["sets", "create", "Backend", "--json"], { env: { DS_TOKEN: "alice-writes" } });
      expect(created.code).toBe(EXIT.ok);
      expect(JSON.parse(created.stdout)).toMatchObject({ name: "Backend", owner_id: "alice" });
      const anonymous = await cli(mode, ["sets", "list"]);
      expect(anonymous.code).toBe(EXIT.failed);
      expect(anonymous.stderr).toContain("set DS_TOKEN to a token the server accepts");
      const reader = await cli(mode, ["sets", "create", "Frontend"], { env: { DS_TOKEN: "bob-reads" } });
      expect(reader.code).toBe(EXIT.failed);
      expect(reader.stderr).toContain("lacks the scope");
    } finally {
      await mode.close();
    }
  });
});

describe("adding several members", () => {
  it("checks every one before adding any, and says what was added before a refusal", async () => {
    const mode = await embeddedMode();
    try {
      for (const argv of [
        ["sets", "create", "Backend"],
        ["sets", "create", "Full-stack"],
        ["add", "Backend", "code-reviewer"],
        ["add", "Full-stack", "set:Backend"],
      ]) {
        expect((await cli(mode, argv)).code).toBe(0);
      }
      const before = (await cli(mode, ["sets", "show", "Backend", "--json"])).stdout;
      const duplicate = await cli(mode, ["add", "Backend", "api-design", "code-reviewer"]);
      expect(duplicate.code).toBe(EXIT.conflict);
      expect(duplicate.stderr).toBe("error: Backend already holds agent:code-reviewer; nothing was added\n");
      const twice = await cli(mode, ["add", "Backend", "api-design", "api-design"]);
      expect(twice.code).toBe(EXIT.conflict);
      expect((await cli(mode, ["sets", "show", "Backend", "--json"])).stdout).toBe(before);

      const cycle = await cli(mode, ["add", "Backend", "api-design", "set:Full-stack"]);
      expect(cycle.code).toBe(EXIT.conflict);
      expect(cycle.stdout).toBe("Added skill:api-design to Backend at position 1\n");
      expect(cycle.stderr).toBe(
        "error: set:Full-stack: that would create a cycle: Backend → Full-stack → Backend\n  added before this: skill:api-design\n",
      );
    } finally {
      await mode.close();
    }
  });
});
