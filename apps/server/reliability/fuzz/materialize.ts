import { realpathSync } from "node:fs";
import { isAbsolute, resolve as resolvePath, sep } from "node:path";
import { ABSENT, encodeBody, MALFORMED, type EncodedBody } from "./encode-body.js";
import type { FuzzWorld } from "./fuzz-world.js";
import type { ApiDocument, Operation } from "./openapi-operations.js";
import type { ApiPlan, IdChoice, Plan } from "./plan-types.js";
import { Slot } from "./plan-types.js";
import { conforms } from "./schema-conformance.js";
import type { LiveModel } from "./state-snapshot.js";

/** What a correct server must do with a request, as far as the fuzzer can tell before sending it. */
export interface Oracle {
  /** Why the request must be rejected (any 4xx); absent when it may be accepted. */
  readonly mustReject?: string;
  /** The exact status it must get (413 for an oversized body, 431 for oversized headers...). */
  readonly expectStatus?: number;
  /** A well-formed write to a live target: it may change state, so the state is checked right before it. */
  readonly mayChangeState: boolean;
  /** A `dry_run` deploy or undeploy: accepted, it still must change nothing. */
  readonly dryRun: boolean;
  /** A `project_path` outside the allowed root: never accepted, and `project_path_forbidden` if refused for it. */
  readonly outsidePath?: string;
  /** A set create, update or clone whose fields must be stored exactly as sent (after the documented trimming). */
  readonly setWrite?: SetWrite;
}

