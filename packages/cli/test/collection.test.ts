import { cpSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, EXAMPLE_COLLECTION, embeddedMode, type Mode } from "./cli-harness.js";

/** The collection.toml of `collection` without the `[[artifacts]]` entry named `name`. */
function withoutArtifact(toml: string, name: string): string {
  const start = toml.indexOf(`[[artifacts]]\nname = "${name}"`);
  const end = toml.indexOf("[[artifacts]]", start + 1);
  if (start < 0 || end < 0) throw new Error(`no artifact ${name} in the collection`);
  return toml.slice(0, start) + toml.slice(end);
}

describe("a set whose artifact left the collection (embedded)", () => {
  let mode: Mode;
  let collection: string;
  beforeAll(async () => {
    mode = await embeddedMode();
    collection = join(realpathSync(mkdtempSync(join(tmpdir(), "ds-cli-collection-"))), "collection");
    cpSync(EXAMPLE_COLLECTION, collection, { recursive: true });
    const env = { DS_COLLECTION: collection };
    for (const argv of [
      ["sets", "create", "Backend"],
      ["add", "Backend", "api-design", "code-reviewer"],
    ]) {
      expect((await cli(mode, argv, { env })).code).toBe(0);
    }
    const toml = join(collection, "collection.toml");
    writeFileSync(toml, withoutArtifact(readFileSync(toml, "utf8"), "api-design"));
  });
  afterAll(async () => {
    await mode.close();
    rmSync(join(collection, ".."), { recursive: true, force: true });
  });

  it("flags the missing reference in resolve, sets show and a deploy, and deploys the rest", async () => {
    const env = { DS_COLLECTION: collection };
    const resolved = await cli(mode, ["resolve", "Backend"], { env });
    expect(resolved.code).toBe(0);
    expect(resolved.stdout).toContain("1 artifact, 1 missing\n✗ missing artifact 4bffb3fc729543ddb27751361d169512 (in Backend)");
    expect((await cli(mode, ["sets", "show", "Backend"], { env })).stdout).toMatch(/^0 +artifact +\(missing\) +4bffb3fc729543ddb27751361d169512$/m);
    const deployed = await cli(mode, ["deploy", "Backend"], { env });
    expect(deployed.code).toBe(0);
    expect(deployed.stdout).toContain("✗ missing artifact 4bffb3fc729543ddb27751361d169512 (in Backend)");
    expect(deployed.stdout).toContain("1 created");
  });
});
