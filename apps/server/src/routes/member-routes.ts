import { z } from "zod";
import { MemberCreateBody, MemberMoveBody, MemberParams, SetParams } from "../wire/requests.js";
import { MemberDto, memberDto } from "@deployment-sets/wire";
import { operationSchema, TAGS, type ServiceRoutes } from "./operation.js";

const tag = TAGS.members;
const moveDescription =
  "Moves the member to `position` (clamped to the end); the others close ranks. Answers the member at its final position.";


/** The member routes: list, add, remove, move (PUT and PATCH). */
export const memberRoutes: ServiceRoutes = async (app, options) => {
  await memberListRoutes(app, options);
  await memberItemRoutes(app, options);
};

/** `/deployment-sets/{set_id}/members`: list a set's members, add one. */
const memberListRoutes: ServiceRoutes = async (app, { service }) => {
  app.get(
    "/deployment-sets/:set_id/members",
    {
      schema: operationSchema({
        id: "listMembers",
        summary: "List a set's members",
        description: "The set's direct members in position order, each with the name of what it references.",
        tag,
        scope: "read",
        params: SetParams,
        success: {
          status: 200,
          description: "The members, in position order.",
          schema: z.array(MemberDto).meta({ description: "Members in position order." }),
        },
        errors: ["set_not_found"],
      }),
    },
    async (request) => (await service.listMembers(request.owner, request.params.set_id)).map(memberDto),
  );

  app.post(
    "/deployment-sets/:set_id/members",
    {
      schema: operationSchema({
        id: "addMember",
        summary: "Add an artifact, group or nested set to a set",
        description:
          "Adds exactly one reference, appended or inserted at `position`. The checks (the reference exists, is not " +
          "already a direct member, the set has room, and a nested set would not close a cycle) and the insert are one " +
          "atomic step, so racing clients can never create a cycle or a duplicate.",
        tag,
        scope: "write",
        params: SetParams,
        body: MemberCreateBody,
        success: { status: 201, description: "The new member.", schema: MemberDto },
        errors: ["set_not_found", "unknown_reference", "duplicate_member", "too_many_members", "cycle_detected"],
      }),
    },
    async (request, reply) =>
      reply.code(201).send(memberDto(await service.addMember(request.owner, request.params.set_id, request.body))),
  );
};

/** `/deployment-sets/{set_id}/members/{member_id}`: remove a member, move it (PUT and PATCH). */
const memberItemRoutes: ServiceRoutes = async (app, { service }) => {
  app.delete(
    "/deployment-sets/:set_id/members/:member_id",
    {
      schema: operationSchema({
        id: "removeMember",
        summary: "Remove a member from a set",
        description: "Removes the member; the others close ranks.",
        tag,
        scope: "write",
        params: MemberParams,
        success: { status: 204, description: "Removed." },
        errors: ["set_not_found", "member_not_found"],
      }),
    },
    async (request, reply) => {
      await service.removeMember(request.owner, request.params.set_id, request.params.member_id);
      return reply.code(204).send();
    },
  );

  const move = {
    tag,
    scope: "write",
    params: MemberParams,
    body: MemberMoveBody,
    success: { status: 200, description: "The member at its final position.", schema: MemberDto },
    errors: ["set_not_found", "member_not_found"],
  } as const;
  app.put(
    "/deployment-sets/:set_id/members/:member_id",
    { schema: operationSchema({ ...move, id: "moveMember", summary: "Move a member to a new position", description: moveDescription }) },
    async (request) =>
      memberDto(await service.moveMember(request.owner, request.params.set_id, request.params.member_id, request.body)),
  );
  app.patch(
    "/deployment-sets/:set_id/members/:member_id",
    {
      schema: operationSchema({
        ...move,
        id: "patchMember",
        summary: "Move a member (same as PUT)",
        description: `${moveDescription} The same operation as \`moveMember\`, for clients that send PATCH.`,
      }),
    },
    async (request) =>
      memberDto(await service.moveMember(request.owner, request.params.set_id, request.params.member_id, request.body)),
  );
};
