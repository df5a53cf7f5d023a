import type { TcpProxy } from "../../test/store-faults.js";
import { expectStatus, json, type Answer, type ApiClient } from "./http-client.js";
import { Tally } from "./tally.js";

/** How long any answer may take, the database down or not: failing fast, not hanging. */
export const FAIL_FAST_MS = 5_000;
const BEFORE_MS = 2_000;
const DOWN_MS = 6_000;
const AFTER_MS = 2_000;
const RECOVERY_DEADLINE_MS = 20_000;
const LOOPS = 6;
/** A stack frame, a source file or a dependency path: none belongs in a problem body. */
const STACK = /\n\s+at |node_modules|\.(js|ts):\d+/;

/** What {@link runPostgresOutage} saw. */
export interface OutageResult {
  readonly tally: Tally;
  /** The slowest answer while the database was unreachable. */
  readonly maxMsDown: number;
  /** From reopening the proxy to the first `/readyz` 200. */
  readonly recoveredMs: number;
}

/**
 * Sends a steady load of reads and writes (and polls `/readyz`) while the proxy between the server process and
 * PostgreSQL is open for 2 s, shut for 6 s, and open again until the server is ready and 2 s more. Checks that
 * every answer comes within {@link FAIL_FAST_MS}, that a failure is a 503 `storage_unavailable` problem without
 * a stack trace (never a 500), that `/readyz` answers 503 while the database is away, and that the server works
 * again by itself afterwards.
 */
export async function runPostgresOutage(options: { client: ApiClient; proxy: TcpProxy; artifactUuids: readonly string[] }): Promise<OutageResult> {
  const { client, proxy } = options;
  const tally = new Tally([503]);
  const setId = expectStatus<{ id: string }>(tally.record(await client.send("POST", "/deployment-sets", { name: "outage" })), 201).id;
  const timeline = { downAt: Infinity, upAt: Infinity, readyAt: Infinity };
  const log: { sent: number; answer: Answer }[] = [];
  let running = true;
  let nextUuid = 0;

  const send = async (method: string, path: string, body?: unknown) => {
    const sent = Date.now();
    const answer = await client.send(method, path, body);
    log.push({ sent, answer });
    return answer;
  };
  const loop = async (index: number) => {
    const mine: string[] = [];
    for (let round = index; running; round++) {
      const kind = round % 4;
      if (kind === 0) await send("GET", `/deployment-sets/${setId}`);
      else if (kind === 1) await send("GET", "/deployment-sets?limit=20");
      else if (kind === 2) {
        const uuid = options.artifactUuids[nextUuid++ % options.artifactUuids.length];
        const answer = await send("POST", `/deployment-sets/${setId}/members`, { artifact_uuid: uuid });
        if (answer.status === 201) mine.push(json<{ id: string }>(answer).id);
      } else if (mine.length > 0) await send("DELETE", `/deployment-sets/${setId}/members/${mine.shift()!}`);
      else await send("GET", `/deployment-sets/${setId}/members`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const poll = async () => {
    while (running) {
      const answer = await send("GET", "/readyz");
      if (answer.status === 200 && Date.now() > timeline.upAt && timeline.readyAt === Infinity) timeline.readyAt = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  const load = [...Array.from({ length: LOOPS }, (_, i) => loop(i)), poll()];

  await sleep(BEFORE_MS);
  await proxy.shut();
  timeline.downAt = Date.now();
  await sleep(DOWN_MS);
  await proxy.open();
  timeline.upAt = Date.now();
  while (timeline.readyAt === Infinity && Date.now() - timeline.upAt < RECOVERY_DEADLINE_MS) await sleep(100);
  if (timeline.readyAt === Infinity) tally.fail(`/readyz did not answer 200 within ${RECOVERY_DEADLINE_MS} ms of PostgreSQL's return`);
  await sleep(AFTER_MS);
  running = false;
  await Promise.all(load);

  let maxMsDown = 0;
  let readyz503 = 0;
  for (const { sent, answer } of log) {
    tally.expect(answer, [200, 201, 204, 404, 409]);
    const where = `${answer.method} ${answer.path}`;
    const down = sent >= timeline.downAt && sent < timeline.upAt;
    if (down) maxMsDown = Math.max(maxMsDown, answer.ms);
    if (answer.ms > FAIL_FAST_MS) tally.fail(`${where} took ${Math.round(answer.ms)} ms (${down ? "database down" : "database up"})`);
    if (answer.status === 503) {
      const body = answer.path === "/readyz" ? json(answer) : problemBody(answer, tally);
      if (answer.path === "/readyz" && body.status !== "unavailable") tally.fail(`/readyz 503 body: ${answer.text}`);
      if (STACK.test(answer.text)) tally.fail(`${where}: a 503 body shows a stack or a path: ${answer.text.slice(0, 300)}`);
      if (sent + answer.ms < timeline.downAt) tally.fail(`${where} answered 503 before the database went away`);
      if (sent > timeline.readyAt + 1_000) tally.fail(`${where} answered 503 a second after /readyz was 200 again`);
    }
    if (answer.path === "/readyz") {
      // A second for the pool to notice; then every probe until the proxy reopens must say "not ready".
      const surelyDown = sent > timeline.downAt + 1_000 && sent + answer.ms < timeline.upAt;
      if (surelyDown && answer.status !== 503) tally.fail(`/readyz answered ${answer.status} while PostgreSQL was unreachable`);
      if (surelyDown && answer.status === 503) readyz503++;
    }
  }
  if (readyz503 === 0) tally.fail("/readyz was never probed while PostgreSQL was unreachable");
  const after = tally.record(await client.send("POST", `/deployment-sets/${setId}/members`, { artifact_uuid: options.artifactUuids.at(-1) }));
  if (after.status !== 201 && after.status !== 409) tally.fail(`a write after the recovery answered ${after.status} ${after.text.slice(0, 200)}`);
  return { tally, maxMsDown: Math.round(maxMsDown), recoveredMs: timeline.readyAt - timeline.upAt };
}

/** The problem+json body of a 503, checked for its type and code. */
function problemBody(answer: Answer, tally: Tally): Record<string, unknown> {
  const where = `${answer.method} ${answer.path}`;
  if (!/^application\/problem\+json/.test(answer.contentType)) tally.fail(`${where}: 503 as ${answer.contentType}: ${answer.text.slice(0, 200)}`);
  try {
    const body = json(answer);
    if (body.code !== "storage_unavailable" || body.status !== 503) tally.fail(`${where}: 503 body ${answer.text.slice(0, 300)}`);
    return body;
  } catch {
    tally.fail(`${where}: 503 body is not JSON: ${answer.text.slice(0, 200)}`);
    return {};
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
