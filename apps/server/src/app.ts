import { randomUUID } from "node:crypto";
import { safeParseInput, type DeploymentSets } from "@deployment-sets/core";
import cors from "@fastify/cors";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import type { z } from "zod";
import { answerClientError, drainRejectedBody } from "./http/client-errors.js";
import { HttpError } from "./http/http-error.js";
import { OneLinePerRequest } from "./http/request-log.js";
import { decorateOwner, ownerHook } from "./http/owner-hook.js";
import { problem, sendProblem, toProblem } from "./http/problem.js";
import { dtoSerializerCompiler } from "./http/serializer.js";
import type { TokenRegistry } from "./http/token-registry.js";
import { finishDocument } from "./openapi/finish-document.js";
import { catalogRoutes } from "./routes/catalog-routes.js";
import { deploymentRoutes } from "./routes/deployment-routes.js";
import { memberRoutes } from "./routes/member-routes.js";
import { TAGS } from "./routes/operation.js";
import { resolveRoutes } from "./routes/resolve-routes.js";
import { setRoutes } from "./routes/set-routes.js";
import { StatusDto } from "./wire/responses.js";

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
    // Node answers an HTTP/1.1 request without a Host header with a bare 400 of its own; the hook below answers it
    // as a problem like every other error.
    http: { requireHostHeader: false },
    // Fastify's routing errors (a URL it cannot decode, a failed constraint): nothing can match such a URL.
    frameworkErrors: (_error, request, reply) => sendProblem(reply as FastifyReply, routeNotFound(request)),
    requestIdHeader: false,
    genReqId: (request) => {
      const given = request.headers["x-request-id"];
      return typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
    },
  }).withTypeProvider<ZodTypeProvider>();

  // Bodies and query strings are parsed with the wire schemas into the library's inputs (Fastify runs this after
  // authentication and body parsing, so the error precedence holds); field errors name the wire's fields. Path
  // ids are never rejected: a malformed id is simply not found.
  app.setValidatorCompiler(({ schema, httpPart }) => {
    if (httpPart === "params") return (data) => ({ value: data });
    const source = httpPart === "querystring" ? "query" : "body";
    return (data) => {
      const result = safeParseInput(schema as z.ZodType, data, source);
      return result.success ? { value: result.data } : { error: result.error };
    };
  });
  app.setSerializerCompiler(dtoSerializerCompiler);

  app.removeAllContentTypeParsers();
  app.addContentTypeParser("application/json", { parseAs: "string" }, (_request, body, done) => {
    const text = typeof body === "string" ? body : body.toString("utf8");
    if (text.trim() === "") return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(new HttpError("malformed_json", "The request body is not valid JSON"), undefined);
    }
  });

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

  if (options.corsOrigins && options.corsOrigins.length > 0) {
    // Every method the API uses (the plugin's default is GET, HEAD and POST only, which would leave browsers
    // unable to update, move or delete).
    await app.register(cors, {
      origin: [...options.corsOrigins],
      methods: ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"],
      allowedHeaders: ["authorization", "content-type", "x-request-id"],
      exposedHeaders: ["x-request-id"],
      // An OPTIONS that is not a full preflight (no Origin or no Access-Control-Request-Method) gets the same empty
      // 204, not the plugin's text/plain 400: every error the server sends is a problem document.
      strictPreflight: false,
    });
  }

  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Deployment Sets API",
        version: options.version ?? "0.1.0",
        description: "Composable bundles of AI-assistant artifacts: create sets, nest them, resolve and deploy them.",
      },
      tags: [
        { name: TAGS.sets, description: "Named, user-owned bundles of artifacts, groups and other sets" },
        { name: TAGS.members, description: "The ordered members of a set" },
        { name: TAGS.resolve, description: "Resolution into one ordered, distinct artifact list, and deployment into a project" },
        { name: TAGS.catalog, description: "The collection: what can be added as members" },
        { name: TAGS.operations, description: "Health and readiness" },
      ],
      components: {
        securitySchemes: {
          bearer: {
            type: "http",
            scheme: "bearer",
            description:
              "Required on every `/api/v1` operation when the server runs with `DS_AUTH=token`; ignored otherwise " +
              "(every request then runs as `local-user`). Each operation lists the scope its token needs: `read` " +
              "for GETs, `write` for everything else.",
          },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: (input) => finishDocument(jsonSchemaTransformObject(input)),
  });
  await app.register(swaggerUi, { routePrefix: "/docs" });

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

  const operations = { tags: [TAGS.operations], security: [] };
  const status = (description: string) => ({ description, content: { "application/json": { schema: StatusDto } } });
  app.get(
    "/healthz",
    {
      schema: {
        ...operations,
        operationId: "healthz",
        summary: "Liveness",
        description: "Answers `ok` while the process is up.",
        response: { 200: status("The process is up.") },
      },
    },
    async () => ({ status: "ok" as const }),
  );
  app.get(
    "/readyz",
    {
      schema: {
        ...operations,
        operationId: "readyz",
        summary: "Readiness",
        description: "Answers `ready` when storage answers and the collection loaded; otherwise 503 with the reason.",
        response: { 200: status("Ready to serve."), 503: status("Not ready; `reason` says why.") },
      },
    },
    async (_request, reply) => {
      const reason = options.readiness ? await options.readiness() : null;
      return reason === null ? { status: "ready" as const } : reply.code(503).send({ status: "unavailable" as const, reason });
    },
  );
  app.get(
    "/openapi.json",
    { schema: { ...operations, operationId: "openapi", summary: "This OpenAPI document", hide: true } },
    async () => app.swagger(),
  );
  return app;
}

function routeNotFound(request: FastifyRequest) {
  return problem("route_not_found", `No route ${request.method} ${request.url.split("?")[0]}`);
}
