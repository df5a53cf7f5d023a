import type { ConformanceFixture } from "./fixture.js";

/** Options of one conformance test. */
export interface TestOptions {
  /** Milliseconds before the test fails (adapters over a network need more for the racing tests). */
  readonly timeout?: number;
}

/** Registers one conformance test; the suite runner applies the harness's skip map. */
export type RegisterTest = (
  title: string,
  body: (t: ConformanceFixture) => Promise<void>,
  options?: TestOptions,
) => void;

/** One feature's tests: a function that registers them. Internal to the suite. */
export type FeatureSuite = (test: RegisterTest) => void;
