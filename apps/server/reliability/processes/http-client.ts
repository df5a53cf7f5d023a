/** One answer as the reliability parts see it: status 0 means no answer (connection error or client timeout). */
export interface Answer {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
  /** Wall time from sending to the whole body read, in milliseconds. */
  readonly ms: number;
  /** The connection error or timeout when `status` is 0. */
  readonly error?: string;
}

/** A JSON client of one server process as one owner (its bearer token); it never throws on an answer. */
export interface ApiClient {
  readonly base: string;
  /** Sends one request to `/api/v1{path}` (or to `path` itself when it starts with `/healthz` or `/readyz`). */
  send(method: string, path: string, body?: unknown): Promise<Answer>;
}

/** How long a request may take before the client gives up (status 0): far above any answer the parts accept. */
export const CLIENT_TIMEOUT_MS = 30_000;

/** A client of the server at `base` sending `token`, with its own timeout `timeoutMs`. */
export function apiClient(base: string, token: string, timeoutMs = CLIENT_TIMEOUT_MS): ApiClient {
  return {
    base,
    async send(method, path, body) {
      const url = /^\/(healthz|readyz)/.test(path) ? base + path : `${base}/api/v1${path}`;
      const headers: Record<string, string> = { authorization: `Bearer ${token}` };
      if (body !== undefined) headers["content-type"] = "application/json";
      const started = performance.now();
      try {
        const response = await fetch(url, {
          method,
          headers,
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          signal: AbortSignal.timeout(timeoutMs),
        });
        const text = await response.text();
        const contentType = response.headers.get("content-type") ?? "";
        return { method, path, status: response.status, contentType, text, ms: performance.now() - started };
      } catch (error) {
        return { method, path, status: 0, contentType: "", text: "", ms: performance.now() - started, error: String(error) };
      }
    },
  };
}

/** The parsed JSON body of an answer. */
export function json<T = Record<string, unknown>>(answer: Answer): T {
  return JSON.parse(answer.text) as T;
}

/** Throws unless `answer` has status `want`; returns its parsed body (undefined for an empty one). */
export function expectStatus<T = Record<string, unknown>>(answer: Answer, want: number): T {
  if (answer.status !== want) {
    throw new Error(`${answer.method} ${answer.path}: want ${want}, got ${answer.status} ${answer.error ?? answer.text.slice(0, 500)}`);
  }
  return (answer.text === "" ? undefined : JSON.parse(answer.text)) as T;
}
