import fc from "fast-check";
import { bodyPlan, projectPath, strayBody } from "./body-plans.js";
import { hazardString } from "./hazards.js";
import type { ApiDocument, Operation, QueryParameter } from "./openapi-operations.js";
import type { ApiPlan, IdChoice, PathPlan, QueryPart } from "./plan-types.js";

/** Methods no operation declares, lower- and mixed-case spellings, WebDAV's, and the draft `QUERY`. */
export const ODD_METHODS = ["QUERY", "PROPFIND", "get", "post", "patch", "delete", "Put", "PURGE", "MKCOL", "LOCK", "SEARCH", "TRACE", "OPTIONS", "HEAD", "M-SEARCH", "BREW"];

/** Path segments that are no id: encodings the router must survive. */
const RAW_SEGMENTS = ["%", "%ZZ", "%00", "..", "%2e%2e", "%2F", ".", "a".repeat(600), "%C0%AF", "%ED%A0%80", "%FF", ";", "%20", "\xe9", "%252F"];

const hex32 = fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), minLength: 32, maxLength: 32 });

/** A path id: mostly a live one (so writes land), else a near miss or junk. */
const idChoice: fc.Arbitrary<IdChoice> = fc.oneof(
  { weight: 24, arbitrary: fc.nat(63).map((index): IdChoice => ({ kind: "live", index })) },
  { weight: 1, arbitrary: fc.nat(63).map((index): IdChoice => ({ kind: "foreign", index })) },
  { weight: 1, arbitrary: fc.nat(63).map((index): IdChoice => ({ kind: "upper", index })) },
  { weight: 1, arbitrary: hex32.map((hex): IdChoice => ({ kind: "hex", hex })) },
  { weight: 1, arbitrary: hazardString.map((text): IdChoice => ({ kind: "text", text })) },
  { weight: 1, arbitrary: fc.constantFrom(...RAW_SEGMENTS).map((raw): IdChoice => ({ kind: "raw", raw })) },
);

const BAD_INTEGERS = ["abc", "-1", "0", "1.5", "201", "2147483648", "1e3", " 7 ", "0x10", "Infinity", "NaN", "", "007", "+5", "9".repeat(400)];
const RAW_VALUES = ["%", "%ZZ", "%C0%80", "%FF%FE", "a+b", "%2B", "a&b=c", "=", "%00", "%u0041", "a%0D%0AX-Injected:%201"];

function queryValue(parameter: QueryParameter): fc.Arbitrary<string | QueryPart["value"]> {
  const schema = parameter.schema;
  if (parameter.name === "project_path") return projectPath;
  if (schema.enum) return fc.constantFrom(...(schema.enum as string[]));
  if (schema.type === "integer") return fc.integer({ min: schema.minimum ?? 0, max: Math.min(schema.maximum ?? 100, 400) }).map(String);
  return fc.string({ unit: "grapheme-ascii", maxLength: 6 });
}

function badQueryValue(parameter: QueryParameter): fc.Arbitrary<string> {
  const schema = parameter.schema;
  if (schema.type === "integer") return fc.constantFrom(...BAD_INTEGERS);
  if (schema.enum) return fc.oneof(fc.constantFrom(...(schema.enum as string[]).map((v) => v.toUpperCase()), "", "skill "), hazardString);
  return fc.oneof(hazardString, fc.constant("q".repeat((schema.maxLength ?? 255) + 1)));
}

/** One parameter: absent, valid, invalid, repeated, or raw text the target carries unencoded. */
function queryParts(parameter: QueryParameter): fc.Arbitrary<QueryPart[]> {
  const part = (value: QueryPart["value"], raw = false): QueryPart => ({ name: parameter.name, value, raw });
  return fc.oneof(
    { weight: parameter.required ? 1 : 8, arbitrary: fc.constant<QueryPart[]>([]) },
    { weight: 6, arbitrary: queryValue(parameter).map((value) => [part(value)]) },
    { weight: 3, arbitrary: badQueryValue(parameter).map((value) => [part(value)]) },
    { weight: 1, arbitrary: fc.tuple(queryValue(parameter), queryValue(parameter)).map(([a, b]) => [part(a), part(b)]) },
    { weight: 1, arbitrary: fc.constantFrom(...RAW_VALUES).map((value) => [part(value, true)]) },
  );
}

function query(operation: Operation): fc.Arbitrary<QueryPart[]> {
  const unknown = fc.tuple(fc.constantFrom("unknown", "__proto__", "constructor", "limit[]", "", "LIMIT"), fc.constantFrom("1", "x", "")).map(
    ([name, value]): QueryPart => ({ name, value, raw: false }),
  );
  return fc
    .tuple(fc.tuple(...operation.query.map(queryParts)), fc.option(unknown, { freq: 12 }))
    .map(([parts, extra]) => [...parts.flat(), ...(extra ? [extra] : [])]);
}

