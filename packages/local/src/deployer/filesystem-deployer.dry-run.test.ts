import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DeployCase } from "../../test/deploy-case.js";
import { artifact, snapshotTree } from "../../test/deployer-fixtures.js";

let current: DeployCase | undefined;
afterEach(async () => {
  await current?.dispose();
  current = undefined;
});

/** A Cursor project where one deploy would meet every row of the decision table. */
async function mixedProject() {
  const c = (current = await DeployCase.create("cursor"));
  const created = artifact("skill", "fresh");
  const unchanged = artifact("command", "same");
  const unrecorded = artifact("agent", "copied");
  const updated = artifact("skill", "moving");
  const edited = artifact("command", "edited");
  const conflicting = artifact("agent", "theirs");
  const unsupported = artifact("hook", "lint");
  const broken = artifact("skill", "broken", "skills/not-there");
  const all = [created, unchanged, unrecorded, updated, edited, conflicting, unsupported, broken];
  for (const item of [unchanged, unrecorded, updated, edited, created, conflicting, unsupported]) await c.source(item, "1");
  await c.run([unchanged, updated, edited]);
  await c.source(updated, "2");
  await c.source(edited, "2");
  await c.editDestination(edited);
  await c.placeForeign(conflicting);
  // Equal content that no deploy recorded (copied by hand).
  await c.run([unrecorded], { setId: "f".repeat(32) });
  const tracking = (await c.tracking())!;
  tracking["deployed"] = (tracking["deployed"] as { artifact_name: string }[]).filter((r) => r.artifact_name !== "copied");
  const { stringify } = await import("smol-toml");
  await writeFile(join(c.root, ".skillmeat-deployed.toml"), stringify(tracking));
  return { c, all };
}

describe("dry run", () => {
  it.each([false, true])("writes nothing at all and predicts the next deploy exactly (force %s)", async (force) => {
    const { c, all } = await mixedProject();
    const before = await snapshotTree(c.base);
    const planned = await c.run(all, { dryRun: true, force });
    expect(await snapshotTree(c.base)).toEqual(before);

    expect(planned.map((r) => r.action)).toEqual(
      force
        ? ["created", "unchanged", "unchanged", "updated", "overwritten", "overwritten", "unsupported", "error"]
        : ["created", "unchanged", "unchanged", "updated", "kept_local_changes", "conflict", "unsupported", "error"],
    );
    const deployed = await c.run(all, { force });
    // A plan writes no backup, so it names none.
    expect(deployed.map(({ backupPath: _kept, ...result }) => result)).toEqual(planned);
    if (force) expect(deployed.filter((r) => r.backupPath !== undefined).map((r) => r.artifactName)).toEqual(["edited", "theirs"]);
    expect(await snapshotTree(c.base)).not.toEqual(before);
  });

  it("creates no profile root, lock or tracking file in an empty project", async () => {
    const c = (current = await DeployCase.create("claude_code"));
    const item = artifact("skill", "pdf");
    await c.source(item, "1");
    const before = await snapshotTree(c.base);
    expect((await c.run([item], { dryRun: true }))[0]!.action).toBe("created");
    expect(await snapshotTree(c.base)).toEqual(before);
    expect(before.some((entry) => entry.path.startsWith("project/.claude"))).toBe(false);
  });

  it("leaves leftovers of interrupted deploys and stale locks alone", async () => {
    const c = (current = await DeployCase.create("claude_code"));
    const item = artifact("command", "review");
    await c.source(item, "1");
    await c.run([item]);
    await mkdir(join(c.root, "skills", ".ds-tmp-leftover"), { recursive: true });
    await writeFile(join(c.root, ".ds-tmp-tracking"), "half");
    await writeFile(join(c.root, ".skillmeat-deployed.lock"), JSON.stringify({ pid: 999_999_999, host: "x", time: "2000-01-01T00:00:00Z" }));
    const before = await snapshotTree(c.base);
    expect((await c.run([item], { dryRun: true }))[0]!.action).toBe("unchanged");
    expect(await snapshotTree(c.base)).toEqual(before);
  });
});
