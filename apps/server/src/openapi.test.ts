import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { DeploymentSets, MemoryCatalog, MemoryStore } from "@deployment-sets/core";
import { Validator } from "@seriousme/openapi-schema-validator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../test/harness.js";
import { assertBuilt, MAIN } from "../test/spawn-server.js";
import { buildApp } from "./app.js";
import { ERROR_STATUS, WIRE_ERROR_CODES, type WireErrorCode } from "@deployment-sets/wire";

const COMMITTED = fileURLToPath(new URL("../openapi.json", import.meta.url));
const GENERATOR = join(MAIN, "..", "gen-openapi.js");

interface Schema {
  $ref?: string;
  type?: string | string[];
  description?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  enum?: unknown[];
  examples?: unknown[];
  [keyword: string]: unknown;
}
interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  parameters?: { in: string; name: string; required?: boolean; description?: string; schema: Schema }[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> };
  responses: Record<string, { description?: string; content?: Record<string, { schema?: Schema }> }>;
}
interface Document {
  openapi: string;
  tags?: { name: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema>; securitySchemes?: Record<string, { type: string; scheme?: string }> };
}

/** What an operation is, per the documented REST API: its success status and what can make it fail. */
interface Expected {
  readonly success: number;
  /** Takes a JSON body (SetCreate, SetUpdate, MemberCreate, ...); `optional` for clone. */
  readonly body?: true | "optional";
  /** Takes a query (list routes). */
  readonly query?: readonly string[];
  /** Further error statuses (404 on id routes is derived from the path). */
  readonly errors?: readonly number[];
  /** False for the catalog lists, which never touch storage (no 503). */
  readonly storage?: false;
}

const SET = "/api/v1/deployment-sets/{set_id}";
const MEMBER = `${SET}/members/{member_id}`;

/** Every documented route: the 14 routes under /api/v1, the PATCH aliases, /healthz and /readyz. */
const ROUTES: Readonly<Record<string, Expected>> = {
  "post /api/v1/deployment-sets": { success: 201, body: true },
  "get /api/v1/deployment-sets": { success: 200, query: ["name", "tag", "limit", "offset"] },
  [`get ${SET}`]: { success: 200 },
  [`put ${SET}`]: { success: 200, body: true },
  [`patch ${SET}`]: { success: 200, body: true },
  [`delete ${SET}`]: { success: 204 },
  [`post ${SET}/clone`]: { success: 201, body: "optional" },
  [`get ${SET}/members`]: { success: 200 },
  [`post ${SET}/members`]: { success: 201, body: true, errors: [409] },
  [`delete ${MEMBER}`]: { success: 204 },
  [`put ${MEMBER}`]: { success: 200, body: true },
  [`patch ${MEMBER}`]: { success: 200, body: true },
  [`get ${SET}/resolve`]: { success: 200, errors: [422] },
  [`post ${SET}/deploy`]: { success: 200, body: true, errors: [403, 422] },
  [`post ${SET}/undeploy`]: { success: 200, body: true, errors: [403, 409, 422] },
  [`get ${SET}/deployments`]: { success: 200 },
  "get /api/v1/deployments": { success: 200, query: ["project_path", "profile"], errors: [403, 409, 422] },
  "get /api/v1/artifacts": { success: 200, query: ["type", "q", "limit", "offset"], storage: false },
  "get /api/v1/groups": { success: 200, query: ["limit", "offset"], storage: false },
  "get /healthz": { success: 200 },
  "get /readyz": { success: 200, errors: [503] },
};

/** Every error status `key` can answer with, per the documented error table and authentication rules. */
function errorStatuses(key: string, expected: Expected): number[] {
  const [method, path] = key.split(" ") as [string, string];
  const statuses = new Set(expected.errors ?? []);
  if (path.startsWith("/api/v1/")) {
    for (const status of [401, 500]) statuses.add(status);
    if (expected.storage !== false) statuses.add(503);
    // Any non-GET can carry a body: 415 (not JSON), 413 (too large), 400 (malformed), and needs `write` (403).
    if (method !== "get") for (const status of [400, 403, 413, 415]) statuses.add(status);
    if (expected.body || expected.query) statuses.add(422);
    if (path.includes("{set_id}")) statuses.add(404);
  }
  return [...statuses].sort();
}

function operations(doc: Document): [string, Operation][] {
  return Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]): [string, Operation] => [`${method} ${path}`, op]));
}

async function generatedFromSource(): Promise<string> {
  const app = await buildApp({ service: new DeploymentSets({ store: new MemoryStore(), catalog: new MemoryCatalog() }), logLevel: "silent" });
  await app.ready();
  const text = `${JSON.stringify(app.swagger(), null, 2)}\n`;
  await app.close();
  return text;
}

