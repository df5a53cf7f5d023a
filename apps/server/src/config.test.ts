import { mkdtempSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, EXAMPLE_COLLECTION, loadConfig } from "./config.js";

const home = homedir();

describe("loadConfig", () => {
  it("defaults to SQLite in the data directory, the example collection and the home directory as root", () => {
    const config = loadConfig({ HOME: home, XDG_DATA_HOME: "/data" });
    expect(config).toMatchObject({
      host: "127.0.0.1",
      port: 8080,
      database: { kind: "sqlite", filename: "/data/deployment-sets/deployment-sets.db" },
      projectRoots: [home],
      auth: { mode: "none" },
      logLevel: "info",
      corsOrigins: [],
    });
    expect([EXAMPLE_COLLECTION, join(home, ".skillmeat", "collections", "default")]).toContain(config.collection);
  });

  it.each([
    ["postgres://u@h:5432/db", { kind: "postgres", url: "postgres://u@h:5432/db", poolSize: 10, writeWaitMs: 20_000 }],
    ["postgresql://h/db", { kind: "postgres", url: "postgresql://h/db", poolSize: 10, writeWaitMs: 20_000 }],
    ["sqlite:/tmp/x.db", { kind: "sqlite", filename: "/tmp/x.db" }],
    [":memory:", { kind: "sqlite", filename: ":memory:" }],
    ["/var/db/sets.db", { kind: "sqlite", filename: "/var/db/sets.db" }],
  ])("DATABASE_URL=%s", (url, database) => {
    expect(loadConfig({ DATABASE_URL: url }).database).toEqual(database);
  });

  it("reads the PostgreSQL write wait", () => {
    expect(loadConfig({ DATABASE_URL: "postgres://h/db", DS_DB_WRITE_WAIT_MS: "3000" }).database).toMatchObject({ writeWaitMs: 3_000 });
  });

  it("defaults to no project roots with tokens, and reads roots and CORS origins as lists", () => {
    const dir = mkdtempSync(join(tmpdir(), "ds-config-"));
    const tokens = join(dir, "tokens.json");
    writeFileSync(tokens, JSON.stringify({ tokens: [] }));
    expect(loadConfig({ DS_AUTH: "token", DS_TOKENS_FILE: tokens }).projectRoots).toEqual([]);
    expect(loadConfig({ DS_PROJECT_ROOTS: "/a:/b" }).projectRoots).toEqual(["/a", "/b"]);
    expect(loadConfig({ DS_CORS_ORIGINS: "http://a, http://b" }).corsOrigins).toEqual(["http://a", "http://b"]);
  });

  it.each([
    [{ PORT: "http" }, "PORT"],
    [{ PORT: "70000" }, "PORT"],
    [{ DS_DB_POOL_SIZE: "0" }, "DS_DB_POOL_SIZE"],
    [{ DS_DB_WRITE_WAIT_MS: "50" }, "DS_DB_WRITE_WAIT_MS"],
    [{ DS_DB_WRITE_WAIT_MS: "5s" }, "DS_DB_WRITE_WAIT_MS"],
    [{ DS_AUTH: "oauth" }, "DS_AUTH"],
    [{ DS_AUTH: "token" }, "DS_TOKENS_FILE"],
    [{ DS_AUTH: "token", DS_TOKENS_FILE: "/nope/tokens.json" }, "DS_TOKENS_FILE"],
    [{ DS_LOG_LEVEL: "loud" }, "DS_LOG_LEVEL"],
    [{ DS_PROJECT_ROOTS: "relative/path" }, "DS_PROJECT_ROOTS"],
    [{ DS_COLLECTION: "/nope/collection" }, "DS_COLLECTION"],
    [{ DATABASE_URL: "mysql://h/db" }, "DATABASE_URL"],
    [{ DATABASE_URL: "sqlite:" }, "DATABASE_URL"],
  ])("rejects %j naming %s", (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`^${variable}:`));
  });
});
