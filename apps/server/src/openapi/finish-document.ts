import { OPTIONAL_BODY } from "../routes/operation.js";

type Json = Record<string, unknown>;
interface Document extends Json {
  paths?: Record<string, Record<string, Json>>;
  components?: Json & { schemas?: Record<string, unknown> };
}

/**
 * The last pass over the generated document, for what the generators cannot say themselves: optional request
 * bodies, and component names. The zod-to-OpenAPI bridge registers every named schema twice (as read and as
 * written, the latter suffixed `Input`); this keeps the components some operation uses and drops the suffix where
 * only one form is left, so `SetCreateInput` is `SetCreate` and `Member` stays `Member`.
 */
export function finishDocument<T>(document: T): T {
  const doc = document as Document;
  markOptionalBodies(doc);
  const schemas = doc.components?.schemas;
  if (!schemas) return document;
  const used = reachableComponents(doc, schemas);
  const renames = new Map<string, string>();
  for (const name of used) {
    const base = name.endsWith("Input") ? name.slice(0, -"Input".length) : name;
    if (base !== name && !used.has(base)) renames.set(name, base);
  }
  const kept: Record<string, unknown> = {};
  for (const name of Object.keys(schemas).sort()) if (used.has(name)) kept[renames.get(name) ?? name] = schemas[name];
  doc.components!.schemas = kept;
  return rewriteRefs(doc, renames) as T;
}

/** Turns the `x-optional-body` route marker into `requestBody.required: false` (@fastify/swagger always says true). */
function markOptionalBodies(doc: Document): void {
  for (const operations of Object.values(doc.paths ?? {})) {
    for (const operation of Object.values(operations)) {
      if (!(OPTIONAL_BODY in operation)) continue;
      delete operation[OPTIONAL_BODY];
      const body = operation.requestBody as { required?: boolean } | undefined;
      if (body) body.required = false;
    }
  }
}

const REF_PREFIX = "#/components/schemas/";

/** The component names the paths reference, directly or through other components. */
function reachableComponents(doc: Document, schemas: Record<string, unknown>): Set<string> {
  const used = new Set<string>();
  const pending: unknown[] = [doc.paths];
  while (pending.length > 0) {
    const node = pending.pop();
    if (Array.isArray(node)) pending.push(...node);
    else if (node !== null && typeof node === "object") {
      for (const [key, value] of Object.entries(node)) {
        if (key === "$ref" && typeof value === "string" && value.startsWith(REF_PREFIX)) {
          const name = value.slice(REF_PREFIX.length);
          if (!used.has(name)) {
            used.add(name);
            pending.push(schemas[name]);
          }
        } else pending.push(value);
      }
    }
  }
  return used;
}

function rewriteRefs(node: unknown, renames: ReadonlyMap<string, string>): unknown {
  if (renames.size === 0) return node;
  if (Array.isArray(node)) return node.map((item) => rewriteRefs(item, renames));
  if (node === null || typeof node !== "object") return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "$ref" && typeof value === "string" && value.startsWith(REF_PREFIX)) {
      const name = value.slice(REF_PREFIX.length);
      out[key] = REF_PREFIX + (renames.get(name) ?? name);
    } else out[key] = rewriteRefs(value, renames);
  }
  return out;
}