/** See {@link Oracle.setWrite}. */
export interface SetWrite {
  readonly kind: "create" | "update" | "clone";
  readonly setId?: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

/** A request with every byte decided. */
export interface Concrete {
  /** The route it counts for: an operation id, `path` or `raw:<label>`. */
  readonly route: string;
  readonly method: string;
  readonly target: string;
  readonly headers: readonly (readonly [string, string])[];
  readonly body?: Buffer;
  /** Set for raw sockets: the bytes written. */
  readonly raw?: Buffer;
  /** Sent like a blocking client: nothing read until everything is written. */
  readonly blocking?: boolean;
  readonly oracle: Oracle;
}

/** What a plan is resolved against. */
export interface MaterializeContext {
  readonly api: ApiDocument;
  readonly world: FuzzWorld;
  readonly model: LiveModel;
}

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const FETCH_NORMALIZED = new Set(["DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"]);
const FETCH_REFUSED_METHODS = new Set(["CONNECT", "TRACE", "TRACK"]);
const FETCH_REFUSED_HEADERS = new Set(["connection", "content-length", "expect", "host", "keep-alive", "te", "trailer", "transfer-encoding", "upgrade"]);
const NO_ORACLE: Oracle = { mayChangeState: false, dryRun: false };

/** Resolves a plan against the live state into bytes to send and what the answer must be. */
export function materialize(plan: Plan, context: MaterializeContext): Concrete {
  const { world } = context;
  if (plan.kind === "raw") {
    const raw = Buffer.from(plan.payload.replaceAll("{host}", `127.0.0.1:${world.port}`), "latin1");
    const oracle: Oracle =
      plan.expect === "any"
        ? NO_ORACLE
        : { ...NO_ORACLE, mustReject: plan.label, ...(typeof plan.expect === "number" ? { expectStatus: plan.expect } : {}) };
    return { route: "raw", method: "RAW", target: plan.label, headers: [], raw, ...(plan.blocking ? { blocking: true } : {}), oracle };
  }
  if (plan.kind === "path") return finish({ route: "path", method: plan.method, target: plan.target, headers: [], oracle: NO_ORACLE }, world);
  return finish(apiRequest(plan, context), world);
}

function apiRequest(plan: ApiPlan, context: MaterializeContext): Concrete {
  const { api, world, model } = context;
  const planned = api.operations.find((operation) => operation.id === plan.operation)!;
  const setId = pickId(plan.setId, model, "set");
  const memberId = pickId(plan.memberId, model, "member", setId.decoded);
  let target = planned.path.replace("{set_id}", setId.segment).replace("{member_id}", memberId.segment);
  const resolveSlot = slotResolver(world, model);
  const query = plan.query.map((part) => ({ ...part, value: part.value instanceof Slot ? resolveSlot(part.value) : part.value }));
  if (query.length > 0) target += `?${query.map((part) => `${encode(part.name)}=${part.raw ? part.value : encode(part.value)}`).join("&")}`;
  const body = plan.body ? encodeBody(plan.body, resolveSlot) : undefined;
  const headers: [string, string][] = [...plan.headers.map(([name, value]): [string, string] => [name, value])];
  if (body && plan.contentType !== null) headers.push(["content-type", plan.contentType]);

  // Why a correct server must refuse it: any one reason is enough. The operation is the one of the method sent.
  const reasons: string[] = [];
  const operation = api.operations.find((candidate) => candidate.path === planned.path && candidate.method === plan.method);
  const declared = api.methodsByPath.get(planned.path)!;
  if (!operation && !(plan.method === "HEAD" && declared.has("GET")) && plan.method !== "OPTIONS") {
    reasons.push(`${plan.method} is not declared for ${planned.path}`);
  }
  // An OPTIONS is a CORS preflight, answered (empty, 204) for any path without looking at its ids.
  const usesIds = plan.method !== "OPTIONS";
  if (usesIds && planned.pathParameters.includes("set_id") && !model.sets.includes(setId.decoded)) reasons.push("set_id is no live set");
  if (usesIds && planned.pathParameters.includes("member_id") && !model.members.some((m) => m.id === memberId.decoded && m.setId === setId.decoded)) {
    reasons.push("member_id is no member of that set");
  }
  const judged = operation ?? (plan.method === "HEAD" ? api.operations.find((o) => o.path === planned.path && o.method === "GET") : undefined);
  if (judged) reasons.push(...queryReasons(judged, query));
  if (operation?.body) reasons.push(...bodyReasons(api, operation, body, plan.contentType));
  if (plan.expectStatus) reasons.unshift(`it must get ${plan.expectStatus}`);

  // What else the answer and the state must show: a path outside the root refused, a dry run harmless, a set write exact.
  const value = body && typeof body.value === "object" && body.value !== null ? (body.value as Record<string, unknown>) : undefined;
  const mustReject = reasons.length > 0 ? reasons.join("; ") : undefined;
  const projectPath =
    operation?.id === "getProjectInventory"
      ? query.filter((part) => part.name === "project_path").map((part) => (part.raw ? undefined : part.value))
      : operation?.id === "deployDeploymentSet" || operation?.id === "undeployDeploymentSet"
        ? [value?.project_path]
        : [];
  const outside = projectPath.length === 1 && typeof projectPath[0] === "string" && isOutside(projectPath[0], world.projectRoot) ? projectPath[0] : undefined;
  const trusted = !mustReject && body?.exact === true && /^application\/json(;\s*charset=utf-8)?$/i.test(plan.contentType ?? "");
  const setWrite = trusted && value && operation ? setWriteOf(operation, setId.decoded, value) : undefined;
  const oracle: Oracle = {
    ...(mustReject ? { mustReject } : {}),
    ...(plan.expectStatus ? { expectStatus: plan.expectStatus } : {}),
    mayChangeState: !mustReject && operation !== undefined && WRITE_METHODS.has(plan.method),
    dryRun: !mustReject && (operation?.id === "deployDeploymentSet" || operation?.id === "undeployDeploymentSet") && value?.dry_run === true,
    ...(outside ? { outsidePath: outside } : {}),
    ...(setWrite ? { setWrite } : {}),
  };
  return { route: planned.id, method: plan.method, target, headers, ...(body ? { body: body.bytes } : {}), oracle };
}

function setWriteOf(operation: Operation, setId: string, fields: Record<string, unknown>): SetWrite | undefined {
  switch (operation.id) {
    case "createDeploymentSet":
      return { kind: "create", fields };
    case "updateDeploymentSet":
    case "patchDeploymentSet":
      return { kind: "update", setId, fields };
    case "cloneDeploymentSet":
      return { kind: "clone", setId, fields };
    default:
      return undefined;
  }
}

function queryReasons(operation: Operation, query: readonly { name: string; value: string; raw: boolean }[]): string[] {
  const reasons: string[] = [];
  for (const parameter of operation.query) {
    const parts = query.filter((part) => part.name === parameter.name);
    if (parts.length === 0) {
      if (parameter.required) reasons.push(`query.${parameter.name} is required`);
      continue;
    }
    if (parts.length > 1) {
      reasons.push(`query.${parameter.name} is repeated`);
      continue;
    }
    if (parts[0]!.raw) continue;
    const text = Buffer.from(parts[0]!.value, "utf8").toString("utf8");
    const { schema } = parameter;
    if (schema.type === "integer") {
      const number = Number(text);
      if (text.trim() !== "" && (!Number.isInteger(number) || number < (schema.minimum ?? -Infinity) || number > (schema.maximum ?? Infinity))) {
        reasons.push(`query.${parameter.name} is no integer in range`);
      }
    } else if (schema.enum ? !schema.enum.includes(text) : [...text].length > (schema.maxLength ?? Infinity) || [...text].length < (schema.minLength ?? 0)) {
      reasons.push(`query.${parameter.name} does not match its schema`);
    }
  }
  return reasons;
}

function bodyReasons(api: ApiDocument, operation: Operation, body: EncodedBody | undefined, contentType: string | null): string[] {
  const bytes = body?.bytes.length ?? 0;
  const media = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (bytes > 0 && media !== "application/json") return [`a body of type ${JSON.stringify(contentType)}`];
  const value = body?.value ?? ABSENT;
  if (value === ABSENT) return operation.body!.required ? ["no body"] : [];
  if (value === MALFORMED) return ["the body is not JSON"];
  const name = (operation.body!.schema.$ref ?? "").split("/").pop();
  return conforms(api, operation.body!.schema, value) ? [] : [`the body does not match ${name}`];
}

/** A path id as a segment of the target, and as the server decodes it. */
function pickId(choice: IdChoice, model: LiveModel, kind: "set" | "member", setId?: string): { segment: string; decoded: string } {
  const own = kind === "set" ? model.sets : model.members.filter((m) => m.setId === setId).map((m) => m.id);
  const other = kind === "set" ? model.members.map((m) => m.id) : model.members.filter((m) => m.setId !== setId).map((m) => m.id);
  const at = (list: readonly string[], index: number) => list[index % Math.max(1, list.length)] ?? "0".repeat(32);
  switch (choice.kind) {
    case "live":
      return plain(at(own.length > 0 ? own : other, choice.index));
    case "foreign":
      return plain(at(other, choice.index));
    case "upper":
      return plain(at(own, choice.index).toUpperCase());
    case "hex":
      return plain(choice.hex);
    case "text":
      return { segment: encode(choice.text), decoded: Buffer.from(choice.text, "utf8").toString("utf8") };
    case "raw": {
      let decoded: string;
      try {
        decoded = decodeURIComponent(choice.raw);
      } catch {
        decoded = choice.raw;
      }
      return { segment: choice.raw, decoded };
    }
  }
}

const plain = (id: string) => ({ segment: id, decoded: id });

/** Percent-encodes the UTF-8 bytes of `text` (lone surrogates become U+FFFD, as any client would send them). */
function encode(text: string): string {
  let out = "";
  for (const byte of Buffer.from(text, "utf8")) {
    const char = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

function slotResolver(world: FuzzWorld, model: LiveModel): (slot: Slot) => string {
  return (slot) => {
    const at = <T>(list: readonly T[], index: number): T | undefined => list[index % Math.max(1, list.length)];
    switch (slot.slot) {
      case "set":
        return at(model.sets, slot.index) ?? "0".repeat(32);
      case "artifact":
        return at(world.artifacts, slot.index)?.uuid ?? "none";
      case "artifact-derived":
        return at(world.artifacts, slot.index)?.derivedId ?? "none";
      case "group":
        return at(world.groups, slot.index) ?? "none";
      case "project":
        return world.projectPath(slot.place, slot.index);
    }
  };
}

/**
 * Whether `path` leads outside `root`: an absolute path (of printable characters) that normalizes outside it, or
 * that exists and whose real path (symlinks followed) is outside it.
 */
function isOutside(path: string, root: string): boolean {
  // eslint-disable-next-line no-control-regex
  if (!isAbsolute(path) || /[\u0000-\u001f\ud800-\udfff]/.test(path) || path.length > 4096) return false;
  const inside = (candidate: string) => candidate === root || candidate.startsWith(`${root}${sep}`);
  const normalized = resolvePath(path);
  if (!inside(normalized)) return true;
  try {
    return !inside(realpathSync(normalized));
  } catch {
    return false;
  }
}

/** Picks the transport: fetch, unless something fetch would change or refuse needs a raw socket. */
function finish(request: Concrete, world: FuzzWorld): Concrete {
  const { method, target, headers, body } = request;
  const url = new URL(target, world.origin);
  const needsRaw =
    FETCH_REFUSED_METHODS.has(method.toUpperCase()) ||
    (FETCH_NORMALIZED.has(method.toUpperCase()) && method !== method.toUpperCase()) ||
    !/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(method) ||
    ((method === "GET" || method === "HEAD") && body !== undefined) ||
    url.pathname + url.search !== target ||
    // eslint-disable-next-line no-control-regex
    headers.some(([name, value]) => FETCH_REFUSED_HEADERS.has(name) || /[\u0000\r\n]|[^\u0000-\u00ff]/.test(value));
  if (!needsRaw) return request;
  const head = [`${method} ${target} HTTP/1.1`, `Host: 127.0.0.1:${world.port}`, ...headers.map(([name, value]) => `${name}: ${value}`)];
  if (body) head.push(`Content-Length: ${body.length}`);
  head.push("Connection: close", "", "");
  return { ...request, raw: Buffer.concat([Buffer.from(head.join("\r\n"), "latin1"), body ?? Buffer.alloc(0)]) };
}
