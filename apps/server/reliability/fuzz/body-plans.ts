import fc from "fast-check";
import { hazardString, plainString } from "./hazards.js";
import type { ApiDocument, Schema } from "./openapi-operations.js";
import { Slot, type BodyPlan, type ProjectPlace } from "./plan-types.js";

const PLACES: readonly ProjectPlace[] = [
  "inside-nested",
  "inside-missing",
  "root",
  "traversal-in",
  "traversal-out",
  "outside-existing",
  "outside-missing",
  "sibling-prefix",
  "symlink-out",
  "collection",
  "etc",
  "relative",
  "trailing-slash",
];

/** A `project_path`: mostly a project of the allowed root, else every way to miss or leave it, else any text. */
export const projectPath: fc.Arbitrary<Slot | string> = fc.oneof(
  { weight: 6, arbitrary: fc.nat(5).map((index) => new Slot("project", index, "inside")) },
  { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...PLACES), fc.nat(5)).map(([place, index]) => new Slot("project", index, place)) },
  { weight: 1, arbitrary: hazardString },
);

const hex32 = fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), minLength: 32, maxLength: 32 });

/** Fields whose valid values are ids or folders known only at send time. */
const SLOT_FIELDS: Readonly<Record<string, fc.Arbitrary<unknown>>> = {
  artifact_uuid: fc.oneof(
    { weight: 8, arbitrary: fc.nat(63).map((index) => new Slot("artifact", index)) },
    { weight: 1, arbitrary: fc.nat(63).map((index) => new Slot("artifact-derived", index)) },
    { weight: 1, arbitrary: hazardString },
  ),
  group_id: fc.oneof({ weight: 8, arbitrary: fc.nat(63).map((index) => new Slot("group", index)) }, { weight: 2, arbitrary: hazardString }),
  nested_set_id: fc.oneof({ weight: 8, arbitrary: fc.nat(63).map((index) => new Slot("set", index)) }, { weight: 1, arbitrary: hex32 }),
  project_path: projectPath,
};

