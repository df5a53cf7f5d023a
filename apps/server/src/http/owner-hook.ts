import type { FastifyReply, FastifyRequest } from "fastify";
import { HttpError } from "./http-error.js";
import type { TokenRegistry } from "./token-registry.js";

/** The owner every request of `DS_AUTH=none` runs as. */
export const LOCAL_OWNER = "local-user";

declare module "fastify" {
  interface FastifyRequest {
    /** The owner this request runs as, set by the owner hook before every `/api/v1` handler. */
    owner: string;
  }
}

const READ_METHODS = new Set(["GET", "HEAD"]);

/**
 * The owner resolver run on every `/api/v1` request (onRequest, so before body parsing): without
 * authentication every request is `local-user`; with tokens a missing or unknown bearer token is 401 and a
 * token without `write` is 403 on every method but GET. CORS preflights and unknown routes pass (the latter
 * answer 404 first).
 */
export function ownerHook(tokens: TokenRegistry | undefined) {
  return async function resolveOwner(request: FastifyRequest, reply: FastifyReply) {
    if (!request.url.startsWith("/api/v1/") || request.method === "OPTIONS") return;
    if (request.is404) return;
    if (!tokens) {
      request.owner = LOCAL_OWNER;
      return;
    }
    const header = request.headers.authorization;
    const match = typeof header === "string" ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    const grant = match ? tokens.lookup(match[1]!) : undefined;
    if (!grant) {
      reply.header("www-authenticate", 'Bearer realm="deployment-sets"');
      throw new HttpError("unauthenticated", match ? "The bearer token is not valid" : "A bearer token is required");
    }
    if (!READ_METHODS.has(request.method) && !grant.scopes.includes("write")) {
      throw new HttpError("forbidden", "This token has no write scope");
    }
    request.owner = grant.owner;
  };
}
