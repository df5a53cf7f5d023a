import { randomUUID } from "node:crypto";
import type { DeploymentSets } from "@deployment-sets/core";
import Fastify, { type FastifyInstance, type FastifyReply } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { answerClientError } from "./http/client-errors.js";
import { registerCors } from "./http/cors.js";
import { installErrorHandling, routeNotFound } from "./http/error-handling.js";
import { decorateOwner, ownerHook } from "./http/owner-hook.js";
import { sendProblem } from "./http/problem.js";
import { installRequestHooks } from "./http/request-hooks.js";
import { OneLinePerRequest } from "./http/request-log.js";
import type { TokenRegistry } from "./http/token-registry.js";
import { installWireFormat } from "./http/wire-format.js";
import { registerOpenApi } from "./openapi/register-openapi.js";
import { catalogRoutes } from "./routes/catalog-routes.js";
import { deploymentRoutes } from "./routes/deployment-routes.js";
import { memberRoutes } from "./routes/member-routes.js";
import { operationRoutes } from "./routes/operation-routes.js";
import { resolveRoutes } from "./routes/resolve-routes.js";
import { setRoutes } from "./routes/set-routes.js";

/** What the app needs: the service and the bits of configuration the HTTP layer reads. */
export interface AppOptions {
  /** The use cases. */
  readonly service: DeploymentSets;
  /** Bearer tokens; absent means `DS_AUTH=none` (every request is `local-user`). */
  readonly tokens?: TokenRegistry;
  /** Allowed CORS origins; empty disables CORS. */
  readonly corsOrigins?: readonly string[];
  /** pino level, or `silent`. */
  readonly logLevel?: string;
  /** Readiness probe for `/readyz`: `null` when ready, else the reason. */
  readonly readiness?: () => Promise<string | null>;
  /** The version in the OpenAPI document. */
  readonly version?: string;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;
const BODY_LIMIT = 1024 * 1024;

/**
 * Builds the Fastify app: the 14 REST routes under `/api/v1` (plus the PATCH aliases), `/healthz`,
 * `/readyz`, `/openapi.json` and `/docs`, with one error handler producing problem+json bodies.
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: options.logLevel ?? "info" },
    logController: new OneLinePerRequest(),
    bodyLimit: BODY_LIMIT,
    // A URL the router cannot decode, or an over-long id, is simply not found (problem+json like every error).
    routerOptions: { maxParamLength: 512 },
    clientErrorHandler: answerClientError,
    // Node answers an HTTP/1.1 request without a Host header with a bare 400 of its own; installRequestHooks
    // answers it as a problem like every other error.
    http: { requireHostHeader: false },
    // Fastify's routing errors (a URL it cannot decode, a failed constraint): nothing can match such a URL.
    frameworkErrors: (_error, request, reply) => sendProblem(reply as FastifyReply, routeNotFound(request)),
    requestIdHeader: false,
    genReqId: (request) => {
      const given = request.headers["x-request-id"];
      return typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
    },
  }).withTypeProvider<ZodTypeProvider>();

  installWireFormat(app);
  installRequestHooks(app);
  installErrorHandling(app);
  await registerCors(app, options.corsOrigins);
  await registerOpenApi(app, options.version);

  decorateOwner(app);
  await app.register(
    async (api) => {
      api.addHook("onRequest", ownerHook(options.tokens));
      await api.register(setRoutes, { service: options.service });
      await api.register(memberRoutes, { service: options.service });
      await api.register(resolveRoutes, { service: options.service });
      await api.register(deploymentRoutes, { service: options.service });
      await api.register(catalogRoutes, { service: options.service });
    },
    { prefix: "/api/v1" },
  );

  await app.register(operationRoutes, { readiness: options.readiness });
  return app;
}
