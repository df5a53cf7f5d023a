import type { DeployProfile, SetDeployment } from "@deployment-sets/core";
import { expect } from "vitest";
import { artifactRef } from "../fixtures/catalog.js";
import { expectErrorCode } from "../fixtures/expect-error.js";
import type { FeatureSuite } from "../suite-context.js";

/** A deployment record. */
function deployment(setId: string, projectPath: string, profile: DeployProfile, deployedAt: Date): SetDeployment {
  return { setId, projectPath, profile, deployedAt };
}

/** `[projectPath, profile, deployedAt ms]` of each entry, in list order. */
function entries(list: readonly SetDeployment[]): [string, DeployProfile, number][] {
  return list.map((d) => [d.projectPath, d.profile, d.deployedAt.getTime()]);
}

/** Deployments: record (upsert), forget and list where a set is deployed; deletes forget, clones start empty. */
export const deploymentsSuite: FeatureSuite = (test) => {
  test("recordDeployment then listDeployments returns it, leaving the set unchanged", async ({ store, owner, newSet, clock }) => {
    const set = await newSet();
    expect(await store.listDeployments(owner, set.id)).toEqual([]);
    const deployedAt = clock.tick(1000);
    await store.recordDeployment(owner, deployment(set.id, "/home/me/project", "claude_code", deployedAt));
    expect(await store.listDeployments(owner, set.id)).toEqual([deployment(set.id, "/home/me/project", "claude_code", deployedAt)]);
    expect(await store.getSet(owner, set.id)).toEqual(set);
  });

  test("a second record for the same project and profile replaces deployedAt (one entry)", async ({ store, owner, newSet, clock }) => {
    const set = await newSet();
    await store.recordDeployment(owner, deployment(set.id, "/work/app", "codex", clock.tick()));
    const later = clock.tick(60_000);
    await store.recordDeployment(owner, deployment(set.id, "/work/app", "codex", later));
    expect(await store.listDeployments(owner, set.id)).toEqual([deployment(set.id, "/work/app", "codex", later)]);
  });

  test("lists several projects and profiles most recent first", async ({ store, owner, newSet, clock }) => {
    const set = await newSet();
    const t = (n: number) => new Date(clock.now().getTime() + n * 1000);
    // Recorded out of time order, so the order can only come from deployedAt.
    await store.recordDeployment(owner, deployment(set.id, "/p/b", "codex", t(3)));
    await store.recordDeployment(owner, deployment(set.id, "/p/a", "claude_code", t(1)));
    await store.recordDeployment(owner, deployment(set.id, "/p/c", "gemini", t(4)));
    await store.recordDeployment(owner, deployment(set.id, "/p/a", "codex", t(2)));
    expect(entries(await store.listDeployments(owner, set.id))).toEqual([
      ["/p/c", "gemini", t(4).getTime()],
      ["/p/b", "codex", t(3).getTime()],
      ["/p/a", "codex", t(2).getTime()],
      ["/p/a", "claude_code", t(1).getTime()],
    ]);
    // Deploying the oldest again moves it to the front.
    await store.recordDeployment(owner, deployment(set.id, "/p/a", "claude_code", t(5)));
    expect(entries(await store.listDeployments(owner, set.id))).toEqual([
      ["/p/a", "claude_code", t(5).getTime()],
      ["/p/c", "gemini", t(4).getTime()],
      ["/p/b", "codex", t(3).getTime()],
      ["/p/a", "codex", t(2).getTime()],
    ]);
  });

  test("deployments at the same instant list by project folder, then profile", async ({ store, owner, newSet, clock }) => {
    const set = await newSet();
    const at = clock.tick();
    for (const [projectPath, profile] of [
      ["/p/b", "claude_code"],
      ["/p/a", "gemini"],
      ["/p/a", "codex"],
      ["/p/c", "cursor"],
    ] as const) {
      await store.recordDeployment(owner, deployment(set.id, projectPath, profile, at));
    }
    await store.recordDeployment(owner, deployment(set.id, "/p/z", "codex", clock.tick()));
    expect(entries(await store.listDeployments(owner, set.id)).map(([path, profile]) => `${path} ${profile}`)).toEqual([
      "/p/z codex",
      "/p/a codex",
      "/p/a gemini",
      "/p/b claude_code",
      "/p/c cursor",
    ]);
  });

  test("project folders are kept verbatim: folders differing in case or accents are different", async ({ store, owner, newSet, clock }) => {
    const set = await newSet();
    const paths = ["/Users/Me/My Project", "/users/me/my project", "/Users/Ünïcode/プロジェクト 😀", "C:\\Work\\app"];
    for (const [i, path] of paths.entries()) await store.recordDeployment(owner, deployment(set.id, path, "cursor", clock.tick(i + 1)));
    expect((await store.listDeployments(owner, set.id)).map((d) => d.projectPath)).toEqual([...paths].reverse());
  });

  test("forgetDeployment removes one entry and is a no-op for unknown ones", async ({ store, owner, newSet, ids, clock }) => {
    const set = await newSet();
    const a = deployment(set.id, "/p/a", "claude_code", clock.tick());
    const b = deployment(set.id, "/p/a", "codex", clock.tick());
    const c = deployment(set.id, "/p/b", "claude_code", clock.tick());
    for (const d of [a, b, c]) await store.recordDeployment(owner, d);

    await store.forgetDeployment(owner, set.id, "/p/a", "codex");
    expect(await store.listDeployments(owner, set.id)).toEqual([c, a]);

    await store.forgetDeployment(owner, set.id, "/p/a", "codex"); // already forgotten
    await store.forgetDeployment(owner, set.id, "/p/a", "gemini"); // known folder, unknown profile
    await store.forgetDeployment(owner, set.id, "/p/unknown", "claude_code"); // unknown folder
    await store.forgetDeployment(owner, set.id, "/P/A", "claude_code"); // folders compare exactly
    await store.forgetDeployment(owner, ids(), "/p/a", "claude_code"); // unknown set
    expect(await store.listDeployments(owner, set.id)).toEqual([c, a]);

    await store.forgetDeployment(owner, set.id, "/p/a", "claude_code");
    await store.forgetDeployment(owner, set.id, "/p/b", "claude_code");
    expect(await store.listDeployments(owner, set.id)).toEqual([]);
  });

  test("recordDeployment and listDeployments of an unknown set throw set_not_found", async ({ store, owner, ids, clock }) => {
    const missing = ids();
    const recorded = await expectErrorCode(
      () => store.recordDeployment(owner, deployment(missing, "/p", "codex", clock.now())),
      "set_not_found",
    );
    expect(recorded.data.setId).toBe(missing);
    expect((await expectErrorCode(() => store.listDeployments(owner, missing), "set_not_found")).data.setId).toBe(missing);
  });

  test("another owner's set: record and list are set_not_found, forget does nothing", async (t) => {
    const { store, owner, otherOwner, newSet, clock } = t;
    const theirs = await newSet({ name: "Theirs" }, otherOwner);
    const mine = await newSet({ name: "Mine" });
    const theirEntry = deployment(theirs.id, "/shared/project", "claude_code", clock.tick());
    await store.recordDeployment(otherOwner, theirEntry);
    const myEntry = deployment(mine.id, "/shared/project", "claude_code", clock.tick());
    await store.recordDeployment(owner, myEntry);

    const recorded = await expectErrorCode(
      () => store.recordDeployment(owner, deployment(theirs.id, "/shared/project", "claude_code", clock.tick(5000))),
      "set_not_found",
    );
    expect(recorded.data.setId).toBe(theirs.id);
    await expectErrorCode(() => store.recordDeployment(owner, deployment(theirs.id, "/mine/only", "codex", clock.tick())), "set_not_found");
    expect((await expectErrorCode(() => store.listDeployments(owner, theirs.id), "set_not_found")).data.setId).toBe(theirs.id);
    await store.forgetDeployment(owner, theirs.id, "/shared/project", "claude_code");
    await store.forgetDeployment(otherOwner, mine.id, "/shared/project", "claude_code");

    expect(await store.listDeployments(otherOwner, theirs.id)).toEqual([theirEntry]);
    expect(await store.listDeployments(owner, mine.id)).toEqual([myEntry]);
    expect(await store.getSet(otherOwner, theirs.id)).toEqual(theirs);
  });

  test("deleteSet forgets the set's deployments, and only its own", async ({ store, owner, newSet, clock }) => {
    const set = await newSet({ name: "Doomed" });
    const other = await newSet({ name: "Kept" });
    await store.recordDeployment(owner, deployment(set.id, "/p/a", "claude_code", clock.tick()));
    await store.recordDeployment(owner, deployment(set.id, "/p/b", "codex", clock.tick()));
    const kept = deployment(other.id, "/p/a", "claude_code", clock.tick());
    await store.recordDeployment(owner, kept);

    await store.deleteSet(owner, set.id, clock.tick());
    await expectErrorCode(() => store.listDeployments(owner, set.id), "set_not_found");
    await expectErrorCode(() => store.recordDeployment(owner, deployment(set.id, "/p/a", "claude_code", clock.tick())), "set_not_found");
    expect(await store.listDeployments(owner, other.id)).toEqual([kept]);

    // A new set under the deleted one's id starts with no deployments.
    const recreated = await newSet({ id: set.id, name: "Recreated" });
    expect(await store.listDeployments(owner, recreated.id)).toEqual([]);
  });

  test("cloneSet does not copy deployments", async ({ store, owner, newSet, add, ids, clock }) => {
    const set = await newSet({ name: "Source" });
    await add(set.id, artifactRef(0));
    const deployed = deployment(set.id, "/p/a", "gemini", clock.tick());
    await store.recordDeployment(owner, deployed);
    const clone = await store.cloneSet(owner, set.id, { id: ids(), name: "Copy", createdAt: clock.tick(), newMemberId: ids });
    expect(await store.listDeployments(owner, clone.id)).toEqual([]);
    expect(await store.listDeployments(owner, set.id)).toEqual([deployed]);
    expect((await store.listMembers(owner, clone.id)).map((m) => m.ref)).toEqual([artifactRef(0)]);
  });

  test("deployedAt keeps its milliseconds", async ({ store, owner, newSet }) => {
    const set = await newSet();
    const times = [new Date("2024-05-01T12:00:00.001Z"), new Date("2031-12-31T23:59:59.999Z"), new Date("1999-01-02T03:04:05.678Z")];
    for (const [i, at] of times.entries()) await store.recordDeployment(owner, deployment(set.id, `/p/${i}`, "claude_code", at));
    const listed = await store.listDeployments(owner, set.id);
    expect(listed.map((d) => d.deployedAt.getTime())).toEqual(times.map((at) => at.getTime()).sort((x, y) => y - x));
    expect(listed.every((d) => d.deployedAt instanceof Date)).toBe(true);
  });
};
