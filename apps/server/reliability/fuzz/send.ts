import { connect } from "node:net";

/** What came back: a status, lower-case headers and the body as text; `error` when no readable answer came. */
export interface Exchange {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly bodyBytes: number;
  /** The answer to what may be a HEAD: no body came, and none was due. */
  readonly headOnly?: boolean;
  readonly error?: string;
}

const TIMEOUT_MS = 10_000;

/** Sends with the platform's `fetch` (undici), reading the whole answer. */
export async function sendFetch(
  url: string,
  method: string,
  headers: readonly (readonly [string, string])[],
  body: Buffer | undefined,
): Promise<Exchange> {
  try {
    const response = await fetch(url, {
      method,
      headers: headers.map(([name, value]) => [name, value]),
      ...(body ? { body } : {}),
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const bytes = Buffer.from(await response.arrayBuffer());
    return { status: response.status, headers: Object.fromEntries(response.headers), body: bytes.toString("utf8"), bodyBytes: bytes.length };
  } catch (error) {
    return failed(describe(error));
  }
}

/** How {@link sendRaw} behaves. */
export interface RawOptions {
  /** The payload may be a HEAD (a malformed request line leaves it uncertain): an answer without its body is complete once the server closes. */
  readonly head?: boolean;
  /**
   * Behave like a blocking client (Python's requests, most SDKs): read nothing until the whole payload is written,
   * so a server that answers early and resets the connection leaves it with a write error and no answer.
   */
  readonly blocking?: boolean;
}

/**
 * Writes `payload` on a fresh socket and reads one HTTP/1.1 answer: done when the declared length (or the last
 * chunk) arrived, or when the server closes. Unless blocking, a write error after an answer arrived does not
 * matter (the server may answer and close before reading everything); an answer that never comes is an error.
 */
export function sendRaw(port: number, payload: Buffer, { head = false, blocking = false }: RawOptions = {}): Promise<Exchange> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let settled = false;
    let writeError: string | undefined;
    const socket = connect({ host: "127.0.0.1", port });
    if (blocking) socket.pause();
    const finish = (reason?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (blocking && writeError) return resolve(failed(writeError));
      const data = Buffer.concat(chunks);
      let parsed = parseResponse(data, false);
      if (head && parsed?.error !== undefined) parsed = parseResponse(data, true);
      resolve(parsed ?? failed(reason ?? writeError ?? "connection closed without an answer"));
    };
    const timer = setTimeout(() => finish(`no answer within ${TIMEOUT_MS} ms`), TIMEOUT_MS);
    socket.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      if (parseResponse(Buffer.concat(chunks), false, true)) finish();
    });
    // An error is always followed by "close", which finishes with whatever answer arrived.
    socket.on("error", (error) => {
      writeError ??= describe(error);
    });
    socket.on("close", () => finish());
    socket.write(payload, (error) => {
      if (error) writeError = `the request could not be written whole: ${describe(error)}`;
      else if (blocking) socket.resume();
    });
  });
}

function parseResponse(data: Buffer, head: boolean, requireComplete = false): Exchange | undefined {
  const end = data.indexOf("\r\n\r\n");
  if (end < 0) return undefined;
  const lines = data.subarray(0, end).toString("latin1").split("\r\n");
  const status = /^HTTP\/\d\.\d (\d{3})/.exec(lines[0] ?? "");
  if (!status) return requireComplete ? undefined : failed(`not an HTTP answer: ${JSON.stringify(lines[0]?.slice(0, 80))}`);
  const headers: Record<string, string> = {};
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const code = Number(status[1]);
  // An interim answer (100 Continue) precedes the real one.
  if (code >= 100 && code < 200 && code !== 101) return parseResponse(data.subarray(end + 4), head, requireComplete);
  let body = data.subarray(end + 4);
  if (head || code === 204 || code === 304) body = Buffer.alloc(0);
  else if (/chunked/i.test(headers["transfer-encoding"] ?? "")) {
    const decoded = dechunk(body);
    if (!decoded) return requireComplete ? undefined : failed("a chunked answer ended early");
    body = decoded;
  } else if (headers["content-length"] !== undefined) {
    const length = Number(headers["content-length"]);
    if (body.length < length) return requireComplete ? undefined : failed(`the answer ended after ${body.length} of ${length} bytes`);
    body = body.subarray(0, length);
  } else if (requireComplete) return undefined;
  return { status: code, headers, body: body.toString("utf8"), bodyBytes: body.length, ...(head ? { headOnly: true } : {}) };
}

function dechunk(data: Buffer): Buffer | undefined {
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = data.indexOf("\r\n", offset);
    if (lineEnd < 0) return undefined;
    const size = parseInt(data.subarray(offset, lineEnd).toString("latin1"), 16);
    if (Number.isNaN(size)) return undefined;
    if (size === 0) return Buffer.concat(parts);
    if (data.length < lineEnd + 2 + size) return undefined;
    parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
}

function failed(error: string): Exchange {
  return { status: 0, headers: {}, body: "", bodyBytes: 0, error };
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  const own = error as { code?: string; name?: string; message?: string };
  return [own.name, own.code, own.message, cause?.code, cause?.message].filter(Boolean).join(": ");
}