const CONTENT_TYPES: readonly (string | null)[] = [
  "application/json; charset=utf-8",
  "application/json;charset=UTF-8",
  "APPLICATION/JSON",
  "application/json; charset=latin1",
  "text/plain",
  "text/plain;charset=UTF-8",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/xml",
  "application/problem+json",
  "application/json-patch+json",
  "application/jsonx",
  "*/*",
  "",
  "application/json, text/plain",
  null,
];

const EXTRA_HEADERS: readonly (readonly [string, string])[] = [
  ["accept", "application/xml"],
  ["accept", "*/*;q=0"],
  ["x-request-id", "../../etc"],
  ["x-request-id", "a".repeat(300)],
  ["x-request-id", "ok.request-1"],
  ["authorization", "Bearer \xff\xfe"],
  ["authorization", "Basic Zm9vOmJhcg=="],
  ["content-encoding", "gzip"],
  ["content-encoding", "br, identity"],
  ["origin", "http://evil.example"],
  ["origin", "http://localhost:5173"],
  ["x-forwarded-for", "1.1.1.1, ::1"],
  ["accept-charset", "utf-16"],
  ["x-http-method-override", "DELETE"],
  ["range", "bytes=0-1"],
  ["if-none-match", "*"],
  ["expect", "100-continue"],
  ["x-note", "a\u0000b"],
  ["x-note", "\u00e9t\u00e9"],
];

/** A request to `operation` with every part of it sometimes bent: method, ids, query, body, content type, headers. */
export function apiPlan(api: ApiDocument, operation: Operation): fc.Arbitrary<ApiPlan> {
  const declared = [...(api.methodsByPath.get(operation.path) ?? [])].filter((method) => method !== operation.method);
  const methods = fc.oneof(
    { weight: 30, arbitrary: fc.constant(operation.method) },
    { weight: 2, arbitrary: fc.constantFrom(...declared, "GET", "POST", "DELETE") },
    { weight: 2, arbitrary: fc.constantFrom(...ODD_METHODS) },
  );
  const body = operation.body ? bodyPlan(api, operation.body.schema) : fc.option(strayBody, { freq: 12, nil: undefined });
  const contentType = fc.oneof({ weight: 20, arbitrary: fc.constant("application/json") }, { weight: 3, arbitrary: fc.constantFrom(...CONTENT_TYPES) });
  const headers = fc.oneof({ weight: 12, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.subarray([...EXTRA_HEADERS], { maxLength: 3 }) });
  return fc.record({ method: methods, setId: idChoice, memberId: idChoice, query: query(operation), body, contentType, headers }).map(
    (parts): ApiPlan => {
      const { body: planned, ...rest } = parts;
      return { kind: "api", operation: operation.id, ...rest, ...(planned ? { body: planned } : {}) };
    },
  );
}

const TARGETS = [
  "/",
  "/healthz",
  "/readyz",
  "/openapi.json",
  "/docs",
  "/docs/",
  "/docs/json",
  "/docs/static/index.html",
  "/docs/static/../../../../etc/passwd",
  "/docs/static/%2e%2e/%2e%2e/%2e%2e/package.json",
  "/docs/static/..%2f..%2f..%2fpackage.json",
  "/api",
  "/api/v1",
  "/api/v1/",
  "/api/v2/deployment-sets",
  "//api/v1/deployment-sets",
  "/api/v1/deployment-sets/",
  "/api/v1//deployment-sets",
  "/API/V1/DEPLOYMENT-SETS",
  "/api/v1/deployment-sets/%",
  "/api/v1/deployment-sets?%",
  "/api/v1/deployment-sets?limit=1&limit=2&limit",
  "/api/v1/artifacts/..%2f..%2fhealthz",
  "/api/v1/deployment-sets/../../healthz",
  "/favicon.ico",
  "/.env",
  "/api/v1/deployment-sets;jsessionid=1",
  "/%00",
  "/api/v1/deployment-sets\\..\\..\\healthz",
  `/api/v1/deployment-sets/${"%2F".repeat(300)}`,
  `/api/v1/${"a/".repeat(2000)}`,
];

/** A target outside the operations, with a common or odd method. */
export const pathPlan: fc.Arbitrary<PathPlan> = fc
  .tuple(
    fc.constantFrom("GET", "GET", "HEAD", "POST", "DELETE", "OPTIONS", "QUERY"),
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...TARGETS) },
      {
        weight: 1,
        arbitrary: hazardString.map((text) => `/${[...Buffer.from(text.slice(0, 200), "utf8")].map((byte) => `%${byte.toString(16).padStart(2, "0")}`).join("")}`),
      },
    ),
  )
  .map(([method, target]): PathPlan => ({ kind: "path", method, target }));
