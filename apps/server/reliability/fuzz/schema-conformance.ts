import type { ApiDocument, Schema } from "./openapi-operations.js";

/**
 * Whether `value` conforms to `schema`, for the JSON Schema subset the document uses. The fuzzer's oracle: a
 * request whose body does not conform must be rejected. Lengths count code points, as JSON Schema does. A string
 * the document calls "trimmed" has its minimum checked after trimming, since that is what the document promises;
 * every maximum is checked after trimming, leniently, because the document does not say "trimmed" everywhere the
 * server trims (a clone's `name` is a set name, trimmed, but its description does not repeat it).
 */
export function conforms(api: ApiDocument, node: Schema, value: unknown): boolean {
  const schema = api.deref(node);
  if (schema.anyOf && !schema.anyOf.some((option) => conforms(api, option, value))) return false;
  if (schema.oneOf && schema.oneOf.filter((option) => conforms(api, option, value)).length !== 1) return false;
  if (schema.enum && !schema.enum.includes(value)) return false;
  switch (schema.type) {
    case undefined:
      return true;
    case "null":
      return value === null;
    case "boolean":
      return typeof value === "boolean";
    case "integer":
    case "number":
      return numberConforms(schema, value);
    case "string":
      return stringConforms(schema, value);
    case "array":
      return (
        Array.isArray(value) &&
        value.length >= (schema.minItems ?? 0) &&
        value.length <= (schema.maxItems ?? Infinity) &&
        value.every((item) => !schema.items || conforms(api, schema.items, item))
      );
    case "object":
      return objectConforms(api, schema, value);
    default:
      throw new Error(`schema-conformance: unsupported type ${schema.type}`);
  }
}

function numberConforms(schema: Schema, value: unknown): boolean {
  if (typeof value !== "number" || !Number.isFinite(value)) return false;
  if (schema.type === "integer" && !Number.isInteger(value)) return false;
  return value >= (schema.minimum ?? -Infinity) && value <= (schema.maximum ?? Infinity);
}

function stringConforms(schema: Schema, value: unknown): boolean {
  if (typeof value !== "string") return false;
  const trimmed = [...value.trim()].length;
  const shortest = /\btrimmed\b/.test(schema.description ?? "") ? trimmed : [...value].length;
  if (shortest < (schema.minLength ?? 0) || trimmed > (schema.maxLength ?? Infinity)) return false;
  return !schema.pattern || new RegExp(schema.pattern).test(value);
}

function objectConforms(api: ApiDocument, schema: Schema, value: unknown): boolean {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  const properties = schema.properties ?? {};
  for (const key of schema.required ?? []) if (!Object.hasOwn(record, key)) return false;
  for (const [key, field] of Object.entries(record)) {
    const property = Object.hasOwn(properties, key) ? properties[key] : undefined;
    if (property) {
      if (!conforms(api, property, field)) return false;
    } else if (schema.additionalProperties === false) {
      return false;
    } else if (typeof schema.additionalProperties === "object" && !conforms(api, schema.additionalProperties, field)) {
      return false;
    }
  }
  return true;
}
