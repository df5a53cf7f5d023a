import { SetCloneInput, SetCreateInput, SetListQuery, SetUpdateInput, type DeploymentSets } from "@deployment-sets/core";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { DeploymentSetPageDto, DeploymentSetWithMembersDto } from "../wire/dto.js";
import { pageDto, setDto, setWithMembersDto } from "../wire/to-dto.js";
import { NoContent, OPTIONAL_BODY, responses, SetParams } from "./responses.js";

const tags = ["deployment-sets"];

/** Rows 1-6 of http-api.md: create, list, get, update (PUT and PATCH), delete, clone. */
export const setRoutes: FastifyPluginAsyncZod<{ service: DeploymentSets }> = async (app, { service }) => {
  app.post(
    "/deployment-sets",
    {
      schema: {
        operationId: "createDeploymentSet",
        summary: "Create a deployment set",
        tags,
        body: SetCreateInput,
        response: responses({ 201: DeploymentSetWithMembersDto }, [], true),
      },
    },
    async (request, reply) => reply.code(201).send(setWithMembersDto(await service.createSet(request.owner, request.body))),
  );

  app.get(
    "/deployment-sets",
    {
      schema: {
        operationId: "listDeploymentSets",
        summary: "List deployment sets, newest first",
        tags,
        querystring: SetListQuery,
        response: responses({ 200: DeploymentSetPageDto }, [422], false),
      },
    },
    async (request) => pageDto(await service.listSets(request.owner, request.query), setDto),
  );

  app.get(
    "/deployment-sets/:set_id",
    {
      schema: {
        operationId: "getDeploymentSet",
        summary: "Get a deployment set with its members",
        tags,
        params: SetParams,
        response: responses({ 200: DeploymentSetWithMembersDto }, [404], false),
      },
    },
    async (request) => setWithMembersDto(await service.getSet(request.owner, request.params.set_id)),
  );

  for (const method of ["PUT", "PATCH"] as const) {
    app.route({
      method,
      url: "/deployment-sets/:set_id",
      schema: {
        operationId: method === "PUT" ? "updateDeploymentSet" : "patchDeploymentSet",
        summary: method === "PUT" ? "Update a deployment set" : "Update a deployment set (alias of PUT)",
        tags,
        params: SetParams,
        body: SetUpdateInput,
        response: responses({ 200: DeploymentSetWithMembersDto }, [404], true),
      },
      handler: async (request) =>
        setWithMembersDto(await service.updateSet(request.owner, request.params.set_id, request.body)),
    });
  }

  app.delete(
    "/deployment-sets/:set_id",
    {
      schema: {
        operationId: "deleteDeploymentSet",
        summary: "Delete a deployment set (and remove it from every set containing it)",
        tags,
        params: SetParams,
        response: responses({ 204: NoContent }, [404], true),
      },
    },
    async (request, reply) => {
      await service.deleteSet(request.owner, request.params.set_id);
      return reply.code(204).send();
    },
  );

  app.post(
    "/deployment-sets/:set_id/clone",
    {
      schema: {
        operationId: "cloneDeploymentSet",
        summary: "Clone a deployment set with its members",
        tags,
        params: SetParams,
        body: SetCloneInput.optional(),
        [OPTIONAL_BODY]: true,
        response: responses({ 201: DeploymentSetWithMembersDto }, [404], true),
      },
    },
    async (request, reply) =>
      reply.code(201).send(setWithMembersDto(await service.cloneSet(request.owner, request.params.set_id, request.body))),
  );
};
