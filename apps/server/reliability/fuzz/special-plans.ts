import type { ApiDocument, Operation } from "./openapi-operations.js";
import { Slot, type ApiPlan, type BodyPlan, type QueryPart } from "./plan-types.js";
import { ODD_METHODS } from "./request-plans.js";

const ONE_MIB = 1024 * 1024;
const LIVE = { kind: "live", index: 0 } as const;

/** The hazards every string field and query parameter gets once per run, whatever the seed. */
const FIELD_HAZARDS = ["a\u0000b", "\uD800", "x".repeat(10_000), "\u202Eevil\u202C", "../../etc"];
/** Bodies that are JSON but no object. */
const NOT_OBJECTS = [null, [], 0, "text", true];
/** Values of the fields whose valid values exist only at run time. */
const SLOTS: Readonly<Record<string, Slot>> = {
  artifact_uuid: new Slot("artifact", 0),
  group_id: new Slot("group", 0),
  nested_set_id: new Slot("set", 1),
  project_path: new Slot("project", 1, "inside"),
};

function plan(operation: string, method: string, parts: Partial<Pick<ApiPlan, "body" | "query" | "expectStatus">> = {}): ApiPlan {
  return { kind: "api", operation, method, setId: LIVE, memberId: LIVE, query: [], contentType: "application/json", headers: [], ...parts };
}

/**
 * The cases every run sends, whatever the seed, so the known classes of failure are always looked for: per
 * operation a body just over the 1 MiB limit and one of 8 MiB (each must get a readable 413), an 80,000-key body
 * and one whose only key is 100,000 characters long (both under the limit: a 422 whose problem stays small), JSON
 * that is no object, and every odd method; per string field and string query parameter each of
 * {@link FIELD_HAZARDS} (NUL, a lone surrogate, 10,000 characters, RTL, traversal).
 */
export function specialPlans(api: ApiDocument): ApiPlan[] {
  const plans: ApiPlan[] = [];
  for (const operation of api.operations) {
    if (operation.body) {
      const json = (value: unknown): BodyPlan => ({ kind: "json", value });
      // Just over the limit, and far over it: past what socket buffers absorb, a server that closes at once resets
      // the client's connection before it reads the 413.
      for (const bytes of [ONE_MIB + 4096, 8 * ONE_MIB]) {
        plans.push(plan(operation.id, operation.method, { body: { kind: "oversized", bytes }, expectStatus: 413 }));
      }
      plans.push(plan(operation.id, operation.method, { body: { kind: "many-keys", count: 80_000 } }));
      plans.push(plan(operation.id, operation.method, { body: json(Object.fromEntries([["k".repeat(100_000), 1]])) }));
      for (const value of NOT_OBJECTS) plans.push(plan(operation.id, operation.method, { body: json(value) }));
      for (const body of hazardBodies(api, operation)) plans.push(plan(operation.id, operation.method, { body: json(body) }));
    }
    for (const parameter of operation.query) {
      if (api.deref(parameter.schema).type !== "string") continue;
      const required: QueryPart[] = operation.query
        .filter((other) => other.required && other.name !== parameter.name)
        .map((other) => ({ name: other.name, value: SLOTS[other.name] ?? "stub", raw: false }));
      for (const hazard of FIELD_HAZARDS) {
        plans.push(plan(operation.id, operation.method, { query: [...required, { name: parameter.name, value: hazard, raw: false }] }));
      }
    }
    for (const method of ODD_METHODS) plans.push(plan(operation.id, method, operation.body ? { body: { kind: "json", value: {} } } : {}));
  }
  return plans;
}

/** For each top-level string (or string list) field: a body with the required fields and that field a hazard. */
function hazardBodies(api: ApiDocument, operation: Operation): Record<string, unknown>[] {
  const variants = (() => {
    const schema = api.deref(operation.body!.schema);
    return (schema.oneOf ?? schema.anyOf ?? [schema]).map((variant) => api.deref(variant));
  })();
  const bodies: Record<string, unknown>[] = [];
  for (const variant of variants) {
    const base = Object.fromEntries((variant.required ?? []).map((name) => [name, SLOTS[name] ?? "stub"]));
    for (const [name, property] of Object.entries(variant.properties ?? {})) {
      const options = [property, ...(api.deref(property).anyOf ?? [])].map((option) => api.deref(option));
      const list = options.some((option) => option.type === "array" && option.items && api.deref(option.items).type === "string");
      if (!list && !options.some((option) => option.type === "string")) continue;
      for (const hazard of FIELD_HAZARDS) bodies.push({ ...base, [name]: list ? ["ok", hazard] : hazard });
    }
  }
  return bodies;
}
