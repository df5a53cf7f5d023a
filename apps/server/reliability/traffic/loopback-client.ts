import { Agent, request } from "node:http";

/** One HTTP answer, with how long the round trip took. */
export interface Answer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The body as text. */
  readonly text: string;
  /** When the request was sent (`performance.now()` of this process). */
  readonly startedAt: number;
  /** Milliseconds from sending the request to the last byte of the answer. */
  readonly ms: number;
  /** The body parsed as JSON (throws when it is not). */
  json<T = unknown>(): T;
}

/**
 * A minimal keep-alive HTTP/1.1 client for a server on the loopback interface: `node:http` with one agent whose
 * sockets are reused, so measured latencies are the server's plus a loopback round trip (no TLS, no DNS, no
 * per-request connection). A socket error rejects the promise.
 */
export class LoopbackClient {
  readonly #base: URL;
  readonly #agent: Agent;

  /**
   * @param baseUrl - `http://127.0.0.1:<port>` as the server printed it
   * @param sockets - the most sockets kept open (one per concurrent caller)
   */
  constructor(baseUrl: string, sockets = 16) {
    this.#base = new URL(baseUrl);
    this.#agent = new Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
  }

  /** Sends `method path` with an optional JSON body and extra headers. */
  send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const payload = body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body);
    const allHeaders: Record<string, string> = { ...headers };
    if (payload !== undefined) {
      allHeaders["content-type"] ??= "application/json";
      allHeaders["content-length"] = String(Buffer.byteLength(payload));
    }
    return new Promise((resolve, reject) => {
      const startedAt = performance.now();
      const req = request(
        { host: this.#base.hostname, port: this.#base.port, method, path, headers: allHeaders, agent: this.#agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("error", reject);
          res.on("end", () => {
            const text = Buffer.concat(chunks).toString("utf8");
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              text,
              startedAt,
              ms: performance.now() - startedAt,
              json: <T>() => JSON.parse(text) as T,
            });
          });
        },
      );
      req.on("error", reject);
      req.end(payload);
    });
  }

  /** Closes the kept-alive sockets. */
  close(): void {
    this.#agent.destroy();
  }
}
