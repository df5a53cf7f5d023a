import type pg from "pg";
import type { ApiClient } from "./http-client.js";
import type { Tally } from "./tally.js";

/**
 * One write whose effect can be found in the database on its own: an add of an artifact no other request adds,
 * the removal of a member no other request removes, a clone under a name of its own, a rename of a set no other
 * request renames.
 */
export interface WriteOutcome {
  readonly kind: "add" | "remove" | "clone" | "update";
  /** The artifact uuid, member id, clone name or set id. */
  readonly key: string;
  /** For an update: the new name. */
  readonly name?: string;
  readonly status: number;
  /** How long the answer took. */
  readonly ms: number;
}

/** The writes {@link sendAttributableWrites} may send, each used at most once. */
export interface WritePlan {
  /** The set the adds, removals and clones go to. */
  readonly setId: string;
  /** Artifacts not in the set: one add each. */
  readonly addUuids: readonly string[];
  /** Members of the set: one removal each. */
  readonly removeIds: readonly string[];
  /** How many clones (named `stalled clone <n>`). */
  readonly clones: number;
  /** Sets of the same owner: one rename each. */
  readonly renameIds: readonly string[];
}

/**
 * Sends the plan's writes from `workers` staggered loops spread over `clients` (with `pauseMs` between a loop's
 * requests) until `stop()` says so or the plan is used up. Every answer is recorded in `tally` (a 503 is tolerated
 * there if the part says so); anything but the write's success status or a 503 is a failure.
 */
export async function sendAttributableWrites(options: {
  readonly clients: readonly ApiClient[];
  readonly plan: WritePlan;
  readonly workers: number;
  /** When loop `i` starts (ms after the first), so that writes arrive all along a stall, not only at its start. */
  readonly startAfter: (index: number) => number;
  readonly pauseMs: number;
  readonly stop: () => boolean;
  readonly tally: Tally;
}): Promise<WriteOutcome[]> {
  const { plan, tally } = options;
  const adds = [...plan.addUuids];
  const removes = [...plan.removeIds];
  const renames = [...plan.renameIds];
  let clones = 0;
  const outcomes: WriteOutcome[] = [];
  const base = `/deployment-sets/${plan.setId}`;
  const loop = async (index: number) => {
    await new Promise((resolve) => setTimeout(resolve, options.startAfter(index)));
    for (let round = index; !options.stop(); round++) {
      const client = options.clients[round % options.clients.length]!;
      const kind = (["add", "add", "remove", "clone", "update"] as const)[round % 5]!;
      let outcome: WriteOutcome | undefined;
      if (kind === "add" && adds.length > 0) {
        const uuid = adds.shift()!;
        const answer = tally.expect(await client.send("POST", `${base}/members`, { artifact_uuid: uuid }), [201, 503]);
        outcome = { kind, key: uuid, status: answer.status, ms: answer.ms };
      } else if (kind === "remove" && removes.length > 0) {
        const id = removes.shift()!;
        const answer = tally.expect(await client.send("DELETE", `${base}/members/${id}`), [204, 503]);
        outcome = { kind, key: id, status: answer.status, ms: answer.ms };
      } else if (kind === "clone" && clones < plan.clones) {
        const name = `stalled clone ${clones++}`;
        const answer = tally.expect(await client.send("POST", `${base}/clone`, { name }), [201, 503]);
        outcome = { kind, key: name, status: answer.status, ms: answer.ms };
      } else if (kind === "update" && renames.length > 0) {
        const id = renames.shift()!;
        const name = `renamed while stalled ${id}`;
        const answer = tally.expect(await client.send("PATCH", `/deployment-sets/${id}`, { name }), [200, 503]);
        outcome = { kind, key: id, name, status: answer.status, ms: answer.ms };
      } else if (adds.length + removes.length + renames.length === 0 && clones >= plan.clones) {
        return;
      } else {
        continue;
      }
      outcomes.push(outcome);
      await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
    }
  };
  await Promise.all(Array.from({ length: options.workers }, (_, i) => loop(i)));
  return outcomes;
}

/**
 * Compares the owner's stored state (direct SQL) with what the answers imply: a write answered with success is
 * stored, a write answered 503 is not. Returns one line per contradiction.
 */
export async function contradictions(client: pg.Client, owner: string, plan: WritePlan, outcomes: readonly WriteOutcome[]): Promise<string[]> {
  const members = await client.query<{ id: string; artifact_uuid: string | null }>(
    "select id, artifact_uuid from deployment_set_members where set_id = $1",
    [plan.setId],
  );
  const memberIds = new Set(members.rows.map((row) => row.id));
  const artifacts = new Set(members.rows.map((row) => row.artifact_uuid));
  const sets = await client.query<{ id: string; name: string }>("select id, name from deployment_sets where owner_id = $1", [owner]);
  const names = new Set(sets.rows.map((row) => row.name));
  const nameOf = new Map(sets.rows.map((row) => [row.id, row.name]));
  const found: string[] = [];
  for (const outcome of outcomes) {
    if (outcome.status !== 503 && outcome.status >= 300) continue;
    const stored =
      outcome.kind === "add"
        ? artifacts.has(outcome.key)
        : outcome.kind === "remove"
          ? !memberIds.has(outcome.key)
          : outcome.kind === "clone"
            ? names.has(outcome.key)
            : nameOf.get(outcome.key) === outcome.name;
    if (outcome.status === 503 && stored) found.push(`${outcome.kind} ${outcome.key} answered 503 (after ${Math.round(outcome.ms)} ms) but was stored`);
    if (outcome.status < 300 && !stored) found.push(`${outcome.kind} ${outcome.key} answered ${outcome.status} but is not stored`);
  }
  return found;
}
