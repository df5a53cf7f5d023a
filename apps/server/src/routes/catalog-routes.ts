import { ArtifactListQueryString, GroupListQueryString } from "../wire/requests.js";
import { ArtifactPageDto, GroupPageDto, artifactDto, groupDto, pageDto } from "@deployment-sets/wire";
import { operationSchema, TAGS, type ServiceRoutes } from "./operation.js";

const tag = TAGS.catalog;

/** What a client can add as members: the collection's artifacts and groups. */
export const catalogRoutes: ServiceRoutes = async (app, { service }) => {
  app.get(
    "/artifacts",
    {
      schema: operationSchema({
        id: "listArtifacts",
        summary: "List the collection's artifacts",
        description: "One page of the collection's artifacts, ordered by type then name, optionally filtered by type and a name substring.",
        tag,
        scope: "read",
        query: ArtifactListQueryString,
        success: { status: 200, description: "One page of artifacts.", schema: ArtifactPageDto },
        errors: [],
        storage: false,
      }),
    },
    async (request) => pageDto(await service.listArtifacts(request.query), artifactDto),
  );

  app.get(
    "/groups",
    {
      schema: operationSchema({
        id: "listGroups",
        summary: "List the collection's groups",
        description: "One page of the collection's groups, in the collection's order.",
        tag,
        scope: "read",
        query: GroupListQueryString,
        success: { status: 200, description: "One page of groups.", schema: GroupPageDto },
        errors: [],
        storage: false,
      }),
    },
    async (request) => pageDto(await service.listGroups(request.query), groupDto),
  );
};
