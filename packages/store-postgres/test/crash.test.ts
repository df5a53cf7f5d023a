import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { newId } from "@deployment-sets/core";
import { checkStoreInvariants, newOwnerId } from "@deployment-sets/store-testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bulkLoad } from "./support/bulk-load.js";
import { withClient } from "./support/databases.js";
import { noPg, pgUrl, schemaStore, type SchemaStore } from "./support/pg.js";

const MEMBERS = 5_000;
const packageDir = fileURLToPath(new URL("..", import.meta.url));

describe.skipIf(noPg)("a clone killed mid-transaction", () => {
  let db: SchemaStore;
  beforeAll(async () => {
    db = await schemaStore();
  });
  afterAll(() => db?.dispose());

  it(`SIGKILL while a ${MEMBERS}-member clone is inserting leaves no clone or the complete clone`, async () => {
    const owner = newOwnerId();
    const sourceId = newId();
    const refs = Array.from({ length: MEMBERS }, (_, i) => ({ ref: { type: "artifact" as const, id: `artifact-${i}` } }));
    await bulkLoad(pgUrl, db.schema, owner, [{ id: sourceId, name: "Big", members: refs }]);

    const appName = `ds_crash_${newId().slice(0, 8)}`;
    const childUrl = new URL(pgUrl);
    childUrl.searchParams.set("application_name", appName);
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "test/support/clone-child.ts", childUrl.toString(), db.schema, owner, sourceId],
      { cwd: packageDir, stdio: ["ignore", "pipe", "inherit"] },
    );
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = once(child, "exit");

    const killedDuring = await withClient(pgUrl, async (admin) => {
      // Let at least one clone complete, then kill while the member copy of the next one is running.
      const deadline = Date.now() + 60_000;
      while (!output.includes("cloned ")) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`child made no clone: ${output}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      for (;;) {
        if (Date.now() > deadline) throw new Error("never caught the child mid-clone");
        const { rows } = await admin.query<{ query: string }>(
          `select query from pg_stat_activity
           where application_name = $1 and state = 'active' and xact_start is not null
             and query like 'insert into deployment_set_members%'`,
          [appName],
        );
        if (rows.length > 0) {
          child.kill("SIGKILL");
          return rows[0]!.query;
        }
      }
    });
    await exited;
    expect(killedDuring).toMatch(/^insert into deployment_set_members/);

    // The server notices the dead client and rolls its transaction back; wait for the backend to go.
    await withClient(pgUrl, async (admin) => {
      for (let i = 0; ; i++) {
        const { rows } = await admin.query("select 1 from pg_stat_activity where application_name = $1", [appName]);
        if (rows.length === 0) break;
        if (i > 200) throw new Error("the killed client's backend is still there");
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    });

    const started = [...output.matchAll(/^cloning (\w+)$/gm)].map((m) => m[1]!);
    const finished = new Set([...output.matchAll(/^cloned (\w+)$/gm)].map((m) => m[1]!));
    const inFlight = started.filter((id) => !finished.has(id));
    expect(inFlight).toHaveLength(1);

    const sourceRefs = (await db.store.listMembers(owner, sourceId)).map((m) => m.ref.id);
    expect(sourceRefs).toHaveLength(MEMBERS);
    const page = await db.store.listSets(owner, { limit: 200, offset: 0 });
    const clones = page.items.filter((set) => set.id !== sourceId);
    // Every clone that exists is complete; the one killed mid-copy either committed whole or left nothing.
    for (const id of finished) expect(clones.map((set) => set.id)).toContain(id);
    for (const clone of clones) {
      expect(started).toContain(clone.id);
      const members = await db.store.listMembers(owner, clone.id);
      expect(members.map((m) => m.ref.id)).toEqual(sourceRefs);
    }
    await checkStoreInvariants(db.store, owner);
  }, 120_000);
});
