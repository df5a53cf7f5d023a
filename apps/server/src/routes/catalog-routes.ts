import { ArtifactListQueryInput, GroupListQueryInput, type DeploymentSets } from "@deployment-sets/core";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { ArtifactPageDto, GroupPageDto } from "../wire/dto.js";
import { artifactDto, groupDto, pageDto } from "../wire/to-dto.js";
import { responses } from "./responses.js";

const tags = ["catalog"];

/** Rows 13-14 of http-api.md: what a client can add as members. */
export const catalogRoutes: FastifyPluginAsyncZod<{ service: DeploymentSets }> = async (app, { service }) => {
  app.get(
    "/artifacts",
    {
      schema: {
        operationId: "listArtifacts",
        summary: "List the collection's artifacts, by type then name",
        tags,
        querystring: ArtifactListQueryInput,
        response: responses({ 200: ArtifactPageDto }, [422], false),
      },
    },
    async (request) => pageDto(await service.listArtifacts(request.query), artifactDto),
  );

  app.get(
    "/groups",
    {
      schema: {
        operationId: "listGroups",
        summary: "List the collection's groups in collection order",
        tags,
        querystring: GroupListQueryInput,
        response: responses({ 200: GroupPageDto }, [422], false),
      },
    },
    async (request) => pageDto(await service.listGroups(request.query), groupDto),
  );
};
