import {
  CycleDetectedError,
  DeployDisabledError,
  ProjectUnavailableError,
  DepthLimitExceededError,
  DuplicateMemberError,
  InternalError,
  LIMITS,
  MemberNotFoundError,
  ProjectPathForbiddenError,
  ProjectPathInvalidError,
  REFERENCE_KINDS,
  SetNotFoundError,
  StorageUnavailableError,
  TooManyMembersError,
  UnknownReferenceError,
  ValidationError,
} from "@deployment-sets/core";
import { z } from "zod";
import { ERROR_STATUS, TITLES, WIRE_ERROR_CODES, type WireErrorCode, HttpError } from "@deployment-sets/wire";
import { toProblem } from "../http/problem.js";

/** An RFC 9457 problem: every error the server sends. The code's data fields sit at the top level. */
export const ProblemDto = z
  .looseObject({
    type: z.string().max(128).meta({ description: "`urn:deployment-sets:problem:<code>`." }),
    title: z.string().max(64).meta({ description: "The status's reason phrase." }),
    status: z.number().int().min(400).max(599).meta({ description: "The HTTP status, repeated." }),
    code: z.enum(WIRE_ERROR_CODES).meta({ description: "The stable, machine-readable error code." }),
    detail: z.string().meta({ description: "What went wrong, readable." }),
    errors: z
      .array(
        z
          .object({
            path: z.string().meta({ description: "Dotted path of the field, prefixed by where it came from (`body.tags.3`, `query.limit`)." }),
            message: z.string().meta({ description: "What is wrong with it." }),
          })
          .meta({ description: "One rejected field." }),
      )
      .optional()
      .meta({ description: "`validation_failed`: every rejected field." }),
    path: z
      .array(z.string().length(32))
      .optional()
      .meta({ description: "`cycle_detected`: the cycle as set ids, first = last; `depth_limit_exceeded`: one longest chain, root first." }),
    set_names: z.array(z.string().max(LIMITS.maxNameLength)).optional().meta({ description: "`cycle_detected`: the names of the sets on `path`." }),
    limit: z.number().int().min(0).max(LIMITS.maxMembers).optional().meta({ description: "`depth_limit_exceeded`, `too_many_members`: the limit that applies." }),
    set_id: z.string().max(512).optional().meta({ description: "`set_not_found`: the set id asked for." }),
    member_id: z.string().max(512).optional().meta({ description: "`member_not_found`: the id asked for; `duplicate_member`: the existing member." }),
    kind: z.enum(REFERENCE_KINDS).optional().meta({ description: "`unknown_reference`: what was referenced." }),
    id: z.string().max(LIMITS.maxReferenceLength).optional().meta({ description: "`unknown_reference`: the referenced id." }),
    project_path: z
      .string()
      .max(LIMITS.maxPathLength)
      .optional()
      .meta({ description: "`project_path_invalid`, `project_path_forbidden`, `project_unavailable`: the path asked for." }),
    reason: z.string().optional().meta({ description: "`project_unavailable`: why the project cannot be used right now." }),
  })
  .meta({ id: "Problem", description: "An error (RFC 9457 problem details, `application/problem+json`)." });

const SET_ID = "0b7d5c2a9e8f4a6b8c1d3e5f7a9b0c2d";
const OTHER_SET_ID = "7c2e4a6b8d0f1e3c5a7b9d1f3e5c7a9b";
const MEMBER_ID = "9c1f2e3d4c5b6a798877665544332211";

/** One realistic error per code, mapped by the server's own error mapping into the examples of the document. */
const SAMPLE_ERRORS: Readonly<Record<WireErrorCode, () => unknown>> = {
  validation_failed: () => new ValidationError([{ path: "body.name", message: "must not be empty" }]),
  set_not_found: () => new SetNotFoundError(SET_ID),
  member_not_found: () => new MemberNotFoundError(MEMBER_ID),
  unknown_reference: () => new UnknownReferenceError("artifact", "5f0c1c4e9b7a4d2e8f6a3b1c0d9e8f7a"),
  duplicate_member: () => new DuplicateMemberError(MEMBER_ID),
  cycle_detected: () => new CycleDetectedError([SET_ID, OTHER_SET_ID, SET_ID], ["Full-stack", "Backend", "Full-stack"]),
  depth_limit_exceeded: () => new DepthLimitExceededError([SET_ID, OTHER_SET_ID], LIMITS.maxDepth),
  too_many_members: () => new TooManyMembersError(LIMITS.maxMembers),
  project_path_invalid: () => new ProjectPathInvalidError("projects/api", "it must be absolute"),
  project_path_forbidden: () => new ProjectPathForbiddenError("/etc"),
  deploy_disabled: () => new DeployDisabledError(),
  project_unavailable: () => new ProjectUnavailableError("/home/alice/app", "another deploy into this project holds the lock"),
  storage_unavailable: () => new StorageUnavailableError(),
  internal_error: () => new InternalError("example"),
  malformed_json: () => new HttpError("malformed_json", "The request body is not valid JSON"),
  unauthenticated: () => new HttpError("unauthenticated", "A bearer token is required"),
  forbidden: () => new HttpError("forbidden", "This token has no write scope"),
  route_not_found: () => new HttpError("route_not_found", "No route GET /api/v1/nothing"),
  payload_too_large: () => new HttpError("payload_too_large", "Request bodies are limited to 1 MiB"),
  unsupported_media_type: () => new HttpError("unsupported_media_type", "Request bodies must be application/json"),
  bad_request: () => new HttpError("bad_request", "The request is not valid HTTP"),
  request_timeout: () => new HttpError("request_timeout", "The request did not arrive in time"),
  headers_too_large: () => new HttpError("headers_too_large", "The request's headers are larger than the server accepts"),
};

/**
 * The error responses of an operation that can fail with `codes`: one per status, each a problem whose `code` is
 * one of that status's codes, with an example of each.
 */
export function problemResponses(codes: readonly WireErrorCode[]): Record<number, { description: string; content: Record<string, { schema: z.ZodType }> }> {
  const byStatus = new Map<number, WireErrorCode[]>();
  for (const code of WIRE_ERROR_CODES) {
    if (!codes.includes(code)) continue;
    const status = ERROR_STATUS[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const responses: Record<number, { description: string; content: Record<string, { schema: z.ZodType }> }> = {};
  for (const [status, statusCodes] of [...byStatus].sort(([a], [b]) => a - b)) {
    const schema = z
      .intersection(ProblemDto, z.looseObject({
        code: z.enum(statusCodes as [WireErrorCode, ...WireErrorCode[]]).meta({ description: "The codes this status stands for here." }),
      }))
      .meta({ examples: statusCodes.map((code) => toProblem(SAMPLE_ERRORS[code]()).problem) });
    responses[status] = {
      description: `${TITLES[status]}: ${statusCodes.map((code) => `\`${code}\``).join(", ")}`,
      content: { "application/problem+json": { schema } },
    };
  }
  return responses;
}
