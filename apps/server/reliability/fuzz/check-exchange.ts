import { ERROR_STATUS, WIRE_ERROR_CODES } from "@deployment-sets/wire";
import type { Concrete } from "./materialize.js";
import type { Exchange } from "./send.js";

/** The largest problem body the fuzzer accepts: an error report, not an echo of an 80,000-key request. */
export const MAX_PROBLEM_BYTES = 64 * 1024;

const KNOWN_CODES: ReadonlySet<string> = new Set(WIRE_ERROR_CODES);
const STANDARD_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "RAW"]);

/**
 * Everything wrong with one answer, judged alone: no readable answer, a 5xx, an error that is not a valid
 * problem+json document with a known code whose status matches, an oversized problem, a request accepted that
 * must be rejected, a wrong expected status, and a `project_path` outside the root not refused as forbidden.
 */
export function checkExchange(request: Concrete, exchange: Exchange): string[] {
  if (exchange.error !== undefined) return [`no readable answer: ${exchange.error}`];
  const { status } = exchange;
  const { oracle } = request;
  const problems: string[] = [];
  if (status >= 500) problems.push(`a ${status} to ${STANDARD_METHODS.has(request.method) ? request.route : `method ${request.method}`}`);
  if (status >= 400) problems.push(...problemFormat(request, exchange));
  else if (oracle.mustReject) problems.push(`accepted (${status}) although ${oracle.mustReject}`);
  if (oracle.expectStatus !== undefined && status !== oracle.expectStatus) problems.push(`${status} instead of ${oracle.expectStatus}`);
  if (oracle.outsidePath !== undefined) {
    if (status < 400) problems.push(`accepted (${status}) a project_path outside the allowed root`);
    else if (problemCode(exchange) === "project_path_invalid") problems.push("a project_path outside the allowed root must be 403 project_path_forbidden");
  }
  if (status >= 200 && status < 300 && status !== 204 && request.method !== "HEAD" && request.target.startsWith("/api/v1/")) {
    if (!/^application\/json(;|$)/.test(exchange.headers["content-type"] ?? "")) problems.push(`a ${status} of type ${exchange.headers["content-type"]}`);
  }
  return problems;
}

function problemFormat(request: Concrete, exchange: Exchange): string[] {
  const { status } = exchange;
  const type = exchange.headers["content-type"] ?? "";
  if (!/^application\/problem\+json(;|$)/.test(type)) return [`a ${status} of type ${JSON.stringify(type || null)}, not application/problem+json`];
  if (request.method === "HEAD" || exchange.headOnly) return [];
  if (exchange.bodyBytes > MAX_PROBLEM_BYTES) return [`a ${status} problem of ${exchange.bodyBytes} bytes (over ${MAX_PROBLEM_BYTES})`];
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(exchange.body) as Record<string, unknown>;
  } catch {
    return [`a ${status} problem body that is not JSON`];
  }
  const problems: string[] = [];
  for (const field of ["type", "title", "detail"]) {
    if (typeof body[field] !== "string" || (body[field] as string).trim() === "") problems.push(`problem.${field} is no text`);
  }
  if (body.status !== status) problems.push(`problem.status ${String(body.status)} for a ${status}`);
  const code = body.code;
  if (typeof code !== "string" || !KNOWN_CODES.has(code)) problems.push(`problem.code ${JSON.stringify(code)} is unknown`);
  else if (ERROR_STATUS[code as keyof typeof ERROR_STATUS] !== status) problems.push(`problem.code ${code} belongs to ${ERROR_STATUS[code as keyof typeof ERROR_STATUS]}, not ${status}`);
  return problems;
}

function problemCode(exchange: Exchange): unknown {
  try {
    return (JSON.parse(exchange.body) as { code?: unknown }).code;
  } catch {
    return undefined;
  }
}
