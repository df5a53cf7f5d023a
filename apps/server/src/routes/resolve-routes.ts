import { DeployRequestInput, type DeploymentSets } from "@deployment-sets/core";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { DeployReportDto, ResolutionDto } from "../wire/dto.js";
import { deployReportDto, resolutionDto } from "../wire/to-dto.js";
import { responses, SetParams } from "./responses.js";

const tags = ["resolve and deploy"];

/** Rows 11-12 of http-api.md: resolve and deploy. */
export const resolveRoutes: FastifyPluginAsyncZod<{ service: DeploymentSets }> = async (app, { service }) => {
  app.get(
    "/deployment-sets/:set_id/resolve",
    {
      schema: {
        operationId: "resolveDeploymentSet",
        summary: "Resolve a set into its ordered, distinct artifacts",
        tags,
        params: SetParams,
        response: responses({ 200: ResolutionDto }, [404, 422], false),
      },
    },
    async (request) => resolutionDto(await service.resolve(request.owner, request.params.set_id)),
  );

  app.post(
    "/deployment-sets/:set_id/deploy",
    {
      schema: {
        operationId: "deployDeploymentSet",
        summary: "Deploy a set into a project folder (or plan it with dry_run)",
        tags,
        params: SetParams,
        body: DeployRequestInput,
        response: responses({ 200: DeployReportDto }, [404], true),
      },
    },
    async (request) => {
      const report = await service.deploy(request.owner, request.params.set_id, request.body);
      return deployReportDto(report);
    },
  );
};
