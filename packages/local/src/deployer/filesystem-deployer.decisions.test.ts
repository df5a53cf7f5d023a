import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ArtifactType, DeployAction, DeployProfile, DeployStatus } from "@deployment-sets/core";
import { ARTIFACT_TYPES } from "@deployment-sets/core";
import { afterEach, describe, expect, it } from "vitest";
import { DeployCase } from "../../test/deploy-case.js";
import { artifact } from "../../test/deployer-fixtures.js";
import { contentHash } from "./fs/content-hash.js";
import { PLACEMENTS, PROFILE_ROOTS } from "./placement/placements.js";

/** Hashes a row's arrangement produced, by role. */
interface Hashes {
  v1?: string;
  v2?: string;
  local?: string;
}

interface Row {
  /** Brings the project into the row's situation; returns the hashes involved. */
  readonly arrange: (c: DeployCase, item: ReturnType<typeof artifact>, h: Hashes) => Promise<void>;
  readonly force?: boolean;
  readonly action: DeployAction;
  readonly status: DeployStatus;
  /** What the destination holds afterwards, and which hash the record holds (`none`: no record). */
  readonly content: keyof Hashes;
  readonly record: keyof Hashes | "none";
}

const ROWS: readonly (readonly [string, Row])[] = [
  [
    "nothing at the destination",
    { arrange: async (c, a, h) => void (h.v1 = await c.source(a, "1")), action: "created", status: "success", content: "v1", record: "v1" },
  ],
  [
    "destination equals the source, recorded",
    {
      arrange: async (c, a, h) => {
        h.v1 = await c.source(a, "1");
        await c.run([a]);
      },
      action: "unchanged",
      status: "skipped",
      content: "v1",
      record: "v1",
    },
  ],
  [
    "destination equals the source, no record (one is written)",
    {
      arrange: async (c, a, h) => {
        h.v1 = await c.source(a, "1");
        await c.run([a]);
        await c.forgetRecords();
      },
      action: "unchanged",
      status: "skipped",
      content: "v1",
      record: "v1",
    },
  ],
  [
    "recorded, unedited, source changed",
    {
      arrange: async (c, a, h) => {
        h.v1 = await c.source(a, "1");
        await c.run([a]);
        h.v2 = await c.source(a, "2");
      },
      action: "updated",
      status: "success",
      content: "v2",
      record: "v2",
    },
  ],
  [
    "recorded, edited in the project, source changed",
    {
      arrange: async (c, a, h) => {
        h.v1 = await c.source(a, "1");
        await c.run([a]);
        h.local = await c.editDestination(a);
        h.v2 = await c.source(a, "2");
      },
      action: "kept_local_changes",
      status: "skipped",
      content: "local",
      record: "v1",
    },
  ],
  [
    "recorded, edited in the project, source unchanged",
    {
      arrange: async (c, a, h) => {
        h.v1 = await c.source(a, "1");
        await c.run([a]);
        h.local = await c.editDestination(a);
      },
      action: "kept_local_changes",
      status: "skipped",
      content: "local",
      record: "v1",
    },
  ],
  [
    "present without a record",
    {
      arrange: async (c, a, h) => {
        h.v1 = await c.source(a, "1");
        h.local = await c.placeForeign(a);
      },
      action: "conflict",
      status: "skipped",
      content: "local",
      record: "none",
    },
  ],
  [
    "edited in the project, with force",
    {
      arrange: async (c, a, h) => {
        h.v1 = await c.source(a, "1");
        await c.run([a]);
        h.local = await c.editDestination(a);
        h.v2 = await c.source(a, "2");
      },
      force: true,
      action: "overwritten",
      status: "success",
      content: "v2",
      record: "v2",
    },
  ],
  [
    "present without a record, with force",
    {
      arrange: async (c, a, h) => {
        h.v1 = await c.source(a, "1");
        h.local = await c.placeForeign(a);
      },
      force: true,
      action: "overwritten",
      status: "success",
      content: "v1",
      record: "v1",
    },
  ],
];

/** The cells whose artifact lands as it is (converted and merged cells have their own tests). */
const COPIED = cells((kind) => kind === "copy");
const UNSUPPORTED = cells((kind) => kind === "unsupported");

function cells(accept: (kind: string) => boolean): [DeployProfile, ArtifactType][] {
  return (Object.keys(PLACEMENTS) as DeployProfile[]).flatMap((profile) =>
    ARTIFACT_TYPES.filter((type) => accept(PLACEMENTS[profile][type].kind)).map((type): [DeployProfile, ArtifactType] => [profile, type]),
  );
}

let current: DeployCase | undefined;
afterEach(async () => {
  await current?.dispose();
  current = undefined;
});

