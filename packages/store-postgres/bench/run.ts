/**
 * The PostgreSQL adapter's benchmarks, run by `pnpm bench` (`node --expose-gc --import tsx bench/run.ts`): the
 * store cases every adapter shares (bench-fixtures' `runStoreBench`), with what only PostgreSQL needs here: a
 * throwaway database (`ds_bench_<random>`, dropped at the end), bulk-loaded from `unnest`ed arrays, and the
 * baseline's level query in PostgreSQL's dialect on a pool of its own. Each case prints exactly one
 * `BENCH {json}` line on stdout; progress goes to stderr. A missed target is reported (`target_met: false`), not
 * fatal. Without PG_URL it says so on stderr and exits 0.
 *
 * It measures the source (`../src`, through tsx), so a run never depends on a stale `dist`.
 */
import { runStoreBench, type LevelRow } from "@deployment-sets/bench-fixtures";
import { DeploymentSets, MemoryCatalog, resolveSet } from "@deployment-sets/core";
import pg from "pg";
import { PostgresStore } from "../src/index.js";
import { bulkLoad } from "../test/support/bulk-load.js";
import { createDatabase, dropDatabase, randomName } from "../test/support/databases.js";

/** One breadth-first level: the frontier's sets (ids as a text array) with their tags and members. */
const LEVEL_QUERY = `select s.id, s.owner_id, s.name, s.description, s.icon, s.color, s.created_at, s.updated_at,
    array(select t.tag from deployment_set_tags t where t.set_id = s.id order by t.position) as tags,
    m.id as member_id, m.artifact_uuid, m.group_id, m.nested_set_id, m.position, m.added_at
  from deployment_sets s left join deployment_set_members m on m.set_id = s.id
  where s.owner_id = $1 and s.id = any($2::text[])
  order by s.id, m.position`;

const adminUrl = process.env.PG_URL;
if (!adminUrl) {
  process.stderr.write("[bench store-postgres] PG_URL is not set: skipping the PostgreSQL benchmarks\n");
  process.exit(0);
}

const database = randomName("ds_bench");
const url = await createDatabase(adminUrl, database);
const store = new PostgresStore({ connectionString: url });
const baselinePool = new pg.Pool({ connectionString: url, max: 2 });
// `end()` resolves once it has asked each client to close, not once the sockets are gone: the `drop database ...
// with (force)` below can still terminate a closing connection, whose error the pool re-emits. Unheard, that
// error killed the whole run now and then, after every case had been measured.
baselinePool.on("error", () => {});
try {
  await runStoreBench({
    name: "postgres",
    targets: { resolveMs: 500, addMemberMs: 20 },
    // This process's CPU time only (all its threads, GC included; the database server's time is not in it): a
    // steadier figure than wall time when other work shares the cores.
    resolveFields: (stats) => ({
      load_graph_ms: stats.loadGraphMs,
      resolve_set_ms: stats.resolveSetMs,
      client_cpu_ms: stats.cpuMs,
    }),
    addMemberFields: () => ({}),
    resolveSet,
    async open(fixture, owner) {
      await store.init();
      await bulkLoad(url, "public", owner, fixture.sets);
      return {
        store,
        service: new DeploymentSets({ store, catalog: new MemoryCatalog({ artifacts: fixture.artifacts, groups: fixture.groups }) }),
        queryLevel: async (levelOwner, setIds) => (await baselinePool.query<LevelRow>(LEVEL_QUERY, [levelOwner, setIds])).rows,
      };
    },
  });
} finally {
  await store.close();
  await baselinePool.end();
  await dropDatabase(adminUrl, database);
}
