import type { Answer, LoopbackClient } from "./loopback-client.js";
import type { Random } from "./random.js";
import type { SeedData } from "./seed-data.js";

const SETS = "/api/v1/deployment-sets";

/** What one request of the soak did. */
export interface Outcome {
  readonly op: string;
  readonly write: boolean;
  /** The status; 0 when the socket failed. */
  readonly status: number;
  readonly startedAt: number;
  readonly ms: number;
  /** Why the answer is wrong (unexpected status, a body that disagrees with the client's model, a socket error). */
  readonly failure?: string;
}

interface OwnMember {
  readonly id: string;
  /** `artifact_uuid:<id>`, `group_id:<id>` or `nested_set_id:<id>`. */
  readonly key: string;
}

interface OwnSet {
  readonly id: string;
  members: OwnMember[];
}

interface Planned {
  readonly op: string;
  readonly write: boolean;
  readonly method: string;
  readonly path: string;
  readonly body?: unknown;
  readonly status: number;
  /** Updates the model from a successful answer; returns a failure message when the answer disagrees with it. */
  readonly apply?: (answer: Answer) => string | undefined;
}

interface MemberDto {
  id: string;
  position: number;
  artifact_uuid: string | null;
  group_id: string | null;
  nested_set_id: string | null;
}

/** Read and write operations of the mix, with their weights (percent). */
const MIX = [
  ["list", 14],
  ["get", 14],
  ["members", 20],
  ["resolve", 22],
  ["create", 4],
  ["update", 5],
  ["add", 9],
  ["move", 5],
  ["remove", 4],
  ["clone", 1.5],
  ["delete", 1.5],
] as const satisfies readonly (readonly [string, number])[];
type Op = (typeof MIX)[number][0];
const TOTAL_WEIGHT = MIX.reduce((sum, [, weight]) => sum + weight, 0);

const MIN_SETS = 2;
const MAX_SETS = 8;
const MAX_MEMBERS = 12;

const keyOf = (m: MemberDto) =>
  m.artifact_uuid !== null ? `artifact_uuid:${m.artifact_uuid}` : m.group_id !== null ? `group_id:${m.group_id}` : `nested_set_id:${m.nested_set_id}`;

/**
 * One simulated user of the soak: a sequential client that keeps a model of its own sets (ids, members in
 * order) and picks each request from a fixed read/write mix. Every client owns its sets, so every answer is
 * predictable: any other status, or a member list that disagrees with the model, is a failure. Members reference
 * the catalog and the shared sets (never another client's set), so no request can meet a cycle, a duplicate or a
 * set deleted under it.
 */
export class SoakClient {
  readonly #http: LoopbackClient;
  readonly #name: string;
  readonly #seed: SeedData;
  readonly #random: Random;
  readonly #sets: OwnSet[] = [];
  #created = 0;

  /**
   * @param http - the shared keep-alive client
   * @param name - names this client's sets
   * @param seed - the catalog and the shared sets
   * @param random - this client's generator
   */
  constructor(http: LoopbackClient, name: string, seed: SeedData, random: Random) {
    this.#http = http;
    this.#name = name;
    this.#seed = seed;
    this.#random = random;
  }

  /** Creates the client's first sets (two, with three members each), outside the measured traffic. */
  async setUp(): Promise<void> {
    for (let i = 0; i < MIN_SETS; i++) {
      await this.#expect(this.#plan("create"));
      for (let k = 0; k < 3; k++) await this.#expect(this.#plan("add"));
    }
  }

  /** Sends one request of the mix and checks its answer. */
  async step(): Promise<Outcome> {
    const planned = this.#plan(this.#pickOp());
    let answer: Answer;
    const startedAt = performance.now();
    try {
      answer = await this.#http.send(planned.method, planned.path, planned.body);
    } catch (error) {
      const ms = performance.now() - startedAt;
      return { op: planned.op, write: planned.write, status: 0, startedAt, ms, failure: `socket: ${(error as Error).message}` };
    }
    const outcome = { op: planned.op, write: planned.write, status: answer.status, startedAt: answer.startedAt, ms: answer.ms };
    if (answer.status !== planned.status) {
      return { ...outcome, failure: `${planned.method} ${planned.path} → ${answer.status} (want ${planned.status}): ${answer.text.slice(0, 300)}` };
    }
    const failure = planned.apply?.(answer);
    return failure === undefined ? outcome : { ...outcome, failure };
  }

