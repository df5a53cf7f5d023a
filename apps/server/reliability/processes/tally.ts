import type { Answer } from "./http-client.js";

/** How many failures a part keeps verbatim for its assertion message. */
const KEPT = 20;

/**
 * What a part sent and what broke: every answer is recorded; a failure is a broken guarantee, kept with a short
 * description (the first {@link KEPT} verbatim, the rest counted). A 5xx is a failure, counted in `s5xx`, unless the
 * part tolerates that status (a 503 while the database is down, a write that gave up and changed nothing): those are
 * counted in `tolerated5xx`, and the part checks what they promise.
 */
export class Tally {
  constructor(private readonly tolerated: readonly number[] = []) {}

  requests = 0;
  s5xx = 0;
  tolerated5xx = 0;
  readonly statuses = new Map<number, number>();
  readonly #failures: string[] = [];
  #failureCount = 0;

  /** Records an answer; a 5xx not tolerated, or no answer at all, is also a failure. Returns the answer. */
  record(answer: Answer): Answer {
    this.requests++;
    this.statuses.set(answer.status, (this.statuses.get(answer.status) ?? 0) + 1);
    if (answer.status >= 500 && this.tolerated.includes(answer.status)) this.tolerated5xx++;
    else if (answer.status >= 500) this.s5xx++;
    if ((answer.status >= 500 && !this.tolerated.includes(answer.status)) || answer.status === 0) {
      this.fail(`${answer.method} ${answer.path}: ${answer.status} ${answer.error ?? answer.text.slice(0, 300)}`);
    }
    return answer;
  }

  /** Records an answer whose status must be one of `allowed` (a 5xx or no answer fails anyway). */
  expect(answer: Answer, allowed: readonly number[]): Answer {
    this.record(answer);
    if (answer.status > 0 && answer.status < 500 && !allowed.includes(answer.status)) {
      this.fail(`${answer.method} ${answer.path}: unexpected ${answer.status} ${answer.text.slice(0, 300)}`);
    }
    return answer;
  }

  /** Records a broken guarantee. */
  fail(description: string): void {
    this.#failureCount++;
    if (this.#failures.length < KEPT) this.#failures.push(description);
  }

  get failures(): number {
    return this.#failureCount;
  }

  /** The kept failure descriptions, one per line, for an assertion message. */
  describe(): string {
    const more = this.#failureCount - this.#failures.length;
    return [...this.#failures, ...(more > 0 ? [`... and ${more} more`] : [])].join("\n");
  }

  /** Statuses and their counts, `{"201": 10, ...}`, for the report line. */
  statusCounts(): Record<string, number> {
    return Object.fromEntries([...this.statuses].sort(([a], [b]) => a - b).map(([status, count]) => [String(status), count]));
  }
}
