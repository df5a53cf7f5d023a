import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance } from "fastify";
import { jsonSchemaTransform, jsonSchemaTransformObject } from "fastify-type-provider-zod";
import { TAGS } from "../routes/operation.js";
import { finishDocument } from "./finish-document.js";

/**
 * The OpenAPI document (generated from the routes' zod schemas, finished by {@link finishDocument}) and the
 * interactive reference at `/docs`.
 *
 * @param app - the app being built
 * @param version - the API version the document states
 */
export async function registerOpenApi(app: FastifyInstance, version: string | undefined): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Deployment Sets API",
        version: version ?? "0.1.0",
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
}
