import { createRandom, type Random } from "@deployment-sets/bench-fixtures";
import { json, type ApiClient } from "./http-client.js";
import type { Tally } from "./tally.js";

/** Options of {@link runGraphChaos}. */
export interface GraphChaosOptions {
  /** One client per server process (all the same owner); reciprocal nestings go to two different ones. */
  readonly clients: readonly ApiClient[];
  /** The owner's sets to start from. */
  readonly sets: readonly string[];
  /** Clones beyond this many sets delete a set instead. */
  readonly maxSets: number;
  /** Concurrent loops. */
  readonly workers: number;
  readonly durationMs: number;
  /** Artifacts the loops add. */
  readonly artifactUuids: readonly string[];
  readonly seed: number;
  readonly tally: Tally;
}

/** What the loops did: operations by kind, and the sets they believe exist at the end. */
export interface GraphChaosResult {
  readonly ops: Record<string, number>;
  readonly sets: readonly string[];
}

const SETS = "/deployment-sets";
/** The statuses each kind of request may answer while other loops delete and nest the same sets. */
const ADD = [201, 404, 409, 422];
const FOUND = [200, 404];

/**
 * Runs `workers` loops for `durationMs` of reciprocal nestings (A->B through one process and B->A through another,
 * at once), single nestings, artifact adds, moves, member removals, clones and set deletions over one owner's
 * sets. Every answer goes to `tally`, with the statuses each kind of request may answer.
 */
export async function runGraphChaos(options: GraphChaosOptions): Promise<GraphChaosResult> {
  const live = [...options.sets];
  const ops: Record<string, number> = {};
  const deadline = Date.now() + options.durationMs;
  const { tally } = options;

  const loop = async (random: Random) => {
    const client = () => options.clients[random.int(options.clients.length)]!;
    const pick = () => live[random.int(live.length)]!;
    const count = (kind: string) => (ops[kind] = (ops[kind] ?? 0) + 1);
    const membersOf = async (setId: string) => {
      const answer = tally.expect(await client().send("GET", `${SETS}/${setId}/members`), FOUND);
      return answer.status === 200 ? json<{ id: string }[]>(answer) : [];
    };
    while (Date.now() < deadline) {
      const roll = random.int(100);
      if (roll < 30) {
        const [a, b] = [pick(), pick()];
        if (a === b) continue;
        count("reciprocal_nest");
        const first = random.int(options.clients.length);
        const [one, other] = [options.clients[first]!, options.clients[(first + 1) % options.clients.length]!];
        const answers = await Promise.all([
          one.send("POST", `${SETS}/${a}/members`, { nested_set_id: b }),
          other.send("POST", `${SETS}/${b}/members`, { nested_set_id: a }),
        ]);
        for (const answer of answers) tally.expect(answer, ADD);
      } else if (roll < 40) {
        count("nest");
        tally.expect(await client().send("POST", `${SETS}/${pick()}/members`, { nested_set_id: pick() }), ADD);
      } else if (roll < 55) {
        count("add_artifact");
        const uuid = options.artifactUuids[random.int(options.artifactUuids.length)]!;
        const body = random.int(2) === 0 ? { artifact_uuid: uuid } : { artifact_uuid: uuid, position: random.int(8) };
        tally.expect(await client().send("POST", `${SETS}/${pick()}/members`, body), ADD);
      } else if (roll < 70) {
        count("move");
        const setId = pick();
        const members = await membersOf(setId);
        if (members.length === 0) continue;
        const member = members[random.int(members.length)]!;
        tally.expect(await client().send("PUT", `${SETS}/${setId}/members/${member.id}`, { position: random.int(members.length + 2) }), FOUND);
      } else if (roll < 82) {
        count("remove_member");
        const setId = pick();
        const members = await membersOf(setId);
        if (members.length === 0) continue;
        tally.expect(await client().send("DELETE", `${SETS}/${setId}/members/${members[random.int(members.length)]!.id}`), [204, 404]);
      } else if (roll < 94) {
        count("clone");
        const answer = tally.expect(await client().send("POST", `${SETS}/${pick()}/clone`), [201, 404]);
        if (answer.status === 201) live.push(json<{ id: string }>(answer).id);
        if (live.length > options.maxSets) await deleteOne(random, client());
      } else {
        await deleteOne(random, client());
        const created = tally.expect(await client().send("POST", SETS, { name: `chaos ${random.int(1e9)}` }), [201]);
        if (created.status === 201) live.push(json<{ id: string }>(created).id);
      }
    }
  };

  const deleteOne = async (random: Random, client: ApiClient) => {
    if (live.length <= 2) return;
    const [setId] = live.splice(random.int(live.length), 1);
    ops.delete_set = (ops.delete_set ?? 0) + 1;
    tally.expect(await client.send("DELETE", `${SETS}/${setId}`), [204, 404]);
  };

  await Promise.all(Array.from({ length: options.workers }, (_, i) => loop(createRandom(options.seed + i))));
  return { ops, sets: live };
}