describe.each(COPIED)("profile %s, type %s", (profile, type) => {
  it.each(ROWS)("%s", async (_name, row) => {
    const c = (current = await DeployCase.create(profile));
    const item = artifact(type, "sample");
    const hashes: Hashes = {};
    await row.arrange(c, item, hashes);

    const planned = await c.run([item], { force: row.force ?? false, dryRun: true });
    const [result] = await c.run([item], { force: row.force ?? false });

    const label = c.label(item);
    expect(result).toEqual({
      artifactUuid: item.uuid,
      artifactName: item.name,
      artifactType: type,
      status: row.status,
      action: row.action,
      path: label,
      error: null,
      ...(row.action === "kept_local_changes" || row.action === "conflict" ? { hint: expect.stringContaining("deploy with force") } : {}),
      ...(row.action === "overwritten" ? { backupPath: expect.stringMatching(new RegExp(`^${PROFILE_ROOTS[profile]}/\\.deployment-sets/backups/[^/]+/${label}$`)) } : {}),
    });
    if (row.action === "overwritten") expect(await contentHash(join(c.project, result!.backupPath!))).toBe(hashes.local);
    // A plan writes no backup, so it names none.
    const { backupPath: _written, ...predicted } = result!;
    expect(planned).toEqual([predicted]);
    expect(await c.destinationHash(item)).toBe(hashes[row.content]);
    const record = await c.record(item);
    if (row.record === "none") expect(record).toBeUndefined();
    else expect(record?.["content_hash"]).toBe(hashes[row.record]);
  });

  it("unreadable source: error, and the other artifacts still deploy", async () => {
    const c = (current = await DeployCase.create(profile));
    const missing = artifact(type, "missing");
    const other = artifact("skill", "other");
    const v1 = await c.source(other, "1");
    const results = await c.run([missing, other]);
    expect(results[0]).toMatchObject({ artifactName: "missing", status: "failed", action: "error" });
    expect(results[0]!.path).toBe(c.label(missing));
    expect(results[0]!.error).toMatch(/does not exist/);
    expect(results[1]).toMatchObject({ artifactName: "other", status: "success", action: "created", error: null });
    expect(await c.destinationHash(other)).toBe(v1);
    expect(await c.destinationHash(missing)).toBeNull();
  });
});

describe.each(UNSUPPORTED)("profile %s does not take %s", (profile, type) => {
  it("reports skipped/unsupported with path null, writes it nowhere, and deploys the rest", async () => {
    const c = (current = await DeployCase.create(profile));
    const item = artifact(type, "sample");
    const other = artifact("skill", "other");
    await c.source(item, "1");
    await c.source(other, "1");
    const results = await c.run([item, other]);
    const placement = PLACEMENTS[profile][type];
    const reason = placement.kind === "unsupported" ? placement.reason : "";
    expect(results).toEqual([
      { artifactUuid: item.uuid, artifactName: "sample", artifactType: type, status: "skipped", action: "unsupported", path: null, error: null, hint: reason },
      expect.objectContaining({ artifactName: "other", action: "created" }),
    ]);
    expect(await c.records()).toHaveLength(1);
    expect(await c.run([item], { dryRun: true, setId: "f".repeat(32) })).toEqual([results[0]]);
  });
});

describe("results", () => {
  it("come in request order, whatever finishes first", async () => {
    const c = (current = await DeployCase.create());
    const items = Array.from({ length: 24 }, (_, i) => artifact(i % 3 === 0 ? "skill" : i % 3 === 1 ? "command" : "mcp", `a${i}`));
    for (const [i, item] of items.entries()) await c.source(item, "1", { size: i % 2 === 0 ? 40_000 : 10 });
    const results = await c.run(items);
    expect(results.map((r) => r.artifactName)).toEqual(items.map((i) => i.name));
  });

  it("replace a file where a folder belongs, and a folder where a file belongs, only with force", async () => {
    const c = (current = await DeployCase.create());
    const skill = artifact("skill", "pdf");
    const command = artifact("command", "review");
    const skillHash = await c.source(skill, "1");
    const commandHash = await c.source(command, "1");
    await mkdir(join(c.root, "skills"), { recursive: true });
    await writeFile(join(c.root, "skills", "pdf"), "a file, not a folder\n");
    await mkdir(join(c.root, "commands", "review.md", "inner"), { recursive: true });
    await writeFile(join(c.root, "commands", "review.md", "inner", "x.md"), "a folder, not a file\n");
    expect((await c.run([skill, command])).map((r) => r.action)).toEqual(["conflict", "conflict"]);
    expect((await c.run([skill, command], { force: true })).map((r) => r.action)).toEqual(["overwritten", "overwritten"]);
    expect(await c.destinationHash(skill)).toBe(skillHash);
    expect(await c.destinationHash(command)).toBe(commandHash);
    expect((await c.run([skill, command])).map((r) => r.action)).toEqual(["unchanged", "unchanged"]);
  });

  it("report a second artifact with the same name and type as an error", async () => {
    const c = (current = await DeployCase.create());
    const first = artifact("command", "twin");
    const second = { ...first, uuid: "f".repeat(32) };
    await c.source(first, "1");
    const results = await c.run([first, second]);
    expect(results.map((r) => r.action)).toEqual(["created", "error"]);
  });
});
