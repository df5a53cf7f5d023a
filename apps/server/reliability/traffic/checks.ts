import { isDeepStrictEqual } from "node:util";
import type { Answer } from "./loopback-client.js";

/**
 * Collects checks by category instead of stopping at the first failure, so a run can report how many checks of
 * each kind it made and every one that failed; the test then asserts that none did.
 */
export class Checks {
  readonly #counts: Record<string, number> = {};
  /** `category: message` of every failed check. */
  readonly failures: string[] = [];

  /** Records a check of `category`; `message` describes a failure. */
  ok(category: string, passed: boolean, message: () => string): boolean {
    this.#counts[category] = (this.#counts[category] ?? 0) + 1;
    if (!passed) this.failures.push(`${category}: ${message()}`);
    return passed;
  }

  /** Records a check that `got` deeply equals `want`. */
  equal(category: string, label: string, got: unknown, want: unknown): boolean {
    return this.ok(category, isDeepStrictEqual(got, want), () => `${label}: got ${JSON.stringify(got)?.slice(0, 600)}, want ${JSON.stringify(want)?.slice(0, 600)}`);
  }

  /** Records a check that `answer` is an `application/problem+json` of `status` with `code`. */
  problem(category: string, label: string, answer: Answer, status: number, code: string): boolean {
    let body: { code?: unknown; status?: unknown } = {};
    try {
      body = answer.json();
    } catch {
      // not JSON: reported below
    }
    const passed = answer.status === status && /^application\/problem\+json/.test(String(answer.headers["content-type"])) && body.code === code && body.status === status;
    return this.ok(category, passed, () => `${label}: want ${status} ${code}, got ${answer.status} ${answer.headers["content-type"]} ${answer.text.slice(0, 400)}`);
  }

  /** How many checks of each category ran. */
  counts(): Readonly<Record<string, number>> {
    return { ...this.#counts };
  }
}