  async #expect(planned: Planned): Promise<void> {
    const answer = await this.#http.send(planned.method, planned.path, planned.body);
    const failure = answer.status !== planned.status ? `${answer.status}: ${answer.text.slice(0, 300)}` : planned.apply?.(answer);
    if (failure !== undefined) throw new Error(`${this.#name} set-up ${planned.op}: ${failure}`);
  }

  #pickOp(): Op {
    let roll = this.#random.next() * TOTAL_WEIGHT;
    for (const [op, weight] of MIX) {
      roll -= weight;
      if (roll < 0) return op;
    }
    return "get";
  }

  /** The request for `op`, turned into a possible one when the model says `op` cannot be done now. */
  #plan(op: Op): Planned {
    const sets = this.#sets;
    if ((op === "create" || op === "clone") && sets.length >= MAX_SETS) op = "delete";
    if (op === "delete" && sets.length <= MIN_SETS) op = "create";
    const set = sets.length > 0 ? this.#random.pick(sets) : undefined;
    if (set === undefined) op = "create";
    else if (op === "add" && set.members.length >= MAX_MEMBERS) op = "remove";
    else if ((op === "remove" && set.members.length === 0) || (op === "move" && set.members.length < 2)) op = "add";
    const own = set!;
    const shared = () => this.#random.pick(this.#seed.sharedSets);
    switch (op) {
      case "list":
        return { op, write: false, method: "GET", path: `${SETS}?limit=20&offset=${this.#random.below(30)}`, status: 200 };
      case "get":
        return { op, write: false, method: "GET", path: `${SETS}/${this.#random.next() < 0.5 ? own.id : shared()}`, status: 200 };
      case "resolve":
        return { op, write: false, method: "GET", path: `${SETS}/${this.#random.next() < 0.5 ? own.id : shared()}/resolve`, status: 200 };
      case "members":
        return {
          op,
          write: false,
          method: "GET",
          path: `${SETS}/${own.id}/members`,
          status: 200,
          apply: (answer) => {
            const got = answer.json<MemberDto[]>().map((m) => m.id);
            const want = own.members.map((m) => m.id);
            return got.join() === want.join() ? undefined : `members of ${own.id}: got [${got.join()}], the model says [${want.join()}]`;
          },
        };
      case "create": {
        const name = `${this.#name} set ${++this.#created}`;
        return {
          op,
          write: true,
          method: "POST",
          path: SETS,
          body: { name, tags: ["soak", this.#name] },
          status: 201,
          apply: (answer) => void sets.push({ id: answer.json<{ id: string }>().id, members: [] }),
        };
      }
      case "update":
        return {
          op,
          write: true,
          method: this.#random.next() < 0.5 ? "PUT" : "PATCH",
          path: `${SETS}/${own.id}`,
          body: { description: `changed at ${Date.now()}`, tags: ["soak", this.#name, `t${this.#random.below(5)}`] },
          status: 200,
        };
      case "add": {
        const taken = new Set(own.members.map((m) => m.key));
        const candidates = [
          ...this.#seed.artifacts.map((id) => `artifact_uuid:${id}`),
          ...this.#seed.groups.map((id) => `group_id:${id}`),
          ...this.#seed.sharedSets.map((id) => `nested_set_id:${id}`),
        ].filter((key) => !taken.has(key));
        const key = this.#random.pick(candidates);
        const [field, id] = key.split(":") as [string, string];
        const position = this.#random.next() < 0.5 ? this.#random.below(own.members.length + 1) : undefined;
        return {
          op,
          write: true,
          method: "POST",
          path: `${SETS}/${own.id}/members`,
          body: position === undefined ? { [field]: id } : { [field]: id, position },
          status: 201,
          apply: (answer) => {
            const member = answer.json<MemberDto>();
            own.members.splice(member.position, 0, { id: member.id, key });
            return member.position === (position ?? own.members.length - 1) ? undefined : `added at ${member.position}, asked ${position}`;
          },
        };
      }
      case "move": {
        const from = this.#random.below(own.members.length);
        const member = own.members[from]!;
        const to = this.#random.below(own.members.length);
        return {
          op,
          write: true,
          method: this.#random.next() < 0.5 ? "PUT" : "PATCH",
          path: `${SETS}/${own.id}/members/${member.id}`,
          body: { position: to },
          status: 200,
          apply: (answer) => {
            own.members.splice(from, 1);
            own.members.splice(to, 0, member);
            const got = answer.json<MemberDto>().position;
            return got === to ? undefined : `moved to ${got}, asked ${to}`;
          },
        };
      }
      case "remove": {
        const at = this.#random.below(own.members.length);
        const member = own.members[at]!;
        return {
          op,
          write: true,
          method: "DELETE",
          path: `${SETS}/${own.id}/members/${member.id}`,
          status: 204,
          apply: () => void own.members.splice(at, 1),
        };
      }
      case "clone":
        return {
          op,
          write: true,
          method: "POST",
          path: `${SETS}/${own.id}/clone`,
          body: { name: `${this.#name} clone ${++this.#created}` },
          status: 201,
          apply: (answer) => {
            const clone = answer.json<{ id: string; members: MemberDto[] }>();
            sets.push({ id: clone.id, members: clone.members.map((m) => ({ id: m.id, key: keyOf(m) })) });
            const keys = clone.members.map(keyOf).join();
            return keys === own.members.map((m) => m.key).join() ? undefined : `clone of ${own.id} holds [${keys}]`;
          },
        };
      case "delete":
        return {
          op,
          write: true,
          method: "DELETE",
          path: `${SETS}/${own.id}`,
          status: 204,
          apply: () => void sets.splice(sets.indexOf(own), 1),
        };
    }
  }
}
