import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { StatusDto } from "@deployment-sets/wire";
import { TAGS } from "./operation.js";

/** The routes outside the API: `/healthz`, `/readyz` and `/openapi.json`. */
export const operationRoutes: FastifyPluginAsyncZod<{ readiness?: (() => Promise<string | null>) | undefined }> = async (app, options) => {
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
};
