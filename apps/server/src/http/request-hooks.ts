import { problem } from "@deployment-sets/wire";
import type { FastifyInstance } from "fastify";
import { sendProblem } from "./problem.js";

/**
 * The hooks every request passes: an HTTP/1.1 request without a Host header is refused (as a problem, where Node
 * would answer a bare 400), and every answer carries the request's id in `x-request-id`.
 *
 * @param app - the app being built
 */
export function installRequestHooks(app: FastifyInstance): void {
  // Callback style rather than async: these run on every request, and a promise per hook is measurable there.
  app.addHook("onRequest", (request, reply, done) => {
    if (request.headers.host === undefined && request.raw.httpVersion === "1.1") {
      return void sendProblem(reply, problem("bad_request", "An HTTP/1.1 request must carry a Host header"));
    }
    done();
  });
  app.addHook("onSend", (request, reply, payload, done) => {
    reply.header("x-request-id", request.id);
    done(null, payload);
  });
}
