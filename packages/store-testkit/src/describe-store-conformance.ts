import type { DeploymentSetStore } from "@deployment-sets/core/ports";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFixture } from "./fixture.js";
import type { StoreHarness } from "./harness.js";
import type { FeatureSuite } from "./suite-context.js";
import { cloneSuite } from "./suites/clone.js";
import { concurrencySuite } from "./suites/concurrency.js";
import { cyclesSuite } from "./suites/cycles.js";
import { deploymentsSuite } from "./suites/deployments.js";
import { graphSuite } from "./suites/graph.js";
import { membersSuite } from "./suites/members.js";
import { ownersSuite } from "./suites/owners.js";
import { positionsSuite } from "./suites/positions.js";
import { setsSuite } from "./suites/sets.js";

/** The features of the suite, in run order; each runs on its own store from the harness. */
const FEATURES: readonly (readonly [string, FeatureSuite])[] = [
  ["sets", setsSuite],
  ["members", membersSuite],
  ["positions", positionsSuite],
  ["graph", graphSuite],
  ["cycles", cyclesSuite],
  ["owners", ownersSuite],
  ["clone", cloneSuite],
  ["deployments", deploymentsSuite],
  ["concurrency", concurrencySuite],
];

/**
 * Declares the storage conformance suite for one {@link DeploymentSetStore} adapter: vitest `describe` blocks
 * per feature (`sets`, `members`, `positions`, `graph`, `cycles`, `owners`, `clone`, `deployments`,
 * `concurrency`), each on a store from `harness.create()`, every test acting as fresh owners so tests never see
 * each other's data.
 * Call it at the top level of a test file; every adapter must pass it unchanged, known gaps being listed in
 * `harness.skip` with a reason.
 *
 * @param name - the adapter's name, shown in the test report
 * @param harness - how to make and dispose of stores, and what to skip
 *
 * @example
 * ```ts
 * import { MemoryStore } from "@deployment-sets/core";
 * import { describeStoreConformance } from "@deployment-sets/store-testkit";
 *
 * describeStoreConformance("MemoryStore", {
 *   create: async () => new MemoryStore(),
 *   destroy: (store) => store.close(),
 * });
 * ```
 */
export function describeStoreConformance(name: string, harness: StoreHarness): void {
  const skip = harness.skip ?? {};
  const known = new Set<string>();
  describe(`${name}: store conformance`, () => {
    for (const [feature, suite] of FEATURES) {
      known.add(feature);
      const featureSkip = skip[feature];
      const block = featureSkip === undefined ? describe : describe.skip;
      block(skipped(feature, featureSkip), () => {
        let store: DeploymentSetStore | undefined;
        if (featureSkip === undefined) {
          beforeAll(async () => {
            store = await harness.create();
            await store.init();
          });
          afterAll(async () => {
            if (store) await harness.destroy(store);
          });
        }
        suite((title, body, options = {}) => {
          if (known.has(title)) throw new Error(`Duplicate conformance test title: ${title}`);
          known.add(title);
          const reason = skip[title];
          if (reason !== undefined) {
            it.skip(skipped(title, reason), () => {});
            return;
          }
          it(
            title,
            async () => {
              if (!store) throw new Error(`${name}: harness.create() did not provide a store`);
              await body(createFixture(store));
            },
            options.timeout,
          );
        });
      });
    }
    it("the skip map names only existing features and tests", () => {
      expect(Object.keys(skip).filter((key) => !known.has(key)), "skip keys naming no feature or test").toEqual([]);
    });
  });
}

function skipped(title: string, reason: string | undefined): string {
  return reason === undefined ? title : `${title} (skipped: ${reason})`;
}
