import { readFileSync } from "node:fs";

/** A JSON Schema node of the OpenAPI document (the subset the fuzzer reads). */
export interface Schema {
  readonly $ref?: string;
  readonly type?: string;
  readonly description?: string;
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | Schema;
  readonly items?: Schema;
  readonly anyOf?: readonly Schema[];
  readonly oneOf?: readonly Schema[];
  readonly enum?: readonly unknown[];
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly pattern?: string;
  readonly default?: unknown;
}

/** A query parameter of an operation. */
export interface QueryParameter {
  readonly name: string;
  readonly required: boolean;
  readonly schema: Schema;
}

/** One operation of the document: a method on a path template, with what it reads. */
export interface Operation {
  readonly id: string;
  /** Upper-case, as sent. */
  readonly method: string;
  /** The template, e.g. `/api/v1/deployment-sets/{set_id}/members/{member_id}`. */
  readonly path: string;
  /** Path parameter names, in template order. */
  readonly pathParameters: readonly string[];
  readonly query: readonly QueryParameter[];
  /** The JSON body, with whether the document requires it. */
  readonly body?: { readonly required: boolean; readonly schema: Schema };
}

/** The parsed document with its operations and a `$ref` resolver. */
export interface ApiDocument {
  readonly operations: readonly Operation[];
  /** Every method the document declares on each path template. */
  readonly methodsByPath: ReadonlyMap<string, ReadonlySet<string>>;
  /** Follows `$ref`s to the schema they name. */
  deref(schema: Schema): Schema;
}

interface RawOperation {
  operationId: string;
  parameters?: { in: string; name: string; required?: boolean; schema: Schema }[];
  requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> };
}

/** Reads the committed OpenAPI document (`apps/server/openapi.json`) into its operations. */
export function loadApiDocument(file = new URL("../../openapi.json", import.meta.url)): ApiDocument {
  const document = JSON.parse(readFileSync(file, "utf8")) as {
    paths: Record<string, Record<string, RawOperation>>;
    components: { schemas: Record<string, Schema> };
  };
  const deref = (schema: Schema): Schema => {
    let current = schema;
    while (current.$ref) {
      const name = current.$ref.replace("#/components/schemas/", "");
      const target = document.components.schemas[name];
      if (!target) throw new Error(`openapi.json: unresolved ${current.$ref}`);
      current = target;
    }
    return current;
  };
  const operations: Operation[] = [];
  const methodsByPath = new Map<string, Set<string>>();
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, raw] of Object.entries(methods)) {
      const parameters = raw.parameters ?? [];
      const json = raw.requestBody?.content["application/json"];
      operations.push({
        id: raw.operationId,
        method: method.toUpperCase(),
        path,
        pathParameters: parameters.filter((p) => p.in === "path").map((p) => p.name),
        query: parameters.filter((p) => p.in === "query").map((p) => ({ name: p.name, required: p.required === true, schema: p.schema })),
        ...(json ? { body: { required: raw.requestBody?.required === true, schema: json.schema } } : {}),
      });
      methodsByPath.set(path, (methodsByPath.get(path) ?? new Set()).add(method.toUpperCase()));
    }
  }
  return { operations, methodsByPath, deref };
}
