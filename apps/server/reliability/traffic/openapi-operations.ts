import { readFileSync } from "node:fs";

/** The parts of a JSON Schema the request generator reads. */
interface Schema {
  readonly $ref?: string;
  readonly type?: string;
  readonly enum?: readonly unknown[];
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly required?: readonly string[];
  readonly items?: Schema;
  readonly oneOf?: readonly Schema[];
  readonly anyOf?: readonly Schema[];
  readonly minLength?: number;
  readonly minimum?: number;
  readonly default?: unknown;
}

interface Parameter {
  readonly name: string;
  readonly in: "path" | "query" | "header";
  readonly required?: boolean;
  readonly schema: Schema;
}

interface OperationObject {
  readonly operationId: string;
  readonly parameters?: readonly Parameter[];
  readonly requestBody?: { readonly required?: boolean; readonly content: Readonly<Record<string, { readonly schema: Schema }>> };
  readonly security?: readonly Readonly<Record<string, readonly string[]>>[];
}

/** The parts of an OpenAPI 3.1 document the matrix reads. */
export interface OpenApiDocument {
  readonly paths: Readonly<Record<string, Readonly<Record<string, OperationObject>>>>;
  readonly components: { readonly schemas: Readonly<Record<string, Schema>> };
}

/** One operation of the OpenAPI document. */
export interface Operation {
  readonly id: string;
  readonly method: string;
  /** The path template (`/api/v1/deployment-sets/{set_id}`). */
  readonly path: string;
  /** The bearer scope it needs; `null` when it is not secured. */
  readonly scope: string | null;
  readonly pathParams: readonly string[];
  /** Query parameters the server requires. */
  readonly requiredQuery: readonly string[];
  /** The JSON body's schema (`$ref`s resolved lazily), when the operation takes one. */
  readonly body: Schema | undefined;
}

/** A request: method, URL and body. */
export interface Call {
  readonly method: string;
  readonly url: string;
  readonly body?: unknown;
}

const HTTP_METHODS = new Set(["get", "put", "post", "delete", "patch", "head", "options", "query"]);

/** Every operation of the document at `file` (apps/server/openapi.json, written by the build). */
export function loadOperations(file: string): { operations: Operation[]; document: OpenApiDocument } {
  const document = JSON.parse(readFileSync(file, "utf8")) as OpenApiDocument;
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!HTTP_METHODS.has(method)) continue;
      const parameters = op.parameters ?? [];
      operations.push({
        id: op.operationId,
        method: method.toUpperCase(),
        path,
        scope: op.security?.flatMap((requirement) => requirement.bearer ?? [])[0] ?? null,
        pathParams: [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!),
        requiredQuery: parameters.filter((p) => p.in === "query" && p.required).map((p) => p.name),
        body: op.requestBody?.content["application/json"]?.schema,
      });
    }
  }
  return { operations, document };
}

/**
 * Every request field (body property or query parameter, at any depth) whose name matches `pattern`, as
 * `operationId:field`: how a test notices that a new field of some kind appeared.
 */
export function requestFieldsNamed(document: OpenApiDocument, operations: readonly Operation[], pattern: RegExp): string[] {
  const found = new Set<string>();
  const walk = (id: string, schema: Schema | undefined, seen: Set<Schema>) => {
    if (schema === undefined || seen.has(schema)) return;
    seen.add(schema);
    const resolved = resolve(document, schema);
    for (const [name, property] of Object.entries(resolved.properties ?? {})) {
      if (pattern.test(name)) found.add(`${id}:${name}`);
      walk(id, property, seen);
    }
    for (const variant of [...(resolved.oneOf ?? []), ...(resolved.anyOf ?? [])]) walk(id, variant, seen);
    walk(id, resolved.items, seen);
  };
  for (const op of operations) {
    walk(op.id, op.body, new Set());
    const item = document.paths[op.path]![op.method.toLowerCase()]!;
    for (const p of item.parameters ?? []) if (p.in === "query" && pattern.test(p.name)) found.add(`${op.id}:${p.name}`);
  }
  return [...found].sort();
}

/**
 * The request for `op`: path parameters from `params`, required query parameters and the body from `values`
 * (by field name) or, for a field without one, a minimal value its schema accepts. A body holds its required
 * fields and every optional field `values` names; of a `oneOf`, the first variant. Throws when a path parameter
 * has no value, so a new parameter is noticed.
 */
export function callFor(
  document: OpenApiDocument,
  op: Operation,
  params: Readonly<Record<string, string>>,
  values: Readonly<Record<string, unknown>>,
): Call {
  const url = op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${op.id}: no value for the path parameter ${name}; add it to the matrix`);
    return encodeURIComponent(value);
  });
  const query = op.requiredQuery.map((name) => `${name}=${encodeURIComponent(String(values[name] ?? "x"))}`).join("&");
  const call = { method: op.method, url: query ? `${url}?${query}` : url };
  return op.body === undefined ? call : { ...call, body: sample(document, op.body, undefined, values) };
}

function resolve(document: OpenApiDocument, schema: Schema): Schema {
  if (schema.$ref === undefined) return schema;
  const name = schema.$ref.replace("#/components/schemas/", "");
  const target = document.components.schemas[name];
  if (!target) throw new Error(`unresolved ${schema.$ref}`);
  return resolve(document, target);
}

function sample(document: OpenApiDocument, raw: Schema, field: string | undefined, values: Readonly<Record<string, unknown>>): unknown {
  if (field !== undefined && field in values) return values[field];
  const schema = resolve(document, raw);
  if (schema.oneOf) return sample(document, schema.oneOf[0]!, field, values);
  if (schema.anyOf) return sample(document, schema.anyOf.find((variant) => resolve(document, variant).type !== "null") ?? schema.anyOf[0]!, field, values);
  if (schema.enum) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  switch (schema.type) {
    case "object": {
      const body: Record<string, unknown> = {};
      for (const [name, property] of Object.entries(schema.properties ?? {})) {
        if (schema.required?.includes(name) || name in values) body[name] = sample(document, property, name, values);
      }
      return body;
    }
    case "array":
      return [];
    case "string":
      return "x".repeat(Math.max(1, schema.minLength ?? 1));
    case "integer":
    case "number":
      return schema.minimum ?? 0;
    case "boolean":
      return false;
    default:
      return null;
  }
}
