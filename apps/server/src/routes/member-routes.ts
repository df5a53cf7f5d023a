import { MemberCreateInput, MemberMoveInput, type DeploymentSets } from "@deployment-sets/core";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { MemberDto } from "../wire/dto.js";
import { memberDto } from "../wire/to-dto.js";
import { MemberParams, NoContent, responses, SetParams } from "./responses.js";

const tags = ["members"];

/** Rows 7-10 of http-api.md: list, add, remove, move (PUT and PATCH) members. */
export const memberRoutes: FastifyPluginAsyncZod<{ service: DeploymentSets }> = async (app, { service }) => {
  app.get(
    "/deployment-sets/:set_id/members",
    {
      schema: {
        operationId: "listMembers",
        summary: "List a set's members in position order",
        tags,
        params: SetParams,
        response: responses({ 200: z.array(MemberDto) }, [404], false),
      },
    },
    async (request) => (await service.listMembers(request.owner, request.params.set_id)).map(memberDto),
  );

  app.post(
    "/deployment-sets/:set_id/members",
    {
      schema: {
        operationId: "addMember",
        summary: "Add an artifact, group or nested set to a set",
        tags,
        params: SetParams,
        body: MemberCreateInput,
        response: responses({ 201: MemberDto }, [404, 409], true),
      },
    },
    async (request, reply) =>
      reply.code(201).send(memberDto(await service.addMember(request.owner, request.params.set_id, request.body))),
  );

  app.delete(
    "/deployment-sets/:set_id/members/:member_id",
    {
      schema: {
        operationId: "removeMember",
        summary: "Remove a member from a set",
        tags,
        params: MemberParams,
        response: responses({ 204: NoContent }, [404], true),
      },
    },
    async (request, reply) => {
      await service.removeMember(request.owner, request.params.set_id, request.params.member_id);
      return reply.code(204).send();
    },
  );

  for (const method of ["PUT", "PATCH"] as const) {
    app.route({
      method,
      url: "/deployment-sets/:set_id/members/:member_id",
      schema: {
        operationId: method === "PUT" ? "moveMember" : "patchMember",
        summary: method === "PUT" ? "Move a member to a new position" : "Move a member (alias of PUT)",
        tags,
        params: MemberParams,
        body: MemberMoveInput,
        response: responses({ 200: MemberDto }, [404], true),
      },
      handler: async (request) =>
        memberDto(await service.moveMember(request.owner, request.params.set_id, request.params.member_id, request.body)),
    });
  }
};
