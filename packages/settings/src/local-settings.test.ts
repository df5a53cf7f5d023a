import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "./config-error.js";
import { loadLocalSettings } from "./local-settings.js";

describe("loadLocalSettings", () => {
  it("reads DS_COLLECTION and DS_PROJECT_ROOTS, and leaves an unset root list to the caller", () => {
    const collection = mkdtempSync(join(tmpdir(), "ds-settings-"));
    const settings = loadLocalSettings({ DS_COLLECTION: collection, DS_PROJECT_ROOTS: "/a::/b" });
    expect(settings.collection).toBe(collection);
    expect(settings.projectRoots).toEqual(["/a", "/b"]);
    expect(loadLocalSettings({ DS_COLLECTION: collection }).projectRoots).toBeUndefined();
  });

  it("finds SkillMeat's default collection only when it has a collection.toml", () => {
    const home = mkdtempSync(join(tmpdir(), "ds-home-"));
    const skillmeat = join(home, ".skillmeat", "collections", "default");
    mkdirSync(skillmeat, { recursive: true });
    // homedir() reads HOME on POSIX.
    const previous = process.env.HOME;
    process.env.HOME = home;
    try {
      expect(loadLocalSettings({}).collection).toBeUndefined();
      writeFileSync(join(skillmeat, "collection.toml"), "");
      expect(loadLocalSettings({}).collection).toBe(skillmeat);
    } finally {
      process.env.HOME = previous;
    }
  });

  it.each([
    [{ DS_COLLECTION: "/nope/collection" }, "DS_COLLECTION"],
    [{ DS_PROJECT_ROOTS: "relative" }, "DS_PROJECT_ROOTS"],
    [{ DATABASE_URL: "mysql://h/db" }, "DATABASE_URL"],
  ])("rejects %j naming %s", (env, variable) => {
    expect(() => loadLocalSettings(env)).toThrow(ConfigError);
    expect(() => loadLocalSettings(env)).toThrow(new RegExp(`^${variable}:`));
  });
});
