import type { FastifyReply, FastifyRequest } from "fastify";
import { SetCloneBody, SetCreateBody, SetListQueryString, SetParams, SetUpdateBody } from "../wire/requests.js";
import { DeploymentSetPageDto, DeploymentSetWithMembersDto, pageDto, setDto, setWithMembersDto } from "@deployment-sets/wire";
import { operationSchema, TAGS, type ServiceRoutes } from "./operation.js";

const tag = TAGS.sets;
const updated = { status: 200, description: "The set as it is now, with its members.", schema: DeploymentSetWithMembersDto };
const updateDescription =
  "Changes the set's fields: an absent field is unchanged, `null` clears `description`, `icon` and `color`, `tags` " +
  "replaces the list. An update that changes nothing leaves `updated_at` as it was.";

/**
 * Fastify hands validation `null` both for a request without a body and for a JSON `null`. For a route whose body
 * is optional, no body (none sent, or an empty one) means `{}`; a JSON `null` stays a body to reject.
 */
function noBodyIsAbsent(request: FastifyRequest, _reply: FastifyReply, done: () => void): void {
  if (request.body === undefined) request.body = {};
  done();
}


/** The set routes: create, list, get, update (PUT and PATCH), delete, clone. */
export const setRoutes: ServiceRoutes = async (app, options) => {
  await collectionRoutes(app, options);
  await setItemRoutes(app, options);
  await cloneRoute(app, options);
};

/** `/deployment-sets`: create a set, list the caller's sets. */
const collectionRoutes: ServiceRoutes = async (app, { service }) => {
  app.post(
    "/deployment-sets",
    {
      schema: operationSchema({
        id: "createDeploymentSet",
        summary: "Create a deployment set",
        description: "Creates an empty set owned by the caller. Add members with `addMember`.",
        tag,
        scope: "write",
        body: SetCreateBody,
        success: { status: 201, description: "The new set (no members yet).", schema: DeploymentSetWithMembersDto },
        errors: [],
      }),
    },
    async (request, reply) => reply.code(201).send(setWithMembersDto(await service.createSet(request.owner, request.body))),
  );

  app.get(
    "/deployment-sets",
    {
      schema: operationSchema({
        id: "listDeploymentSets",
        summary: "List deployment sets, newest first",
        description:
          "One page of the caller's sets, newest first, optionally filtered by a name substring and a tag (both " +
          "case-insensitive). Items carry counts but not members.",
        tag,
        scope: "read",
        query: SetListQueryString,
        success: { status: 200, description: "One page of sets.", schema: DeploymentSetPageDto },
        errors: [],
      }),
    },
    async (request) => pageDto(await service.listSets(request.owner, request.query), setDto),
  );
};

/** `/deployment-sets/{set_id}`: get, update (PUT and PATCH) and delete one set. */
const setItemRoutes: ServiceRoutes = async (app, { service }) => {
  app.get(
    "/deployment-sets/:set_id",
    {
      schema: operationSchema({
        id: "getDeploymentSet",
        summary: "Get a deployment set with its members",
        description: "The set with its members in position order, each with the name of what it references.",
        tag,
        scope: "read",
        params: SetParams,
        success: { status: 200, description: "The set with its members.", schema: DeploymentSetWithMembersDto },
        errors: ["set_not_found"],
      }),
    },
    async (request) => setWithMembersDto(await service.getSet(request.owner, request.params.set_id)),
  );

  const update = { tag, scope: "write", params: SetParams, body: SetUpdateBody, success: updated, errors: ["set_not_found"] } as const;
  app.put(
    "/deployment-sets/:set_id",
    { schema: operationSchema({ ...update, id: "updateDeploymentSet", summary: "Update a deployment set", description: updateDescription }) },
    async (request) => setWithMembersDto(await service.updateSet(request.owner, request.params.set_id, request.body)),
  );
  app.patch(
    "/deployment-sets/:set_id",
    {
      schema: operationSchema({
        ...update,
        id: "patchDeploymentSet",
        summary: "Update a deployment set (same as PUT)",
        description: `${updateDescription} The same operation as \`updateDeploymentSet\`, for clients that send PATCH.`,
      }),
    },
    async (request) => setWithMembersDto(await service.updateSet(request.owner, request.params.set_id, request.body)),
  );

  app.delete(
    "/deployment-sets/:set_id",
    {
      schema: operationSchema({
        id: "deleteDeploymentSet",
        summary: "Delete a deployment set",
        description: "Deletes the set and its members, and removes it from every set that contains it (their positions close ranks).",
        tag,
        scope: "write",
        params: SetParams,
        success: { status: 204, description: "Deleted." },
        errors: ["set_not_found"],
      }),
    },
    async (request, reply) => {
      await service.deleteSet(request.owner, request.params.set_id);
      return reply.code(204).send();
    },
  );
};

/** `/deployment-sets/{set_id}/clone`: copy a set. */
const cloneRoute: ServiceRoutes = async (app, { service }) => {
  app.post(
    "/deployment-sets/:set_id/clone",
    {
      schema: operationSchema({
        id: "cloneDeploymentSet",
        summary: "Clone a deployment set",
        description:
          "Copies the set's fields and direct members, in order, in one atomic step; nested sets are referenced, not " +
          "copied. The clone is named `name`, else `\"<name> (copy)\"`. The body is optional.",
        tag,
        scope: "write",
        params: SetParams,
        body: SetCloneBody,
        optionalBody: true,
        success: { status: 201, description: "The clone, with its members.", schema: DeploymentSetWithMembersDto },
        errors: ["set_not_found"],
      }),
      preValidation: noBodyIsAbsent,
    },
    async (request, reply) =>
      reply.code(201).send(setWithMembersDto(await service.cloneSet(request.owner, request.params.set_id, request.body))),
  );
};
