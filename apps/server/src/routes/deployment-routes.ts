import { z } from "zod";
import { InventoryQueryString, SetParams, UndeployBody } from "../wire/requests.js";
import { DeployReportDto, ProjectInventoryDto, SetDeploymentDto, deployReportDto, inventoryDto, setDeploymentDto } from "@deployment-sets/wire";
import { operationSchema, TAGS, type ServiceRoutes } from "./operation.js";

const tag = TAGS.resolve;
const target = ["deploy_disabled", "project_path_invalid", "project_path_forbidden"] as const;

/** The deployment lifecycle: undeploy, where a set is deployed, what a project holds. */
export const deploymentRoutes: ServiceRoutes = async (app, { service }) => {
  app.post(
    "/deployment-sets/:set_id/undeploy",
    {
      schema: operationSchema({
        id: "undeployDeploymentSet",
        summary: "Take a set back out of a project folder, or plan it",
        description:
          "Removes what this set deployed into the project: files, folders and the entries it merged into config " +
          "files (which are otherwise left as they were). An artifact another set deployed there too stays " +
          "(`kept_shared`); one the user changed stays (`kept_local_changes`) unless `force`, which keeps a backup. " +
          "With `dry_run` nothing at all is removed and the report predicts the undeploy. Needs the `write` scope.",
        tag,
        scope: "write",
        params: SetParams,
        body: UndeployBody,
        success: { status: 200, description: "The undeploy report (the shape of a deploy report).", schema: DeployReportDto },
        errors: ["set_not_found", ...target, "project_unavailable"],
      }),
    },
    async (request) => deployReportDto(await service.undeploy(request.owner, request.params.set_id, request.body)),
  );

  app.get(
    "/deployment-sets/:set_id/deployments",
    {
      schema: operationSchema({
        id: "listSetDeployments",
        summary: "List where a set is deployed",
        description: "The project folders and profiles this server deployed the set into (and has not undeployed it from), most recent first.",
        tag,
        scope: "read",
        params: SetParams,
        success: {
          status: 200,
          description: "Where the set is deployed.",
          schema: z.array(SetDeploymentDto).meta({ description: "Project folders and profiles, most recent first." }),
        },
        errors: ["set_not_found"],
      }),
    },
    async (request) => (await service.listDeployments(request.owner, request.params.set_id)).map(setDeploymentDto),
  );

  app.get(
    "/deployments",
    {
      schema: operationSchema({
        id: "getProjectInventory",
        summary: "List what is deployed in a project",
        description:
          "Every artifact the project's tracking files record for the profile, with the caller's sets that brought " +
          "it and its state: `in_sync`, `locally_modified`, `missing_on_disk` or `outdated` against the collection.",
        tag,
        scope: "read",
        query: InventoryQueryString,
        success: { status: 200, description: "The project's inventory.", schema: ProjectInventoryDto },
        errors: [...target, "project_unavailable"],
      }),
    },
    async (request) => inventoryDto(await service.inventory(request.owner, request.query)),
  );
};
