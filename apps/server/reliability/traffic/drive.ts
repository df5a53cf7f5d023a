import { setTimeout as sleep } from "node:timers/promises";
import type { Outcome, SoakClient } from "./soak-client.js";

/**
 * Runs every client in a closed loop (the next request as soon as the last answered) for `ms`: the server's
 * capacity with this many concurrent connections. Returns what happened; `rps` is answers per second.
 */
export async function saturate(clients: readonly SoakClient[], ms: number): Promise<{ outcomes: Outcome[]; rps: number }> {
  const outcomes: Outcome[] = [];
  const started = performance.now();
  const end = started + ms;
  await Promise.all(
    clients.map(async (client) => {
      while (performance.now() < end) outcomes.push(await client.step());
    }),
  );
  return { outcomes, rps: outcomes.length / ((performance.now() - started) / 1000) };
}

/**
 * Runs every client at `rps / clients.length` requests per second for `ms`, each on its own fixed schedule. A
 * client whose answer comes after its next slot sends at once; one more than a slot behind skips the missed slots
 * (counted in `skipped`) instead of bursting to catch up. `tick` runs about once per second.
 */
export async function pace(
  clients: readonly SoakClient[],
  rps: number,
  ms: number,
  tick: () => void = () => undefined,
): Promise<{ outcomes: Outcome[]; rps: number; skipped: number }> {
  const outcomes: Outcome[] = [];
  const interval = (1000 * clients.length) / rps;
  const started = performance.now();
  const end = started + ms;
  let skipped = 0;
  const ticker = setInterval(tick, 1000);
  try {
    await Promise.all(
      clients.map(async (client, index) => {
        // Spread the clients' first slots over one interval.
        let next = started + (interval * index) / clients.length;
        while (next < end) {
          const wait = next - performance.now();
          if (wait > 0) await sleep(wait);
          outcomes.push(await client.step());
          next += interval;
          const behind = performance.now() - next;
          if (behind > interval) {
            const missed = Math.floor(behind / interval);
            skipped += missed;
            next += missed * interval;
          }
        }
      }),
    );
  } finally {
    clearInterval(ticker);
  }
  return { outcomes, rps: outcomes.length / ((performance.now() - started) / 1000), skipped };
}
