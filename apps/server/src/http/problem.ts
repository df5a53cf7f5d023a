import { type HttpErrorCode, internalProblem, libraryProblem, type MappedError, type Problem, problem } from "@deployment-sets/wire";
import type { FastifyReply } from "fastify";

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

/** Maps any thrown value to its problem: core errors and HTTP errors by code, Fastify's own by its code. */
export function toProblem(error: unknown): MappedError {
  const mapped = libraryProblem(error, "the server's DS_PROJECT_ROOTS setting lists them");
  if (mapped) return mapped;
  const fastifyCode = fastifyErrorCode(error);
  if (fastifyCode) return { problem: problem(fastifyCode, FASTIFY_DETAILS[fastifyCode]), unexpected: false };
  return internalProblem();
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

/** Sends a problem with its status and the problem+json media type. */
export function sendProblem(reply: FastifyReply, body: Problem): FastifyReply {
  return reply.code(body.status).type("application/problem+json").send(body);
}
