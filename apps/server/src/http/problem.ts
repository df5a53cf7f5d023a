import { isDeploymentSetsError } from "@deployment-sets/core";
import type { FastifyReply } from "fastify";
import { ERROR_STATUS, TITLES, type WireErrorCode } from "./error-status.js";
import { HttpError, type HttpErrorCode } from "./http-error.js";

/** An RFC 9457 problem body. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  [field: string]: unknown;
}

/** What an error becomes on the wire, and whether it is a bug worth an error log. */
export interface MappedError {
  readonly problem: Problem;
  readonly unexpected: boolean;
}

const FASTIFY_CODES: Readonly<Record<string, HttpErrorCode>> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: "unsupported_media_type",
  FST_ERR_CTP_BODY_TOO_LARGE: "payload_too_large",
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: "malformed_json",
  FST_ERR_CTP_EMPTY_JSON_BODY: "malformed_json",
  FST_ERR_CTP_INVALID_JSON_BODY: "malformed_json",
};

const FASTIFY_DETAILS: Readonly<Record<HttpErrorCode, string>> = {
  unsupported_media_type: "Request bodies must be application/json",
  payload_too_large: "Request bodies are limited to 1 MiB",
  malformed_json: "The request body is not valid JSON",
  unauthenticated: "Authentication required",
  forbidden: "Forbidden",
  route_not_found: "No such route",
  bad_request: "The request is not valid HTTP",
  request_timeout: "The request did not arrive in time",
  headers_too_large: "The request's headers are larger than the server accepts",
};

/** Builds the problem body of a code; `data` goes to the top level as is (snake_case already). */
export function problem(code: WireErrorCode, detail: string, data: object = {}): Problem {
  const status = ERROR_STATUS[code];
  return { type: `urn:deployment-sets:problem:${code}`, title: TITLES[status] ?? "Error", status, code, detail, ...data };
}

/** A library error's data on the wire: the same fields, snake_case (`setNames` becomes `set_names`). */
function wireData(data: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) out[key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)] = value;
  return out;
}

/** Maps any thrown value to its problem: core errors and HTTP errors by code, Fastify's own by its code. */
export function toProblem(error: unknown): MappedError {
  if (error instanceof HttpError) return { problem: problem(error.code, error.message, error.data), unexpected: false };
  if (isDeploymentSetsError(error) && error.code in ERROR_STATUS) {
    if (error.code === "internal_error") return internal();
    const detail =
      error.code === "storage_unavailable"
        ? "Storage is unavailable; nothing was changed, try again"
        : error.code === "project_path_forbidden"
          ? `${error.message} (the server's DS_PROJECT_ROOTS setting lists them)`
          : error.message;
    return { problem: problem(error.code, detail, wireData(error.data)), unexpected: error.code === "storage_unavailable" };
  }
  const fastifyCode = fastifyErrorCode(error);
  if (fastifyCode) return { problem: problem(fastifyCode, FASTIFY_DETAILS[fastifyCode]), unexpected: false };
  return internal();
}

/**
 * The code of one of Fastify's own errors: those listed by their Fastify code, then any other client error by its
 * status (404 is `route_not_found`, every other 4xx `bad_request`); `undefined` for anything else.
 */
function fastifyErrorCode(error: unknown): HttpErrorCode | undefined {
  const { code, statusCode } = (error ?? {}) as { code?: unknown; statusCode?: unknown };
  if (typeof code !== "string" || !code.startsWith("FST_")) return undefined;
  const listed = FASTIFY_CODES[code];
  if (listed) return listed;
  if (typeof statusCode !== "number" || statusCode < 400 || statusCode > 499) return undefined;
  return statusCode === 404 ? "route_not_found" : "bad_request";
}

function internal(): MappedError {
  return { problem: problem("internal_error", "An internal error occurred"), unexpected: true };
}

/** Sends a problem with its status and the problem+json media type. */
export function sendProblem(reply: FastifyReply, body: Problem): FastifyReply {
  return reply.code(body.status).type("application/problem+json").send(body);
}
