import { problem, type Problem } from "@deployment-sets/wire";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { drainRejectedBody } from "./client-errors.js";
import { sendProblem, toProblem } from "./problem.js";

/**
 * The one error handler (every error a problem+json body, through the one error-to-status table) and the
 * not-found handler. Internal errors are logged with their stack, a too-deep resolution as a warning.
 *
 * @param app - the app being built
 */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler(async (error, request, reply) => {
    // A method no route takes (`QUERY` without a content type fails before routing completes) is simply not found.
    if (request.is404) return sendProblem(reply, routeNotFound(request));
    const { problem: body, unexpected } = toProblem(error);
    if (body.code === "payload_too_large") {
      // Answer once the client has sent everything, so that it can read the 413; the connection may then stay open
      // (Fastify asks to close it at once, which loses the answer to a reset).
      // (When the body was too large even to drain, the connection is cut and this answer goes nowhere.)
      reply.removeHeader("connection");
      await drainRejectedBody(request.raw);
    }
    if (unexpected) request.log.error({ err: error }, "request failed");
    // (A rejected cycle is logged once, by the service, with the sets' names.)
    else if (body.code === "depth_limit_exceeded") request.log.warn({ code: body.code, path: body.path }, body.detail);
    return sendProblem(reply, body);
  });
  app.setNotFoundHandler((request, reply) => sendProblem(reply, routeNotFound(request)));
}

/** The problem of a request no route takes. */
export function routeNotFound(request: FastifyRequest): Problem {
  return problem("route_not_found", `No route ${request.method} ${request.url.split("?")[0]}`);
}
