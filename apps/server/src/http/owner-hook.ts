import { InternalError } from "@deployment-sets/core";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { LOCAL_OWNER } from "@deployment-sets/settings";
import { HttpError } from "@deployment-sets/wire";
import type { TokenRegistry } from "./token-registry.js";

declare module "fastify" {
  interface FastifyRequest {
    /** The owner this request runs as, set by the owner hook before every `/api/v1` handler. */
    readonly owner: string;
    /** Where the owner hook stores the owner; read it through `owner`. */
    ownerId: string | null;
  }
}

/**
 * Decorates requests with `owner`: a getter that fails (as an internal error, never as some default owner) when
 * the owner hook did not run, so no handler can act without an owner.
 */
export function decorateOwner(app: FastifyInstance): void {
  app.decorateRequest("ownerId", null);
  app.decorateRequest("owner", {
    getter(this: FastifyRequest) {
      if (this.ownerId === null) throw new InternalError("a handler ran without the owner hook");
      return this.ownerId;
    },
  });
}

const READ_METHODS = new Set(["GET", "HEAD"]);

/**
 * The owner resolver, registered inside the `/api/v1` plugin so it runs for every route there and nothing else
 * (onRequest, so before body parsing): without authentication every request is `local-user`; with tokens a
 * missing or unknown bearer token is 401, a GET needs the `read` scope and every other method the `write` scope
 * (else 403), as each operation of the OpenAPI document says. CORS preflights pass; unknown routes never reach it
 * (they answer 404 first).
 */
export function ownerHook(tokens: TokenRegistry | undefined) {
  // Callback style rather than async: it runs before every /api/v1 request.
  return function resolveOwner(request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void): void {
    if (request.method === "OPTIONS") return done();
    if (!tokens) {
      request.ownerId = LOCAL_OWNER;
      return done();
    }
    const header = request.headers.authorization;
    const match = typeof header === "string" ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    const grant = match ? tokens.lookup(match[1]!) : undefined;
    if (!grant) {
      reply.header("www-authenticate", 'Bearer realm="deployment-sets"');
      return done(new HttpError("unauthenticated", match ? "The bearer token is not valid" : "A bearer token is required"));
    }
    const scope = READ_METHODS.has(request.method) ? "read" : "write";
    if (!grant.scopes.includes(scope)) return done(new HttpError("forbidden", `This token has no ${scope} scope`));
    request.ownerId = grant.owner;
    done();
  };
}
