import type { ApiDocument } from "./openapi-operations.js";
import type { ApiPlan, BodyPlan } from "./plan-types.js";
import { ODD_METHODS } from "./request-plans.js";

const ONE_MIB = 1024 * 1024;
const LIVE = { kind: "live", index: 0 } as const;

function plan(operation: string, method: string, body?: BodyPlan, expectStatus?: number): ApiPlan {
  return {
    kind: "api",
    operation,
    method,
    setId: LIVE,
    memberId: LIVE,
    query: [],
    contentType: "application/json",
    headers: [],
    ...(body ? { body } : {}),
    ...(expectStatus ? { expectStatus } : {}),
  };
}

/**
 * The cases every run sends once per operation, whatever the seed: a body just over the 1 MiB limit (it must get
 * a readable 413), an 80,000-key body (under the limit: a 422 whose problem stays small), and every odd method.
 */
export function specialPlans(api: ApiDocument): ApiPlan[] {
  const plans: ApiPlan[] = [];
  for (const operation of api.operations) {
    if (operation.body) {
      plans.push(plan(operation.id, operation.method, { kind: "oversized", bytes: ONE_MIB + 4096 }, 413));
      plans.push(plan(operation.id, operation.method, { kind: "many-keys", count: 80_000 }));
    }
    for (const method of ODD_METHODS) plans.push(plan(operation.id, method, operation.body ? { kind: "json", value: {} } : undefined));
  }
  return plans;
}
