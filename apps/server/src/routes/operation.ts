import { z } from "zod";
import type { DeploymentSets } from "@deployment-sets/core";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { WireErrorCode } from "@deployment-sets/wire";
import { problemResponses } from "../wire/problems.js";

/** The tags that group the document's operations. */
export const TAGS = {
  sets: "deployment-sets",
  members: "members",
  resolve: "resolve and deploy",
  catalog: "catalog",
  operations: "operations",
} as const;

/** A plugin registering routes of `/api/v1` over the library's service. */
export type ServiceRoutes = FastifyPluginAsyncZod<{ service: DeploymentSets }>;

/** Marks a route whose body may be left out (the OpenAPI document then says `required: false`). */
export const OPTIONAL_BODY = "x-optional-body";

/** What one route of `/api/v1` is, for validation, serialisation and the OpenAPI document. */
export interface OperationSpec<
  P extends z.ZodType | undefined = z.ZodType | undefined,
  Q extends z.ZodType | undefined = z.ZodType | undefined,
  B extends z.ZodType | undefined = z.ZodType | undefined,
> {
  /** The `operationId` (the client's method maps to it). */
  readonly id: string;
  /** One line. */
  readonly summary: string;
  /** What it does, in full. */
  readonly description: string;
  /** Its group in the document. */
  readonly tag: (typeof TAGS)[keyof typeof TAGS];
  /** The token scope it needs with `DS_AUTH=token`: `read` for GETs, `write` for everything else. */
  readonly scope: "read" | "write";
  /** Path parameters. */
  readonly params?: P;
  /** The query string's schema. */
  readonly query?: Q;
  /** The body's schema. */
  readonly body?: B;
  /** True when the body may be left out. */
  readonly optionalBody?: boolean;
  /** The success response: its status, what it is, and its body (none for 204). */
  readonly success: { readonly status: number; readonly description: string; readonly schema?: z.ZodType };
  /** The codes the operation itself can fail with (shared ones are added: auth, body handling, storage). */
  readonly errors: readonly WireErrorCode[];
  /** False for operations that never touch storage (the catalog lists). */
  readonly storage?: boolean;
}

/**
 * The Fastify route schema of an operation: its parts (typed, so handlers get the parsed inputs' types), `security`
 * with its scope, and every response it can send.
 */
export function operationSchema<
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
>(spec: OperationSpec<P, Q, B>) {
  const codes = new Set<WireErrorCode>(["unauthenticated", "internal_error", ...spec.errors]);
  if (spec.storage !== false) codes.add("storage_unavailable");
  // Every method but GET may carry a body, so its parsing can fail (415, 413, 400) even where none is expected.
  if (spec.scope === "write") for (const code of ["forbidden", "unsupported_media_type", "payload_too_large", "malformed_json"] as const) codes.add(code);
  if (spec.body || spec.query) codes.add("validation_failed");
  const schema = {
    operationId: spec.id,
    summary: spec.summary,
    description: spec.description,
    tags: [spec.tag],
    security: [{ bearer: [spec.scope] }],
    ...(spec.params ? { params: spec.params } : {}),
    ...(spec.query ? { querystring: spec.query } : {}),
    ...(spec.body ? { body: spec.body } : {}),
    ...(spec.optionalBody ? { [OPTIONAL_BODY]: true } : {}),
    response: { [spec.success.status]: successResponse(spec.success), ...problemResponses([...codes]) },
  };
  // Absent parts stay absent (Fastify warns about parts set to undefined); the type keeps them for inference.
  return schema as typeof schema & { params: P; querystring: Q; body: B };
}

function successResponse({ description, schema }: OperationSpec["success"]) {
  // A schema of type null documents a response without content (204).
  return schema ? { description, content: { "application/json": { schema } } } : z.null().meta({ description });
}