/** A value the schema (mostly) accepts; its strings are sometimes hazards, which the oracle judges per request. */
export function validValue(api: ApiDocument, node: Schema, key?: string): fc.Arbitrary<unknown> {
  const schema = api.deref(node);
  const slot = key !== undefined && schema.type === "string" ? SLOT_FIELDS[key] : undefined;
  if (slot) return slot;
  const options = schema.anyOf ?? schema.oneOf;
  if (options) return fc.oneof(...options.map((option) => validValue(api, option, key)));
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case "null":
      return fc.constant(null);
    case "boolean":
      return fc.boolean();
    case "integer":
    case "number": {
      const min = schema.minimum ?? -1000;
      const max = schema.maximum ?? 1000;
      return fc.oneof({ weight: 4, arbitrary: fc.integer({ min, max: Math.min(max, min + 6) }) }, fc.constantFrom(min, max), fc.integer({ min, max }));
    }
    case "string":
      if (schema.pattern) return fc.constantFrom("#abc", "#A1B2C3", "red", "rebeccapurple", "#abcd", "Red", "#12345g", "");
      return fc.oneof({ weight: 3, arbitrary: plainString }, { weight: 2, arbitrary: hazardString });
    case "array":
      return fc.oneof(
        { weight: 6, arbitrary: fc.array(validValue(api, schema.items ?? {}), { maxLength: 5 }) },
        { weight: 1, arbitrary: fc.array(validValue(api, schema.items ?? {}), { minLength: 30, maxLength: 70 }) },
      );
    case "object": {
      const properties = schema.properties ?? {};
      const shape = Object.fromEntries(Object.entries(properties).map(([name, property]) => [name, validValue(api, property, name)]));
      return fc.record(shape, { requiredKeys: [...(schema.required ?? [])] });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Every property name the schema (or any of its alternatives) declares. */
function propertyNames(api: ApiDocument, node: Schema): string[] {
  const schema = api.deref(node);
  const names = new Set(Object.keys(schema.properties ?? {}));
  for (const option of [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) for (const name of propertyNames(api, option)) names.add(name);
  return [...names];
}

const WRONG_TYPES: readonly unknown[] = [1, -1, 1.5, 2 ** 53, true, false, "text", "", [], [1], {}, { nested: { deep: [null] } }, null];
const UNKNOWN_KEYS = ["unknown", "id", "owner_id", "created_at", "members", "__proto__", "constructor", "Name", "name ", ""];

type Mutation = (value: Record<string, unknown>) => unknown;

function mutations(api: ApiDocument, schema: Schema): fc.Arbitrary<Mutation> {
  const names = propertyNames(api, schema);
  const key = names.length > 0 ? fc.constantFrom(...names) : fc.constant("name");
  const set = (name: string, field: unknown): Mutation => (value) => Object.fromEntries([...Object.entries(value), [name, field]]);
  return fc.oneof(
    fc.tuple(fc.oneof(fc.constantFrom(...UNKNOWN_KEYS), hazardString), fc.jsonValue({ maxDepth: 2 })).map(([name, field]) => set(name, field)),
    fc.tuple(key, fc.constantFrom(...WRONG_TYPES)).map(([name, field]) => set(name, field)),
    fc.tuple(key, hazardString).map(([name, field]) => set(name, field)),
    key.map((name): Mutation => (value) => Object.fromEntries(Object.entries(value).filter(([k]) => k !== name))),
    fc.constantFrom<Mutation>(
      () => null,
      () => [],
      (value) => [value],
      () => 0,
      () => "text",
      () => true,
    ),
  );
}

/** Texts a JSON parser must refuse or read carefully: truncation, trailing data, a BOM, duplicate keys, odd numbers. */
const ODD_TEXTS: readonly string[] = [
  "{",
  "}",
  "[",
  "nul",
  "{'name':'a'}",
  '{"name":"a",}',
  '{"name":"a"}{"name":"b"}',
  '{"name":"a"} x',
  '\uFEFF{"name":"a"}',
  '{"name":"a","name":"b"}',
  '{"position":1e400}',
  '{"position":-0}',
  '{"position":1.0}',
  '{"position":0.5}',
  '{"position":99999999999999999999}',
  '{"name":"\\ud800"}',
  '{"name":"\\u0000"}',
  '{"name":"a\\/b"}',
  '{"name":"\\x41"}',
  '""',
  "   ",
  "",
  "null",
  "[]",
  "0",
  "true",
  '{"name":"a"}\u0000',
  "\u0000",
  '{"__proto__":{"name":"x"},"name":"a"}',
  '{"constructor":{"prototype":{"polluted":1}}}',
  '{"project_path":"/etc","__proto__":{"dry_run":false}}',
];

/** Bytes that are not UTF-8 (sent as latin1): the server decodes them with replacement characters or refuses. */
const LATIN1_BODIES: readonly string[] = ['{"name":"\xff\xfe"}', '{"name":"\xc0\x80"}', '{"name":"\xed\xa0\x80"}', "\xff\xfe{\x00}\x00", '{"tags":["\xe9"]}'];

/** A body for an operation that takes `schema`: valid, mutated, oddly written, not UTF-8, deeply nested, or none. */
export function bodyPlan(api: ApiDocument, schema: Schema): fc.Arbitrary<BodyPlan | undefined> {
  const valid = validValue(api, schema);
  return fc.oneof(
    { weight: 12, arbitrary: valid.map((value): BodyPlan => ({ kind: "json", value })) },
    {
      weight: 6,
      arbitrary: fc
        .tuple(valid, mutations(api, schema))
        .map(([value, mutate]): BodyPlan => ({ kind: "json", value: typeof value === "object" && value !== null ? mutate(value as Record<string, unknown>) : value })),
    },
    {
      weight: 2,
      arbitrary: fc.oneof(
        fc.constantFrom(...ODD_TEXTS),
        valid.chain((value) => {
          const text = JSON.stringify(value);
          return fc.nat(Math.max(0, text.length - 1)).map((cut) => text.slice(0, cut));
        }),
      ).map((text): BodyPlan => ({ kind: "text", text })),
    },
    { weight: 1, arbitrary: fc.constantFrom(...LATIN1_BODIES).map((bytes): BodyPlan => ({ kind: "latin1", bytes })) },
    { weight: 1, arbitrary: fc.constantFrom(64, 5_000, 100_000).map((depth): BodyPlan => ({ kind: "deep", depth })) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

/** A stray body for an operation that reads none. */
export const strayBody: fc.Arbitrary<BodyPlan> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }).map((value): BodyPlan => ({ kind: "json", value })),
  fc.constantFrom(...ODD_TEXTS).map((text): BodyPlan => ({ kind: "text", text })),
);
