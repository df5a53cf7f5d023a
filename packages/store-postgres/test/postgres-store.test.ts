import { DeploymentSets, MemoryCatalog, hasErrorCode, newId } from "@deployment-sets/core";
import { newOwnerId } from "@deployment-sets/store-testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withClient } from "./support/databases.js";
import { noPg, pgUrl, schemaStore, type SchemaStore } from "./support/pg.js";

/** What only this adapter can get wrong: case folding left to the database, the schema option, column types. */
describe.skipIf(noPg)("PostgresStore specifics", () => {
  let db: SchemaStore;
  let sets: DeploymentSets;
  beforeAll(async () => {
    db = await schemaStore();
    sets = new DeploymentSets({ store: db.store, catalog: new MemoryCatalog() });
  });
  afterAll(() => db?.dispose());

  const names = async (owner: string, query: Record<string, string>) =>
    (await sets.listSets(owner, query)).items.map((set) => set.name).sort();

  it("folds with JavaScript's toLowerCase, never the database's lower()", async () => {
    const owner = newOwnerId();
    // JS folds a word-final capital sigma to "ς" (U+03C2) and "İ" to "i" + U+0307; PostgreSQL's lower() gives
    // "σ" (U+03C3) and a plain "i". The store must compare what JS folded.
    await sets.createSet(owner, { name: "ΟΔΟΣ", tags: ["ΚΟΣΜΟΣ"] });
    await sets.createSet(owner, { name: "İstanbul", tags: ["İzmir"] });
    expect(await names(owner, { name: "\u03bf\u03b4\u03bf\u03c3" })).toEqual([]);
    expect(await names(owner, { name: "ΟΔΟΣ" })).toEqual(["ΟΔΟΣ"]);
    expect(await names(owner, { tag: "\u03ba\u03bf\u03c3\u03bc\u03bf\u03c3" })).toEqual([]);
    expect(await names(owner, { tag: "ΚΟΣΜΟΣ" })).toEqual(["ΟΔΟΣ"]);
    expect(await names(owner, { name: "istanbul" })).toEqual([]);
    expect(await names(owner, { name: "İSTAN" })).toEqual(["İstanbul"]);
    expect(await names(owner, { tag: "İZMİR" })).toEqual([]);
    expect(await names(owner, { tag: "İzmir" })).toEqual(["İstanbul"]);
    const folded = await withClient(pgUrl, async (client) => {
      const { rows } = await client.query(
        `select s.name_folded, t.tag_folded from "${db.schema}".deployment_sets s
         join "${db.schema}".deployment_set_tags t on t.set_id = s.id where s.owner_id = $1 order by s.seq`,
        [owner],
      );
      return rows.map((row) => [row.name_folded, row.tag_folded]);
    });
    expect(folded).toEqual([
      ["ΟΔΟΣ".toLowerCase(), "ΚΟΣΜΟΣ".toLowerCase()],
      ["İstanbul".toLowerCase(), "İzmir".toLowerCase()],
    ]);
  });

  it("matches %, _ and \\ literally in names and tags", async () => {
    const owner = newOwnerId();
    for (const name of ["100% sure", "1000 sure", "snake_case", "snakeXcase", "back\\slash", "backslash"]) {
      await sets.createSet(owner, { name, tags: [name] });
    }
    expect(await names(owner, { name: "0%" })).toEqual(["100% sure"]);
    expect(await names(owner, { name: "e_c" })).toEqual(["snake_case"]);
    expect(await names(owner, { name: "k\\s" })).toEqual(["back\\slash"]);
    expect(await names(owner, { tag: "snake_case" })).toEqual(["snake_case"]);
    expect(await names(owner, { tag: "100%_sure" })).toEqual([]);
  });

  it("keeps stores on different schemas of one database apart", async () => {
    const other = await schemaStore();
    try {
      const owner = newOwnerId();
      const here = await db.store.createSet(owner, { id: newId(), name: "Here", description: null, icon: null, color: null, tags: [], createdAt: new Date() });
      expect(await other.store.getSet(owner, here.id)).toBeUndefined();
      expect((await other.store.listSets(owner, { limit: 10, offset: 0 })).total).toBe(0);
    } finally {
      await other.dispose();
    }
  });

  it("creates the documented schema: identity sequence, byte-wise ids, epoch-millisecond bigints", async () => {
    const columns = await withClient(pgUrl, async (client) => {
      const { rows } = await client.query(
        `select table_name, column_name, data_type, is_identity, collation_name from information_schema.columns
         where table_schema = $1 and (table_name like 'deployment_set%' or table_name = 'deployment_set_deployments')
         order by table_name, ordinal_position`,
        [db.schema],
      );
      return Object.fromEntries(rows.map((r) => [`${r.table_name}.${r.column_name}`, [r.data_type, r.is_identity, r.collation_name]]));
    });
    expect(columns["deployment_sets.seq"]).toEqual(["bigint", "YES", null]);
    expect(columns["deployment_sets.created_at"]).toEqual(["bigint", "NO", null]);
    expect(columns["deployment_sets.id"]).toEqual(["text", "NO", "C"]);
    expect(columns["deployment_set_members.nested_set_id"]).toEqual(["text", "NO", "C"]);
    expect(Object.keys(columns).filter((c) => c.startsWith("deployment_set_members."))).toEqual(
      ["id", "set_id", "artifact_uuid", "group_id", "nested_set_id", "position", "added_at"].map((c) => `deployment_set_members.${c}`),
    );
    expect(Object.keys(columns).filter((c) => c.startsWith("deployment_set_deployments."))).toEqual(
      ["owner_id", "set_id", "project_path", "profile", "deployed_at"].map((c) => `deployment_set_deployments.${c}`),
    );
    expect(columns["deployment_set_deployments.set_id"]).toEqual(["text", "NO", "C"]);
    expect(columns["deployment_set_deployments.deployed_at"]).toEqual(columns["deployment_sets.created_at"]);
    const keys = await withClient(pgUrl, async (client) => {
      const { rows } = await client.query(
        `select c.contype, pg_get_constraintdef(c.oid) as def from pg_constraint c
         where c.conrelid = format('%I.%I', $1::text, 'deployment_set_deployments')::regclass order by c.contype`,
        [db.schema],
      );
      return rows.map((r) => [r.contype, r.def]);
    });
    expect(keys).toEqual([
      ["f", `FOREIGN KEY (set_id) REFERENCES ${db.schema}.deployment_sets(id) ON DELETE CASCADE`],
      ["p", "PRIMARY KEY (set_id, project_path, profile)"],
    ]);
  });

  it("a deploy recorded while the set's delete is in flight is set_not_found once the delete commits", async () => {
    const owner = newOwnerId();
    const set = await sets.createSet(owner, { name: "Racing" });
    const appName = `ds_race_${newId().slice(0, 8)}`;
    const url = new URL(pgUrl);
    url.searchParams.set("application_name", appName);
    const store = db.another({ connectionString: url.toString(), poolSize: 1 });
    await withClient(pgUrl, async (admin) => {
      await admin.query("begin");
      await admin.query(`delete from "${db.schema}".deployment_sets where id = $1`, [set.id]);
      const record = store
        .recordDeployment(owner, { setId: set.id, projectPath: "/p", profile: "codex", deployedAt: new Date() })
        .then(() => "recorded", (e: unknown) => e);
      for (let i = 0; ; i++) {
        // Inside a transaction pg_stat_activity is a snapshot taken on first use: drop it to see the record arrive.
        await admin.query("select pg_stat_clear_snapshot()");
        const { rows } = await admin.query(
          "select 1 from pg_stat_activity where application_name = $1 and wait_event_type = 'Lock'",
          [appName],
        );
        if (rows.length > 0) break;
        if (i > 500) throw new Error("the record never waited on the delete");
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await admin.query("commit");
      const outcome = await record;
      expect(hasErrorCode(outcome, "set_not_found"), String(outcome)).toBe(true);
    });
    const { rows } = await withClient(pgUrl, (client) =>
      client.query(`select 1 from "${db.schema}".deployment_set_deployments where set_id = $1`, [set.id]),
    );
    expect(rows).toEqual([]);
  });

  it("rejects a member row without exactly one reference, or at a negative position, at the database", async () => {
    const owner = newOwnerId();
    const set = await sets.createSet(owner, { name: "Checked" });
    const insert = (refs: string, position: number) =>
      withClient(pgUrl, (client) =>
        client.query(
          `insert into "${db.schema}".deployment_set_members (id, set_id, artifact_uuid, group_id, nested_set_id, position, added_at)
           values ($1, $2, ${refs}, $3, 0)`,
          [newId(), set.id, position],
        ),
      );
    await expect(insert("null, null, null", 0)).rejects.toMatchObject({ code: "23514" });
    await expect(insert("'a', 'g', null", 0)).rejects.toMatchObject({ code: "23514" });
    await expect(insert("'a', null, null", -1)).rejects.toMatchObject({ code: "23514" });
  });
});
