import { LogController, type FastifyReply, type FastifyRequest } from "fastify";

/**
 * Fastify's request logging, reduced to one structured line per request, written when it ends: `request`, with the
 * method, the route's pattern (`null` when no route matched), the status, the time to answer in milliseconds and
 * the owner (`null` before the owner hook ran); the request id comes with the request's logger (`reqId`). Fastify's
 * own `incoming request` line is dropped, and its other lines (stream and serializer errors) are kept.
 */
export class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const line = {
      method: request.method,
      route: request.routeOptions.url ?? null,
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 100) / 100,
      owner: request.ownerId,
    };
    if (error) request.log.error({ ...line, err: error }, "request");
    else request.log.info(line, "request");
  }
}
