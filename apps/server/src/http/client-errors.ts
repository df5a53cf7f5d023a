import { maxHeaderSize, type IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { problem } from "@deployment-sets/wire";

/**
 * Answers what Node's HTTP parser rejects before any route sees it (a malformed request line, a bad HTTP version,
 * control characters in the target, headers over the size limit, a request that did not arrive in time) with a
 * problem+json body like every other error, then closes the connection. Replaces Fastify's default handler,
 * which answers these in its own JSON shape.
 *
 * @param error - the parser's error (`HPE_HEADER_OVERFLOW`, `ERR_HTTP_REQUEST_TIMEOUT`, `HPE_INVALID_METHOD`, ...)
 * @param socket - the client's socket
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  // A reset connection is already gone; nothing can be sent.
  if (error.code === "ECONNRESET" || socket.destroyed) return;
  const body =
    error.code === "HPE_HEADER_OVERFLOW"
      ? problem("headers_too_large", `The request's headers are larger than the server accepts (${maxHeaderSize / 1024} KiB)`)
      : error.code === "ERR_HTTP_REQUEST_TIMEOUT"
        ? problem("request_timeout", "The request did not arrive in time")
        : problem("bad_request", "The request is not valid HTTP/1.1");
  if (socket.writable) {
    const json = JSON.stringify(body);
    socket.write(
      `HTTP/1.1 ${body.status} ${body.title}\r\n` +
        "Content-Type: application/problem+json; charset=utf-8\r\n" +
        `Content-Length: ${Buffer.byteLength(json)}\r\n` +
        `Connection: close\r\n\r\n${json}`,
    );
  }
  socket.destroy(error);
}

/** How much of a rejected body is read and discarded, at most, before the connection is cut. */
export const DRAIN_LIMIT = { bytes: 64 * 1024 * 1024, ms: 10_000 } as const;

/**
 * Reads and discards the rest of a request body the server refuses without reading (too large), and resolves once
 * it is all read, so the answer goes out after it. Closing a connection with unread data makes the kernel reset it:
 * a client still sending (most send the whole request before reading anything) would see `EPIPE` or `ECONNRESET`
 * instead of the 413, whether the connection is kept alive or closed after the answer. Bounded: past
 * {@link DRAIN_LIMIT} bytes or milliseconds the connection is cut, and the promise resolves `false` (there is no one
 * to answer).
 *
 * @param request - the request whose body is being refused
 * @returns whether the whole body was read (the answer can be sent)
 */
export function drainRejectedBody(request: IncomingMessage): Promise<boolean> {
  if (request.complete) return Promise.resolve(true);
  return new Promise((resolve) => {
    let seen = 0;
    const finish = (drained: boolean) => {
      clearTimeout(timer);
      request.off("data", count);
      request.off("end", ended);
      request.off("close", closed);
      if (!drained) request.socket.destroy();
      resolve(drained);
    };
    const count = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > DRAIN_LIMIT.bytes) finish(false);
    };
    const ended = () => finish(true);
    const closed = () => finish(request.complete);
    const timer = setTimeout(() => finish(false), DRAIN_LIMIT.ms).unref();
    request.on("data", count);
    request.once("end", ended);
    request.once("close", closed);
    request.resume();
  });
}
