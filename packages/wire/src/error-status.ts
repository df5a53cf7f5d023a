import { ERROR_CODES, type ErrorCode } from "@deployment-sets/core";
import { HTTP_ERROR_CODES, type HttpErrorCode } from "./http-error.js";

/** Every code a problem body can carry: the library's and the HTTP layer's. */
export const WIRE_ERROR_CODES = [...ERROR_CODES, ...HTTP_ERROR_CODES] as const;

/** A code a problem body can carry. */
export type WireErrorCode = ErrorCode | HttpErrorCode;

/** The one table from error code to HTTP status. */
export const ERROR_STATUS: Readonly<Record<WireErrorCode, number>> = {
  malformed_json: 400,
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  project_path_forbidden: 403,
  deploy_disabled: 403,
  set_not_found: 404,
  member_not_found: 404,
  route_not_found: 404,
  request_timeout: 408,
  duplicate_member: 409,
  project_unavailable: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  headers_too_large: 431,
  validation_failed: 422,
  unknown_reference: 422,
  cycle_detected: 422,
  depth_limit_exceeded: 422,
  too_many_members: 422,
  project_path_invalid: 422,
  internal_error: 500,
  storage_unavailable: 503,
};

/** The title of every status an operation can answer with an error. */
export const TITLES: Readonly<Record<number, string>> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  408: "Request Timeout",
  409: "Conflict",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  431: "Request Header Fields Too Large",
  422: "Unprocessable Content",
  500: "Internal Server Error",
  503: "Service Unavailable",
};
