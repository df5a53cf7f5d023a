import { fork, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, positiveIntEnv, progressFor, report, round, writeCommandCollection } from "@deployment-sets/bench-fixtures";
import autocannon from "autocannon";

// HTTP benchmarks (autocannon over loopback) of the real server on SQLite against a bare Fastify baseline.
// Each case prints one `BENCH {json}` line on stdout; progress goes to stderr.
const here = fileURLToPath(new URL(".", import.meta.url));
const main = join(here, "..", "dist", "main.js");
const seconds = positiveIntEnv("BENCH_SECONDS", 10);
// The read cases run in ROUNDS rounds per side, `seconds` per side in all.
const ROUNDS = 5;
const roundSeconds = Math.max(1, Math.round(seconds / ROUNDS));
const work = mkdtempSync(join(tmpdir(), "ds-http-bench-"));
const collection = join(work, "collection");
writeCommandCollection(collection, 3000);
const log = progressFor("http bench");

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const server = await start(main, { DATABASE_URL: join(work, "bench.db"), DS_COLLECTION: collection, PORT: String(port) }, []);
try {
  const uuids = await artifactUuids(3000);
  const api = (path: string, init?: RequestInit): Promise<{ id: string } | undefined> =>
    fetch(`${base}/api/v1${path}`, { ...init, headers: { "content-type": "application/json" } }).then(async (r) => {
      if (!r.ok) throw new Error(`${init?.method ?? "GET"} ${path}: ${r.status} ${await r.text()}`);
      return r.status === 204 ? undefined : ((await r.json()) as { id: string });
    });
  const create = async (name: string) => (await api("/deployment-sets", { method: "POST", body: JSON.stringify({ name }) }))!.id;
  const add = (setId: string, body: object) => api(`/deployment-sets/${setId}/members`, { method: "POST", body: JSON.stringify(body) });

  log("seeding");
  const twenty = await create("Twenty members");
  for (let i = 0; i < 20; i++) await add(twenty, { artifact_uuid: uuids[i] });
  // A 5-level set with 100 members: 20 per level, each level nesting the next.
  const levels: string[] = [];
  for (let level = 0; level < 5; level++) levels.push(await create(`Level ${level}`));
  let next = 100;
  for (let level = 0; level < 5; level++) {
    for (let i = 0; i < (level < 4 ? 19 : 20); i++) await add(levels[level]!, { artifact_uuid: uuids[next++] });
    if (level < 4) await add(levels[level]!, { nested_set_id: levels[level + 1] });
  }
  const getPath = `/api/v1/deployment-sets/${twenty}`;
  const resolvePath = `/api/v1/deployment-sets/${levels[0]}/resolve`;
  const bodies = { [getPath]: await (await fetch(base + getPath)).json(), [resolvePath]: await (await fetch(base + resolvePath)).json() };
  const bodiesFile = join(work, "bodies.json");
  writeFileSync(bodiesFile, JSON.stringify(bodies));

  const baselinePort = await freePort();
  const baseline = await start(join(here, "baseline-server.ts"), { BENCH_BODIES: bodiesFile, PORT: String(baselinePort) }, ["--import", "tsx"]);
  try {
    for (const [name, path, target] of [
      ["http.get_set", getPath, 0.25],
      ["http.resolve", resolvePath, 0.1],
    ] as const) {
      // Short interleaved rounds (baseline, ours, baseline, ...) and medians: a neighbour's burst on this shared
      // machine then skews one round of each side instead of a whole side.
      log(`${name}: ${ROUNDS} interleaved rounds of ${roundSeconds} s each, baseline then ours`);
      await load(`http://127.0.0.1:${baselinePort}${path}`, 1);
      await load(base + path, 1);
      const theirRounds: autocannon.Result[] = [];
      const ourRounds: autocannon.Result[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        theirRounds.push(await load(`http://127.0.0.1:${baselinePort}${path}`, roundSeconds));
        ourRounds.push(await load(base + path, roundSeconds));
      }
      const theirs = medianRound(theirRounds);
      const ours = medianRound(ourRounds);
      const ratio = ours.requests.average / theirs.requests.average;
      report({
        case: name,
        ms: ours.latency.p50,
        baseline_ms: theirs.latency.p50,
        rps: Math.round(ours.requests.average),
        baseline_rps: Math.round(theirs.requests.average),
        p99_ms: ours.latency.p99,
        ratio: round(ratio),
        target: `rps >= ${target * 100}% of baseline`,
        target_met: ratio >= target,
        errors: sum(ourRounds, (r) => r.errors + r.non2xx),
        rounds: ROUNDS,
        round_rps: ourRounds.map((r) => Math.round(r.requests.average)),
        baseline_round_rps: theirRounds.map((r) => Math.round(r.requests.average)),
      });
    }
  } finally {
    baseline.kill();
  }

  log("http.add_member: 200 requests/s");
  const target = await create("Add target");
  let i = 1000;
  const result = await autocannon({
    url: `${base}/api/v1/deployment-sets/${target}/members`,
    method: "POST",
    headers: { "content-type": "application/json" },
    connections: 10,
    overallRate: 200,
    duration: seconds,
    requests: [{ setupRequest: (request) => ({ ...request, body: JSON.stringify({ artifact_uuid: uuids[i++ % uuids.length] }) }) }],
  });
  report({
    case: "http.add_member",
    ms: result.latency.p50,
    rps: Math.round(result.requests.average),
    p99_ms: result.latency.p99,
    target: "p99 < 50 ms at 200 requests/s",
    target_met: result.latency.p99 < 50,
    errors: result.errors + result.non2xx,
  });

  async function artifactUuids(count: number): Promise<string[]> {
    const out: string[] = [];
    for (let offset = 0; out.length < count; offset += 200) {
      const page = (await (await fetch(`${base}/api/v1/artifacts?limit=200&offset=${offset}`)).json()) as { items: { uuid: string }[] };
      if (page.items.length === 0) break;
      out.push(...page.items.map((a) => a.uuid));
    }
    return out;
  }
} finally {
  server.kill();
  rmSync(work, { recursive: true, force: true });
}

function load(url: string, duration: number) {
  return autocannon({ url, connections: 50, duration });
}

/** The round with the median throughput (its latencies come with it). */
function medianRound(rounds: readonly autocannon.Result[]): autocannon.Result {
  const sorted = [...rounds].sort((a, b) => a.requests.average - b.requests.average);
  return sorted[(sorted.length - 1) >> 1]!;
}

function sum<T>(items: readonly T[], of: (item: T) => number): number {
  return items.reduce((total, item) => total + of(item), 0);
}

/** Starts `script` in a child process with the bench environment and waits until it answers. */
async function start(script: string, env: Record<string, string>, execArgv: string[]): Promise<ChildProcess> {
  const child = fork(script, [], {
    env: { ...process.env, DS_LOG_LEVEL: "warn", HOST: "127.0.0.1", ...env },
    execArgv,
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  const url = `http://127.0.0.1:${env.PORT}/`;
  for (let attempt = 0; attempt < 200; attempt++) {
    if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode}`);
    try {
      await fetch(url);
      return child;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  child.kill();
  throw new Error(`${script} did not start`);
}