describe("the OpenAPI document", () => {
  let server: TestServer;
  let served: Document;
  const committedText = readFileSync(COMMITTED, "utf8");
  const committed = JSON.parse(committedText) as Document;

  beforeAll(async () => {
    server = await startTestServer();
    await server.app.ready();
    served = server.app.swagger() as unknown as Document;
  });
  afterAll(() => server.close());

  it.each([
    ["served by the app", () => served],
    ["committed", () => committed],
  ] as const)("validates as OpenAPI 3.1 (%s)", async (_name, doc) => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc()) as unknown as Record<string, unknown>);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
    expect(doc().openapi).toMatch(/^3\.1\.\d+$/);
  });

  it("lists exactly the documented routes", () => {
    expect(operations(served).map(([key]) => key).sort()).toEqual(Object.keys(ROUTES).sort());
  });

  it("gives every operation a unique operationId, a summary and a declared tag", () => {
    const declared = new Set((served.tags ?? []).map((tag) => tag.name));
    const ids = new Set<string>();
    for (const [key, op] of operations(served)) {
      expect(op.operationId, key).toMatch(/^[A-Za-z][A-Za-z0-9]*$/);
      expect(ids.has(op.operationId!), `${key}: duplicate operationId ${op.operationId}`).toBe(false);
      ids.add(op.operationId!);
      expect(op.summary?.trim().length, `${key}: summary`).toBeGreaterThan(0);
      expect(op.tags?.length, `${key}: tags`).toBeGreaterThan(0);
      for (const tag of op.tags ?? []) expect(declared.has(tag), `${key}: tag ${tag} is not declared`).toBe(true);
    }
  });

  it("documents the success status and every error status of each operation", () => {
    for (const [key, op] of operations(served)) {
      const expected = ROUTES[key]!;
      const documented = Object.keys(op.responses).map(Number);
      expect(documented, `${key}: success`).toContain(expected.success);
      for (const status of errorStatuses(key, expected)) expect(documented, `${key}: ${status}`).toContain(status);
      // No other success status.
      expect(documented.filter((status) => status < 400), key).toEqual([expected.success]);
    }
  });

  it("has every /api/v1 error response be a Problem narrowed to that status's codes, with an example of each", () => {
    expect([...(served.components.schemas.Problem?.required ?? [])].sort()).toEqual(["code", "detail", "status", "title", "type"]);
    expect(served.components.schemas.Problem!.properties!.code!.enum).toEqual([...WIRE_ERROR_CODES]);
    for (const [key, op] of operations(served).filter(([key]) => key.includes(" /api/v1/"))) {
      for (const [status, response] of Object.entries(op.responses).filter(([status]) => Number(status) >= 400)) {
        const schema = response.content?.["application/problem+json"]?.schema;
        expect(schema?.allOf?.[0], `${key} ${status}`).toEqual({ $ref: "#/components/schemas/Problem" });
        const codes = schema!.allOf![1]!.properties!.code!.enum as WireErrorCode[];
        expect(codes.length, `${key} ${status}`).toBeGreaterThan(0);
        for (const code of codes) expect(ERROR_STATUS[code], `${key} ${status} ${code}`).toBe(Number(status));
        expect((schema!.examples as { code: string; status: number }[]).map((e) => [e.code, e.status])).toEqual(codes.map((c) => [c, Number(status)]));
        for (const code of codes) expect(response.description, `${key} ${status}: description`).toContain(`\`${code}\``);
      }
    }
  });

  it("names the codes each operation fails with", () => {
    const codesOf = (key: string) => {
      const [method, path] = key.split(" ") as [string, string];
      const responses = served.paths[path]![method]!.responses;
      return Object.values(responses).flatMap((r) => (r.content?.["application/problem+json"]?.schema?.allOf?.[1]?.properties?.code?.enum ?? []) as string[]);
    };
    expect(codesOf(`post ${SET}/members`)).toEqual(
      expect.arrayContaining(["set_not_found", "unknown_reference", "duplicate_member", "too_many_members", "cycle_detected", "validation_failed"]),
    );
    expect(codesOf(`post ${SET}/deploy`)).toEqual(
      expect.arrayContaining(["deploy_disabled", "project_path_invalid", "project_path_forbidden", "depth_limit_exceeded", "forbidden"]),
    );
    expect(codesOf(`get ${SET}`)).not.toContain("forbidden");
    expect(codesOf(`get ${SET}/resolve`)).toContain("depth_limit_exceeded");
  });

  it("applies the bearer scheme to every /api/v1 operation with the scope it needs, and none elsewhere", () => {
    expect(served.components.securitySchemes?.bearer).toMatchObject({ type: "http", scheme: "bearer" });
    for (const [key, op] of operations(served)) {
      const [method, path] = key.split(" ") as [string, string];
      if (!path.startsWith("/api/v1/")) expect(op.security, key).toEqual([]);
      else expect(op.security, key).toEqual([{ bearer: [method === "get" ? "read" : "write"] }]);
    }
  });

  it("describes every operation, parameter and field, and bounds every string and number a client sends", () => {
    const problems: string[] = [];
    const resolve = (schema: Schema): Schema =>
      schema.$ref ? served.components.schemas[schema.$ref.replace("#/components/schemas/", "")]! : schema;
    const bounded = (schema: Schema, where: string) => {
      const types = [schema.type].flat();
      if (types.includes("string") && schema.maxLength === undefined && !schema.enum && !schema.format) problems.push(`${where}: string without maxLength`);
      if ((types.includes("integer") || types.includes("number")) && (schema.minimum === undefined || schema.maximum === undefined)) {
        problems.push(`${where}: number without minimum and maximum`);
      }
    };
    // Walks a schema: every property is described; with `request`, every string and number is bounded.
    const walk = (schema: Schema, where: string, request: boolean, seen: Set<Schema>) => {
      const target = resolve(schema);
      if (seen.has(target)) return;
      seen.add(target);
      if (request) bounded(target, where);
      for (const [name, property] of Object.entries(target.properties ?? {})) {
        if (!property.description && !resolve(property).description) problems.push(`${where}.${name}: no description`);
        walk(property, `${where}.${name}`, request, seen);
      }
      for (const branch of [...(target.allOf ?? []), ...(target.anyOf ?? []), ...(target.oneOf ?? [])]) walk(branch, where, request, seen);
      if (target.items) walk(target.items, `${where}[]`, request, seen);
    };
    for (const [key, op] of operations(served)) {
      if (!op.description?.trim()) problems.push(`${key}: no description`);
      for (const parameter of op.parameters ?? []) {
        if (!parameter.description) problems.push(`${key} ${parameter.name}: no description`);
        bounded(parameter.schema, `${key} ${parameter.name}`);
      }
      const body = op.requestBody?.content?.["application/json"]?.schema;
      if (body) walk(body, `${key} body`, true, new Set());
      for (const [status, response] of Object.entries(op.responses)) {
        for (const media of Object.values(response.content ?? {})) if (media.schema) walk(media.schema, `${key} ${status}`, false, new Set());
      }
    }
    expect(problems).toEqual([]);
  });

  it("describes a member reference as exactly one of three", () => {
    const create = served.components.schemas.MemberCreate!;
    expect(create.oneOf?.map((variant) => variant.required)).toEqual([["artifact_uuid"], ["group_id"], ["nested_set_id"]]);
    for (const variant of create.oneOf!) expect(variant.additionalProperties).toBe(false);
  });

  it("documents error responses with the media type the server sends: application/problem+json", () => {
    for (const [key, op] of operations(served).filter(([key]) => key.includes(" /api/v1/"))) {
      for (const [status, response] of Object.entries(op.responses).filter(([status]) => Number(status) >= 400)) {
        expect(Object.keys(response.content ?? {}), `${key} ${status}`).toEqual(["application/problem+json"]);
      }
    }
  });

  it("documents bodies, path and query parameters", () => {
    for (const [key, op] of operations(served)) {
      const expected = ROUTES[key]!;
      const path = key.split(" ")[1]!;
      const params = op.parameters ?? [];
      for (const [, name] of path.matchAll(/\{(\w+)\}/g)) {
        expect(params.find((p) => p.in === "path" && p.name === name), `${key}: path parameter ${name}`).toMatchObject({ required: true });
      }
      expect(params.filter((p) => p.in === "query").map((p) => p.name).sort(), `${key}: query`).toEqual([...(expected.query ?? [])].sort());
      if (expected.body) {
        expect(Object.keys(op.requestBody?.content ?? {}), `${key}: body`).toEqual(["application/json"]);
      } else {
        expect(op.requestBody, `${key}: no body`).toBeUndefined();
      }
      const success = op.responses[String(expected.success)]!;
      if (expected.success === 204) expect(success.content, `${key}: 204 has no content`).toBeUndefined();
      else expect(Object.keys(success.content ?? {}), `${key}: success content`).toEqual(["application/json"]);
    }
  });

  it("marks the clone body optional (no body, or an empty body, is fine)", () => {
    expect(served.paths[`${SET}/clone`]!.post!.requestBody?.required).not.toBe(true);
    for (const [key] of Object.entries(ROUTES).filter(([, e]) => e.body === true)) {
      const [method, path] = key.split(" ") as [string, string];
      expect(served.paths[path]![method]!.requestBody?.required, key).toBe(true);
    }
  });

  it("serves the same document at /openapi.json", async () => {
    const response = await server.app.inject({ method: "GET", url: "/openapi.json" });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(served);
  });

  it("is committed exactly as the source generates it", async () => {
    expect(await generatedFromSource()).toBe(committedText);
    // The document does not depend on the store, the collection or the configuration.
    expect(served).toEqual(committed);
  });

  it("is committed exactly as the built generator writes it", async () => {
    assertBuilt();
    const dir = mkdtempSync(join(tmpdir(), "ds-openapi-"));
    try {
      const target = join(dir, "openapi.json");
      await promisify(execFile)(process.execPath, [GENERATOR, target]);
      expect(readFileSync(target, "utf8")).toBe(committedText);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
