import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256 } from "./harness.js";
import { assertBuilt, runMainToExit, startMain, type SpawnedServer } from "./spawn-server.js";

let dir: string;
/** A fresh sub-folder of the suite's scratch folder. */
const scratch = (name: string) => {
  const path = join(dir, `${name}-${randomBytes(3).toString("hex")}`);
  mkdirSync(path, { recursive: true });
  return path;
};

beforeAll(() => {
  assertBuilt();
  dir = realpathSync(mkdtempSync(join(tmpdir(), "ds-startup-")));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Fills in what every spawned server needs to stay inside the scratch folder (HOME, the SQLite file). */
function envFor(folder: string, env: Record<string, string>): Record<string, string> {
  const home = join(folder, "home");
  mkdirSync(home, { recursive: true });
  return { HOME: home, DATABASE_URL: join(folder, "db.sqlite"), ...env };
}

const json = async (url: string, init?: RequestInit) => {
  const response = await fetch(url, init);
  return { status: response.status, type: response.headers.get("content-type") ?? "", body: (await response.json()) as Record<string, unknown> };
};

type BadEnv = readonly [name: string, env: (folder: string) => Record<string, string>, variable: string];

/** Values the configuration rejects before anything starts. */
const BAD_VALUES: readonly BadEnv[] = [
  ["PORT=abc", () => ({ PORT: "abc" }), "PORT"],
  ["PORT=70000", () => ({ PORT: "70000" }), "PORT"],
  ["PORT=-1", () => ({ PORT: "-1" }), "PORT"],
  ["DS_AUTH=oauth", () => ({ DS_AUTH: "oauth" }), "DS_AUTH"],
  ["DS_AUTH=token without DS_TOKENS_FILE", () => ({ DS_AUTH: "token" }), "DS_TOKENS_FILE"],
  ["DS_TOKENS_FILE that does not exist", (f) => ({ DS_AUTH: "token", DS_TOKENS_FILE: join(f, "missing.json") }), "DS_TOKENS_FILE"],
  ["DS_DB_POOL_SIZE=0", () => ({ DS_DB_POOL_SIZE: "0" }), "DS_DB_POOL_SIZE"],
  ["DS_DB_POOL_SIZE=ten", () => ({ DS_DB_POOL_SIZE: "ten" }), "DS_DB_POOL_SIZE"],
  ["DS_DB_POOL_SIZE=1.5", () => ({ DS_DB_POOL_SIZE: "1.5" }), "DS_DB_POOL_SIZE"],
  ["DATABASE_URL=mysql://x", () => ({ DATABASE_URL: "mysql://x" }), "DATABASE_URL"],
  ["DATABASE_URL=sqlite: (no path)", () => ({ DATABASE_URL: "sqlite:" }), "DATABASE_URL"],
  ["DATABASE_URL=postgres:// with a bad port", () => ({ DATABASE_URL: "postgres://127.0.0.1:99999999/x" }), "DATABASE_URL"],
  ["DS_PROJECT_ROOTS=relative", () => ({ DS_PROJECT_ROOTS: "relative" }), "DS_PROJECT_ROOTS"],
  ["DS_PROJECT_ROOTS with one relative entry", (f) => ({ DS_PROJECT_ROOTS: `${f}:projects` }), "DS_PROJECT_ROOTS"],
  ["DS_LOG_LEVEL=verbose", () => ({ DS_LOG_LEVEL: "verbose" }), "DS_LOG_LEVEL"],
  ["DS_COLLECTION that does not exist", (f) => ({ DS_COLLECTION: join(f, "no-collection") }), "DS_COLLECTION"],
  [
    "DS_TOKENS_FILE that does not parse",
    (f) => {
      writeFileSync(join(f, "tokens.json"), '{"tokens": [');
      return { DS_AUTH: "token", DS_TOKENS_FILE: join(f, "tokens.json") };
    },
    "DS_TOKENS_FILE",
  ],
  [
    "DS_TOKENS_FILE with an upper-case hash",
    (f) => {
      writeFileSync(join(f, "tokens.json"), JSON.stringify({ tokens: [{ sha256: sha256("t").toUpperCase(), owner: "a", scopes: ["read"] }] }));
      return { DS_AUTH: "token", DS_TOKENS_FILE: join(f, "tokens.json") };
    },
    "DS_TOKENS_FILE",
  ],
];

/** Values that parse but cannot be used: the server must still stop with one clear line naming the variable. */
const UNUSABLE_VALUES: readonly BadEnv[] = [
  ["HOST that is not an address", () => ({ HOST: "256.1.1.1" }), "HOST"],
  ["DATABASE_URL whose folder cannot be created", (f) => {
    writeFileSync(join(f, "a-file"), "");
    return { DATABASE_URL: `sqlite:${join(f, "a-file", "db.sqlite")}` };
  }, "DATABASE_URL"],
  ["DATABASE_URL of a PostgreSQL server that does not answer", () => ({ DATABASE_URL: "postgres://postgres@127.0.0.1:1/nothing" }), "DATABASE_URL"],
];

async function expectOneLineFailure(folder: string, env: Record<string, string>, variable: string) {
  const result = await runMainToExit(envFor(folder, env));
  expect(result.code, result.stderr).not.toBe(0);
  expect(result.code).not.toBeNull();
  const lines = result.stderr.trim().split("\n");
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toContain(variable);
  expect(result.stdout).not.toMatch(/listening/);
  return result;
}

describe("a bad configuration stops the server at start", { timeout: 30_000 }, () => {
  it.each(BAD_VALUES)("%s: one stderr line naming the variable, non-zero exit, nothing created", async (_name, env, variable) => {
    const folder = scratch("bad");
    const values = env(folder);
    await expectOneLineFailure(folder, values, variable);
    // Nothing started half-configured: the database was not even created.
    if (!values.DATABASE_URL) expect(existsSync(join(folder, "db.sqlite"))).toBe(false);
  });

  it.each(UNUSABLE_VALUES)("%s: one stderr line naming the variable, non-zero exit", async (_name, env, variable) => {
    const folder = scratch("unusable");
    await expectOneLineFailure(folder, env(folder), variable);
  });

  it("names PORT when the port is taken", async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    try {
      const folder = scratch("taken");
      await expectOneLineFailure(folder, { PORT: String((blocker.address() as net.AddressInfo).port) }, "PORT");
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});

describe("a good start", { timeout: 60_000 }, () => {
  let server: SpawnedServer | undefined;
  afterAll(async () => {
    await server?.stop("SIGKILL");
  });

  it("creates the default data folder, prints where things are, serves everything, and stops on SIGTERM with 0", async () => {
    const folder = scratch("good");
    const xdg = join(folder, "xdg-not-yet");
    const env = envFor(folder, { XDG_DATA_HOME: xdg });
    delete env.DATABASE_URL;
    server = await startMain(env);
    const database = join(xdg, "deployment-sets", "deployment-sets.db");
    const base = server.url;
    expect(base).toMatch(/^http:\/\/(127\.0\.0\.1|localhost):\d+$/);
    const banner = server.stdout();
    expect(banner).toMatch(new RegExp(`database:.*${database.replaceAll(".", "\\.")}`));
    expect(banner).toContain(`${base}/docs`);
    expect(existsSync(database)).toBe(true);

    expect(await json(`${base}/healthz`)).toMatchObject({ status: 200, body: { status: "ok" } });
    expect(await json(`${base}/readyz`)).toMatchObject({ status: 200 });
    const docs = await fetch(`${base}/docs`);
    expect(docs.status).toBe(200);
    expect(docs.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await docs.text();
    const assets = [...html.matchAll(/(?:src|href)=["']([^"']+)["']/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) {
      // Offline: no CDN, every asset comes from this server.
      expect(asset, asset).not.toMatch(/^(https?:)?\/\//);
      const response = await fetch(new URL(asset, `${base}/docs/`));
      expect(response.status, asset).toBe(200);
      expect((await response.arrayBuffer()).byteLength, asset).toBeGreaterThan(0);
    }
    // The reference page loads its document from ./json, next to it.
    expect(await json(`${base}/docs/json`)).toMatchObject({ status: 200, body: { openapi: expect.stringMatching(/^3\.1/) } });
    expect(await json(`${base}/openapi.json`)).toMatchObject({ status: 200, body: { openapi: expect.stringMatching(/^3\.1/) } });

    const created = await json(`${base}/api/v1/deployment-sets`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "Started" }),
    });
    expect(created).toMatchObject({ status: 201, body: { name: "Started", owner_id: "local-user" } });
    expect((await json(`${base}/api/v1/deployment-sets`)).body).toMatchObject({ total: 1, items: [{ id: created.body.id }] });
    expect((await json(`${base}/api/v1/artifacts?limit=1`)).body.total).toEqual(expect.any(Number));

    expect(await server.stop("SIGTERM")).toEqual({ code: 0, signal: null });
    expect(server.stderr()).toBe("");

    // A restart on the same database re-runs the (idempotent) migrations and keeps the data; SIGINT stops it too.
    server = await startMain(env);
    expect((await json(`${server.url}/api/v1/deployment-sets`)).body).toMatchObject({ total: 1, items: [{ name: "Started" }] });
    expect(await server.stop("SIGINT")).toEqual({ code: 0, signal: null });
  });

  it("logs the collection's warnings found while it opened, before the app existed", async () => {
    const folder = scratch("warnings");
    const collection = join(folder, "collection");
    mkdirSync(collection);
    writeFileSync(
      join(collection, "collection.toml"),
      '[collection]\nname = "warned"\nversion = "1.0.0"\n\n[[artifacts]]\nname = "ghost"\ntype = "skill"\n\n[[mcp_servers]]\nname = "legacy"\n',
    );
    server = await startMain(envFor(folder, { DS_COLLECTION: collection }));
    const logged = (test: (line: string) => boolean) => server!.stdout().split("\n").some(test);
    const ghost = (line: string) => line.includes("skill:ghost") && line.includes("does not exist");
    const legacy = (line: string) => line.includes("mcp_servers") && line.includes("legacy") && line.includes("not deployed");
    for (let attempt = 0; attempt < 50 && !(logged(ghost) && logged(legacy)); attempt++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(logged(ghost), server.stdout()).toBe(true);
    expect(logged(legacy), server.stdout()).toBe(true);
    expect(await server.stop()).toEqual({ code: 0, signal: null });
  });

  it("keeps running with an empty catalog and /readyz 503 when the collection does not parse, until it is fixed", async () => {
    const folder = scratch("collection");
    const collection = join(folder, "collection");
    mkdirSync(collection);
    writeFileSync(join(collection, "collection.toml"), '[collection\nname = "broken"\n[[artifacts]\nname = ');
    server = await startMain(envFor(folder, { DS_COLLECTION: collection }));
    const base = server.url;
    expect(await json(`${base}/healthz`)).toMatchObject({ status: 200 });
    const ready = await json(`${base}/readyz`);
    expect(ready.status).toBe(503);
    expect(ready.body.reason).toMatch(/collection/i);
    expect((await json(`${base}/api/v1/artifacts`)).body).toMatchObject({ total: 0, items: [] });
    expect((await json(`${base}/api/v1/groups`)).body).toMatchObject({ total: 0, items: [] });
    expect((await json(`${base}/api/v1/deployment-sets`)).status).toBe(200);

    writeFileSync(join(collection, "collection.toml"), '[collection]\nname = "fixed"\nversion = "1.0.0"\n');
    let status = 503;
    for (let attempt = 0; attempt < 30 && status !== 200; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = (await json(`${base}/readyz`)).status;
    }
    expect(status).toBe(200);
    expect(await server.stop()).toEqual({ code: 0, signal: null });
  });
});

describe.runIf(process.env.PG_URL)("PostgreSQL start", { timeout: 60_000 }, () => {
  const admin = process.env.PG_URL!;
  const name = `ds_startup_${randomBytes(6).toString("hex")}`;
  const servers: SpawnedServer[] = [];
  const query = async (text: string) => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  beforeAll(() => query(`CREATE DATABASE ${name}`));
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop("SIGKILL")));
    await query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  it("starts two instances at once on one fresh database (migrations are safe) and both serve the API", async () => {
    const url = new URL(admin);
    url.pathname = `/${name}`;
    url.password = "s3cr3t-pw"; // ignored by a trust login; must never be printed
    const folder = scratch("pg");
    const started = await Promise.all(
      ["a", "b"].map((instance) => startMain(envFor(join(folder, instance), { DATABASE_URL: url.toString(), DS_DB_POOL_SIZE: "3" }))),
    );
    servers.push(...started);
    const [a, b] = started as [SpawnedServer, SpawnedServer];
    for (const server of started) {
      expect(server.stdout()).toMatch(/database:\s+PostgreSQL postgres:\/\//);
      expect(server.stdout() + server.stderr()).not.toContain("s3cr3t-pw");
      expect(await json(`${server.url}/readyz`)).toMatchObject({ status: 200 });
    }
    const created = await json(`${a.url}/api/v1/deployment-sets`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "Shared" }),
    });
    expect(created.status).toBe(201);
    const child = await json(`${b.url}/api/v1/deployment-sets`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "Child" }),
    });
    expect((await json(`${b.url}/api/v1/deployment-sets/${created.body.id}`)).body).toMatchObject({ name: "Shared" });
    const nested = await json(`${b.url}/api/v1/deployment-sets/${created.body.id}/members`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ nested_set_id: child.body.id }),
    });
    expect(nested.status).toBe(201);
    expect((await json(`${a.url}/api/v1/deployment-sets`)).body).toMatchObject({ total: 2 });
    for (const server of started) expect(await server.stop()).toEqual({ code: 0, signal: null });
  });
});
