import { checkExchange } from "./check-exchange.js";
import type { FuzzWorld } from "./fuzz-world.js";
import { materialize, type Concrete } from "./materialize.js";
import type { ApiDocument } from "./openapi-operations.js";
import type { Plan } from "./plan-types.js";
import { sendFetch, sendRaw, type Exchange } from "./send.js";
import { setFidelity, short } from "./set-fidelity.js";
import { snapshotDiff, type Snapshot, type StateProbe } from "./state-snapshot.js";

/** One distinct problem, with how often it came, on which routes, and the first request that showed it. */
export interface Finding {
  count: number;
  readonly routes: Set<string>;
  readonly example: string;
}

/** What a run did and found. */
export interface FuzzStats {
  requests: number;
  /** Requests with at least one problem, plus state checks that found a change. */
  failures: number;
  s5xx: number;
  readonly byStatus: Record<string, number>;
  readonly routes: Record<string, number>;
  /** State snapshots compared (before writes, after batches). */
  stateChecks: number;
  /** Keyed by the problem, long numbers elided. */
  readonly findings: Map<string, Finding>;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/** A batch is checked at the latest after this many requests, so a change is pinned to a short run of them. */
const MAX_BATCH = 100;
/** Accepted creates and clones grow the data; above this many sets the newest are deleted (outside the count). */
const MAX_SETS = 40;

/**
 * Sends `plans` one at a time and judges every answer ({@link checkExchange}) and the state around it.
 *
 * State (every table row and every file of the watched folders) is checked this way: a snapshot is the baseline;
 * requests that are refused (any 4xx, or no answer) or only read (GET, HEAD, OPTIONS) join the current batch; right
 * before a request that may legitimately change state (a well-formed write to a live target, as the oracle
 * predicts) the batch is checked against the baseline, and right after that request is accepted a new baseline is
 * taken. So every refused request is checked, at the end of its batch, without a snapshot per request. A write
 * accepted although predicted to change nothing is checked at once, with the batch before it. An accepted dry run
 * must leave the new baseline equal to the old one.
 */
export async function runFuzz(api: ApiDocument, world: FuzzWorld, probe: StateProbe, plans: readonly Plan[]): Promise<FuzzStats> {
  const stats: FuzzStats = { requests: 0, failures: 0, s5xx: 0, byStatus: {}, routes: {}, stateChecks: 0, findings: new Map() };
  let baseline = await probe.snapshot();
  let batch: { line: string; accepted: boolean }[] = [];
  const found = (route: string, problem: string, example: string) => {
    // Values vary, the kind of problem does not: "name stored as X, sent Y" is one finding however X and Y vary.
    const key = problem
      .replace(/ stored as .*/, " stored other than sent")
      .replace(/^a dry run changed .*/, "a dry run changed state")
      .replace(/\d{4,}/g, "N");
    const finding = stats.findings.get(key);
    if (finding) {
      finding.count++;
      finding.routes.add(route);
    } else stats.findings.set(key, { count: 1, routes: new Set([route]), example: key === problem ? example : `${problem}: ${example}` });
  };
  const snapshot = async (): Promise<Snapshot> => {
    stats.stateChecks++;
    return probe.snapshot();
  };
  const checkBatch = async (blame: string) => {
    const now = await snapshot();
    const changed = snapshotDiff(baseline, now);
    if (changed.length > 0) {
      stats.failures++;
      // The accepted requests of the batch first: the likeliest culprits.
      const suspects = [...batch.filter((entry) => entry.accepted), ...batch.filter((entry) => !entry.accepted).reverse()];
      found("state", `changed by ${blame}`, `${changed.join(", ")}; among ${batch.length}: ${suspects.slice(0, 3).map((entry) => entry.line).join(" | ")}`);
    }
    baseline = now;
    batch = [];
  };

  for (const plan of plans) {
    const request = materialize(plan, { api, world, model: baseline.model });
    if (request.oracle.mayChangeState && batch.length > 0) await checkBatch("refused or read-only requests");
    const exchange = await send(world, request);
    stats.requests++;
    stats.routes[request.route] = (stats.routes[request.route] ?? 0) + 1;
    const status = exchange.error === undefined ? String(exchange.status) : "no-answer";
    stats.byStatus[status] = (stats.byStatus[status] ?? 0) + 1;
    if (exchange.status >= 500) stats.s5xx++;
    const problems = checkExchange(request, exchange);
    const accepted = exchange.error === undefined && exchange.status < 400;
    const line = describe(request, exchange);

    if (request.oracle.mayChangeState && accepted) {
      const after = await snapshot();
      if (request.oracle.dryRun) {
        const changed = snapshotDiff(baseline, after);
        if (changed.length > 0) problems.push(`a dry run changed ${changed.join(", ")}`);
      }
      if (request.oracle.setWrite) problems.push(...(await fidelity(world, request, exchange)));
      baseline = after.model.sets.length > MAX_SETS ? await prune(world, after, probe) : after;
    } else if (accepted && !SAFE_METHODS.has(request.method)) {
      batch.push({ line, accepted });
      await checkBatch("an accepted request predicted to change nothing, or the refused ones before it");
    } else {
      batch.push({ line, accepted });
      if (batch.length >= MAX_BATCH) await checkBatch("refused or read-only requests");
    }
    if (problems.length > 0) {
      stats.failures++;
      for (const problem of problems) found(request.route, problem, line);
    }
  }
  if (batch.length > 0) await checkBatch("refused or read-only requests");
  return stats;
}

function send(world: FuzzWorld, request: Concrete): Promise<Exchange> {
  if (request.raw) {
    return sendRaw(world.port, request.raw, { head: request.raw.subarray(0, 5).toString("latin1") === "HEAD ", blocking: request.blocking === true });
  }
  return sendFetch(`${world.origin}${request.target}`, request.method, request.headers, request.body);
}

/** Checks an accepted set write's answer and the set read back against what was sent. */
async function fidelity(world: FuzzWorld, request: Concrete, exchange: Exchange): Promise<string[]> {
  const write = request.oracle.setWrite!;
  let answer: Record<string, unknown>;
  try {
    answer = JSON.parse(exchange.body) as Record<string, unknown>;
  } catch {
    return ["the answer of an accepted set write is not JSON"];
  }
  const id = write.kind === "update" ? write.setId! : String(answer.id);
  const readBack = await world.server.request("GET", `/api/v1/deployment-sets/${id}`);
  return [
    ...setFidelity(write, answer).map((problem) => `answer: ${problem}`),
    ...setFidelity(write, readBack.json() as Record<string, unknown>).map((problem) => `read back: ${problem}`),
  ];
}

/** Deletes the newest sets down to 30 (housekeeping, not counted) and returns the new baseline. */
async function prune(world: FuzzWorld, snapshot: Snapshot, probe: StateProbe): Promise<Snapshot> {
  for (const id of snapshot.model.sets.slice(30)) await world.server.request("DELETE", `/api/v1/deployment-sets/${id}`);
  return probe.snapshot();
}

/** One request and its answer on a line, shortened: what a failure message shows. */
function describe(request: Concrete, exchange: Exchange): string {
  const sent = request.raw
    ? `raw ${request.route === "raw" ? `${short(request.target, 60)} ` : ""}${short(request.raw.subarray(0, 160).toString("latin1"), 120)}`
    : `${request.method} ${short(request.target, 100)}${request.headers.length ? ` ${short(request.headers, 100)}` : ""}${
        request.body ? ` body(${request.body.length}) ${short(request.body.subarray(0, 300).toString("utf8"), 120)}` : ""
      }`;
  const got = exchange.error ?? `${exchange.status} ${exchange.headers["content-type"] ?? "-"} ${short(exchange.body.slice(0, 200), 120)}`;
  return `${sent} -> ${got}`;
}
