/** The error codes only the HTTP layer raises (core raises the rest). */
export const HTTP_ERROR_CODES = [
  "malformed_json",
  "unauthenticated",
  "forbidden",
  "route_not_found",
  "payload_too_large",
  "unsupported_media_type",
  "bad_request",
  "request_timeout",
  "headers_too_large",
] as const;

/** An error code only the HTTP layer raises. */
export type HttpErrorCode = (typeof HTTP_ERROR_CODES)[number];

/** An error of the HTTP layer, with a stable code like core's errors. */
export class HttpError extends Error {
  override name = "HttpError";
  constructor(
    readonly code: HttpErrorCode,
    message: string,
    readonly data: Record<string, unknown> = {},
  ) {
    super(message);
  }
}
