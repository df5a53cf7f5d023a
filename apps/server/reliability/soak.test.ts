import { mkdtempSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { EXAMPLE_COLLECTION } from "../src/config.js";
import { assertBuilt, startMain } from "../test/spawn-server.js";
import { percentile, reportReliability } from "./report.js";
import { pace, saturate } from "./traffic/drive.js";
import { ContentionProbe, type StallCause } from "./traffic/contention-probe.js";
import { LoopbackClient } from "./traffic/loopback-client.js";
import { rssMb, walFrames } from "./traffic/process-stats.js";
import { seeded } from "./traffic/random.js";
import { seedSharedSets } from "./traffic/seed-data.js";
import { SoakClient, type Outcome } from "./traffic/soak-client.js";
import { stallsOf } from "./traffic/stalls.js";

/** Concurrent loopback clients, each with its own sets. */
const CLIENTS = 8;
/** The closed-loop run that measures capacity (it doubles as the first warm-up). */
const CAPACITY_MS = 4_000;
/** The paced run, at {@link LOAD} of the measured capacity. */
const LOAD_MS = 56_000;
const LOAD = 0.75;
/** Into the paced run, when the baseline RSS is taken (code compiled, caches and pools at their working size). */
const WARM_UP_MS = 6_000;
const MAX_RSS_GROWTH_MB = 50;
/** A request slower than this is "slow". */
const SLOW_MS = 50;
/**
 * How many stalls of the server's own (overlapping slow requests counted once, the machine not explaining them)
 * the paced run may hold: a full garbage collection or two. The old in-commit checkpoint ran once per ~1,000 WAL
 * pages, several times a second at this load.
 */
const MAX_STALLS = 4;
/**
 * The WAL may hold what one checkpoint interval writes; past the store's 4 MiB limit it is truncated at the next
 * checkpoint. Twice that limit (in 4 KiB pages plus frame headers) means housekeeping stopped keeping up.
 */
const MAX_WAL_PAGES = 2 * 1018;
/** How many samples (one a second) at each end of the paced run the RSS floor (the lowest) is taken over. */
const RSS_WINDOW_SAMPLES = 10;
const SEED = Number(process.env.SOAK_SEED ?? 20_260_101);

/** What the soak saw: the answers of the capacity and the paced runs, and the server's numbers. */
interface SoakRun {
  readonly capacity: { readonly outcomes: Outcome[]; readonly rps: number };
  readonly paced: { readonly outcomes: Outcome[]; readonly rps: number; readonly skipped: number };
  /** The server's RSS (MiB), once a second after the warm-up, and at the end. */
  readonly rss: number[];
  readonly walMaxFrames: number;
  /** The cause of each stall of the paced run. */
  readonly stallCauses: StallCause[];
  /** The server's log lines at level error or fatal. */
  readonly errorLogs: string[];
}

/** Starts the built server on a fresh SQLite file, seeds it, measures its capacity, then paces the load. */
async function soak(): Promise<SoakRun> {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), "ds-soak-")));
  const database = join(dir, "soak.db");
  const main = await startMain({ DATABASE_URL: database, DS_COLLECTION: EXAMPLE_COLLECTION, DS_PROJECT_ROOTS: dir, DS_LOG_LEVEL: "warn" });
  const pid = main.child.pid!;
  const http = new LoopbackClient(main.url, CLIENTS);
  try {
    const seed = await seedSharedSets(http);
    const clients = Array.from({ length: CLIENTS }, (_, i) => new SoakClient(http, `client-${i}`, seed, seeded(SEED + i)));
    for (const client of clients) await client.setUp();

    const capacity = await saturate(clients, CAPACITY_MS);
    const rss: number[] = [];
    let walMaxFrames = 0;
    const started = performance.now();
    const probe = new ContentionProbe(pid);
    probe.start();
    const paced = await pace(clients, capacity.rps * LOAD, LOAD_MS, () => {
      walMaxFrames = Math.max(walMaxFrames, walFrames(database));
      if (performance.now() - started >= WARM_UP_MS) rss.push(rssMb(pid));
    });
    probe.stop();
    const stallCauses = stallsOf(paced.outcomes, SLOW_MS).map((stall) => probe.explain(stall));
    rss.push(rssMb(pid));
    walMaxFrames = Math.max(walMaxFrames, walFrames(database));
    http.close();
    const exit = await main.stop();
    expect(exit.code, main.stderr()).toBe(0);
    const errorLogs = main.stdout().split("\n").filter((line) => /"level":(50|60)/.test(line));
    return { capacity, paced, rss, walMaxFrames, stallCauses, errorLogs };
  } finally {
    http.close();
    await main.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

it("serves a minute of mixed traffic near capacity without errors, memory growth or housekeeping stalls", { timeout: 150_000 }, async () => {
  assertBuilt();
  const { capacity, paced: run, rss, walMaxFrames, stallCauses, errorLogs } = await soak();
  const paced = run.outcomes;
  const capacityRps = capacity.rps;
  const all = [...capacity.outcomes, ...paced];
  const failed = all.filter((o) => o.failure !== undefined);
  const s5xx = all.filter((o) => o.status >= 500).length;
  const latencies = paced.map((o) => o.ms);
  const writes = paced.filter((o) => o.write).map((o) => o.ms);
  const stalls = stallsOf(paced, SLOW_MS);
  const serverStalls = stalls.filter((_, i) => stallCauses[i] === "server busy");
  // RSS follows the garbage collector's sawtooth: V8 lets the heap grow until a full collection (here up to
  // ~1 MB/s of garbage at a few hundred requests per second, then a drop of 50 MB). The floor of each end's
  // samples is the nearest thing to what survived; a leak raises the end's floor above the start's.
  const rssStart = Math.min(...rss.slice(0, RSS_WINDOW_SAMPLES));
  const rssEnd = Math.min(...rss.slice(-RSS_WINDOW_SAMPLES));
  const rssGrowth = rssEnd - rssStart;
  const checks = {
    "no failed request": failed.length === 0,
    "no error logged": errorLogs.length === 0,
    [`RSS growth under ${MAX_RSS_GROWTH_MB} MB`]: rssGrowth < MAX_RSS_GROWTH_MB,
    [`WAL under ${MAX_WAL_PAGES} pages`]: walMaxFrames < MAX_WAL_PAGES,
    [`at most ${MAX_STALLS} stalls over ${SLOW_MS} ms of the server's own`]: serverStalls.length <= MAX_STALLS,
  };
  const round = (n: number) => Math.round(n * 10) / 10;
  reportReliability({
    part: "soak",
    requests: all.length,
    failures: failed.length + Object.values(checks).filter((ok) => !ok).length,
    s5xx,
    p99_ms: round(percentile(latencies, 99)),
    rss_growth_mb: round(rssGrowth),
    max_ms: round(Math.max(0, ...latencies)),
    rps: round(run.rps),
    p50_ms: round(percentile(latencies, 50)),
    write_p99_ms: round(percentile(writes, 99)),
    write_max_ms: round(Math.max(0, ...writes)),
    capacity_rps: round(capacityRps),
    target_rps: round(capacityRps * LOAD),
    clients: CLIENTS,
    skipped_slots: run.skipped,
    slow_requests: paced.filter((o) => o.ms > SLOW_MS).length,
    stalls: stalls.length,
    stalls_server: serverStalls.length,
    stalls_cpu_wait: stallCauses.filter((c) => c === "server waited for a CPU").length,
    stalls_load_generator: stallCauses.filter((c) => c === "load generator held up").length,
    server_stall_ms: serverStalls.map((s) => round(s.maxMs)),
    wal_max_pages: walMaxFrames,
    rss_start_mb: round(rssStart),
    rss_end_mb: round(rssEnd),
    rss_max_mb: round(Math.max(0, ...rss)),
  });

  expect(failed.slice(0, 10).map((o) => o.failure)).toEqual([]);
  expect(s5xx).toBe(0);
  expect(errorLogs.slice(0, 5)).toEqual([]);
  expect(rssGrowth).toBeLessThan(MAX_RSS_GROWTH_MB);
  // Storage housekeeping: checkpoints run on the store's timer between requests (packages/store-sqlite,
  // wal-checkpointer.ts), each copying what ~100 ms wrote; its own test proves commits no longer checkpoint. Here,
  // end to end: the WAL stayed bounded, and a request slower than 50 ms is only tolerated as part of a stall the
  // machine explains (the server's event loop waited for a CPU, or the load generator itself was held up) or as
  // one of a handful of the server's own (a full garbage collection takes 50-70 ms at this heap size), so one
  // noisy moment does not fail CI. A checkpoint inside a commit costs 10-25 ms on an idle 2-core machine and
  // ~100 ms on a loaded one: a regression shows as stalls of the server's own at the rate of those checkpoints,
  // several per second at this load.
  expect(walMaxFrames).toBeLessThan(MAX_WAL_PAGES);
  expect(serverStalls.length, JSON.stringify(serverStalls)).toBeLessThanOrEqual(MAX_STALLS);
});
