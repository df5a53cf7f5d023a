import { z } from "zod";
import { ProblemDto } from "../wire/dto.js";

/** Error statuses every `/api/v1` route can answer. */
const COMMON = [401, 500, 503];
/** Error statuses of every route that is not a GET (write scope, body handling). */
const MUTATING = [400, 403, 413, 415, 422];

/**
 * The `response` map of a route: its success schemas plus the problem schema for each error status it can
 * answer (`extra` plus the ones every route, or every mutating route, shares).
 */
export function responses(success: Record<number, z.ZodType>, extra: number[], mutating: boolean) {
  const statuses = new Set([...extra, ...COMMON, ...(mutating ? MUTATING : [])]);
  const map: Record<number, z.ZodType | typeof PROBLEM> = { ...success };
  for (const status of [...statuses].sort()) map[status] = PROBLEM;
  return map;
}

/** Error responses are `application/problem+json` bodies of the Problem schema. */
const PROBLEM = { description: "A problem (RFC 9457)", content: { "application/problem+json": { schema: ProblemDto } } };

/** Marks a route whose body may be left out (the OpenAPI document then says `required: false`). */
export const OPTIONAL_BODY = "x-optional-body";

/** An empty response (204). */
export const NoContent = z.null().meta({ description: "No content" });

/** Path parameters. */
export const SetParams = z.object({ set_id: z.string().meta({ description: "The set's id" }) });
export const MemberParams = SetParams.extend({ member_id: z.string().meta({ description: "The member's id" }) });
