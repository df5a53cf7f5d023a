import type { DeploymentSetStore } from "@deployment-sets/core/ports";

/**
 * How the conformance suite gets and disposes of stores of one adapter.
 *
 * @example
 * ```ts
 * const harness: StoreHarness = {
 *   create: async () => new MemoryStore(),
 *   destroy: (store) => store.close(),
 *   skip: { "concurrency": "the driver serialises everything on one connection" },
 * };
 * ```
 */
export interface StoreHarness {
  /**
   * Returns a new, empty store. The suite calls `init()` on it (again, if the harness already did: `init` is
   * idempotent) and uses it for every test of one feature; tests keep apart by using fresh owner ids.
   */
  create(): Promise<DeploymentSetStore>;
  /** Releases a store made by {@link StoreHarness.create}: closes it and drops whatever it holds. */
  destroy(store: DeploymentSetStore): Promise<void>;
  /**
   * Known gaps: a feature name (`sets`, `members`, `positions`, `graph`, `cycles`, `owners`, `clone`,
   * `deployments`, `concurrency`) or an exact test title, mapped to the reason it is skipped. A key that names
   * nothing fails the suite, so stale entries do not linger.
   */
  readonly skip?: Partial<Record<string, string>>;
}
