/**
 * The SQLite adapter's benchmarks, run by `pnpm bench` (`node --expose-gc --import tsx bench/run.ts`): the store
 * cases every adapter shares (bench-fixtures' `runStoreBench`), with what only SQLite needs here: a throwaway
 * database file in the system's temporary folder (removed at the end), bulk-loaded in one transaction, and the
 * baseline's level query in SQLite's dialect, prepared once on a second, read-only connection. Each case prints
 * exactly one `BENCH {json}` line on stdout; progress goes to stderr. A missed target is reported
 * (`target_met: false`), not fatal; a wrong result exits non-zero.
 *
 * It measures the source (`../src`, through tsx), so a run never depends on a stale `dist`.
 */
import { runStoreBench, type LevelRow } from "@deployment-sets/bench-fixtures";
import { DeploymentSets, MemoryCatalog, resolveSet } from "@deployment-sets/core";
import Database from "better-sqlite3";
import { SqliteStore } from "../src/index.js";
import { bulkLoad } from "../test/support/bulk-load.js";
import { tempDatabase } from "../test/temp-database.js";

/** One breadth-first level: the frontier's sets (ids as a JSON array) with their tags and members. */
const LEVEL_QUERY = `select s.id, s.owner_id, s.name, s.description, s.icon, s.color, s.created_at, s.updated_at,
    (select json_group_array(t.tag order by t.position) from deployment_set_tags t where t.set_id = s.id) as tags,
    m.id as member_id, m.artifact_uuid, m.group_id, m.nested_set_id, m.position, m.added_at
  from deployment_sets s left join deployment_set_members m on m.set_id = s.id
  where s.owner_id = ? and s.id in (select value from json_each(?))
  order by s.id, m.position`;

const file = tempDatabase("store-sqlite-bench-");
const store = new SqliteStore({ filename: file.filename });
let baselineDb: Database.Database | undefined;
try {
  await runStoreBench({
    name: "sqlite",
    targets: { resolveMs: 300, addMemberMs: 10 },
    // In-process: the CPU time includes SQLite's own work.
    resolveFields: (stats) => ({ load_graph_ms: stats.loadGraphMs, cpu_ms: stats.cpuMs, baseline_cpu_ms: stats.baselineCpuMs }),
    addMemberFields: (stats) => ({ whole_graph_check_ms: stats.wholeGraphCheckMs }),
    resolveSet,
    async open(fixture, owner) {
      await store.init();
      bulkLoad(file.filename, owner, fixture.sets);
      baselineDb = new Database(file.filename, { readonly: true });
      const level = baselineDb.prepare<[string, string], LevelRow>(LEVEL_QUERY);
      return {
        store,
        service: new DeploymentSets({ store, catalog: new MemoryCatalog({ artifacts: fixture.artifacts, groups: fixture.groups }) }),
        queryLevel: (levelOwner, setIds) => level.all(levelOwner, JSON.stringify(setIds)),
      };
    },
  });
} finally {
  baselineDb?.close();
  await store.close();
  file.remove();
}
