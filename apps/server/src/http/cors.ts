import cors from "@fastify/cors";
import type { FastifyInstance } from "fastify";

/**
 * CORS for the configured origins only (none: no CORS at all).
 *
 * @param app - the app being built
 * @param origins - the allowed origins (`DS_CORS_ORIGINS`)
 */
export async function registerCors(app: FastifyInstance, origins: readonly string[] | undefined): Promise<void> {
  if (origins && origins.length > 0) {
    // Every method the API uses (the plugin's default is GET, HEAD and POST only, which would leave browsers
    // unable to update, move or delete).
    await app.register(cors, {
      origin: [...origins],
      methods: ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"],
      allowedHeaders: ["authorization", "content-type", "x-request-id"],
      exposedHeaders: ["x-request-id"],
      // An OPTIONS that is not a full preflight (no Origin or no Access-Control-Request-Method) gets the same empty
      // 204, not the plugin's text/plain 400: every error the server sends is a problem document.
      strictPreflight: false,
    });
  }
}
