import { DeployBody, SetParams } from "../wire/requests.js";
import { DeployReportDto, ResolutionDto, deployReportDto, resolutionDto } from "@deployment-sets/wire";
import { operationSchema, TAGS, type ServiceRoutes } from "./operation.js";

const tag = TAGS.resolve;

/** Resolve and deploy. */
export const resolveRoutes: ServiceRoutes = async (app, { service }) => {
  app.get(
    "/deployment-sets/:set_id/resolve",
    {
      schema: operationSchema({
        id: "resolveDeploymentSet",
        summary: "Resolve a set into its ordered, distinct artifacts",
        description:
          "Walks the set depth-first over its members in position order (groups in group order, nested sets in " +
          "place); the first occurrence of an artifact wins. Each artifact carries its provenance; references that " +
          "no longer resolve are listed in `missing`. Nesting deeper than 20 sets is `depth_limit_exceeded`.",
        tag,
        scope: "read",
        params: SetParams,
        success: { status: 200, description: "The resolution.", schema: ResolutionDto },
        errors: ["set_not_found", "depth_limit_exceeded"],
      }),
    },
    async (request) => resolutionDto(await service.resolve(request.owner, request.params.set_id)),
  );

  app.post(
    "/deployment-sets/:set_id/deploy",
    {
      schema: operationSchema({
        id: "deployDeploymentSet",
        summary: "Deploy a set into a project folder, or plan it",
        description:
          "Resolves the set and writes each artifact where the chosen assistant reads it, reporting per artifact " +
          "what happened. With `dry_run` nothing at all is written and the report predicts the deploy. One " +
          "artifact's failure never stops the others; the answer is 200 even when some failed. Needs the `write` " +
          "scope, dry runs included.",
        tag,
        scope: "write",
        params: SetParams,
        body: DeployBody,
        success: { status: 200, description: "The deploy report.", schema: DeployReportDto },
        errors: ["set_not_found", "deploy_disabled", "project_path_invalid", "project_path_forbidden", "depth_limit_exceeded"],
      }),
    },
    async (request) => deployReportDto(await service.deploy(request.owner, request.params.set_id, request.body)),
  );
};
