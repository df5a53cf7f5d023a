import fc from "fast-check";
import type { ApiDocument } from "./openapi-operations.js";
import type { Plan } from "./plan-types.js";
import { RAW_CASES, rawPlan } from "./raw-plans.js";
import { apiPlan, pathPlan } from "./request-plans.js";
import { specialPlans } from "./special-plans.js";

/** Any request: mostly one to an operation of the document (each equally likely), else an odd target or raw bytes. */
export function planArbitrary(api: ApiDocument): fc.Arbitrary<Plan> {
  return fc.oneof(
    { weight: 90, arbitrary: fc.oneof(...api.operations.map((operation) => apiPlan(api, operation))) },
    { weight: 5, arbitrary: pathPlan },
    { weight: 5, arbitrary: rawPlan },
  );
}

/**
 * `count` plans from `seed`: the fixed cases of every run (oversized and many-key bodies, odd methods on every
 * operation, the raw-socket cases) spread at seeded places among generated ones. The same seed gives the same
 * plans, so a failure replays with `FUZZ_SEED`.
 */
export function fuzzPlans(api: ApiDocument, seed: number, count: number): Plan[] {
  const fixed: Plan[] = [...specialPlans(api), ...RAW_CASES];
  const generated = fc.sample(planArbitrary(api), { seed, numRuns: Math.max(0, count - fixed.length) });
  const places = fc.sample(fc.nat(generated.length), { seed: seed ^ 0x5eed, numRuns: fixed.length });
  const byPlace = new Map<number, Plan[]>();
  fixed.forEach((plan, index) => byPlace.set(places[index]!, [...(byPlace.get(places[index]!) ?? []), plan]));
  const plans: Plan[] = [];
  for (let index = 0; index <= generated.length; index++) {
    plans.push(...(byPlace.get(index) ?? []));
    if (index < generated.length) plans.push(generated[index]!);
  }
  return plans;
}
