/** One answer of the server, read once: status, content type and the body as text and (when JSON) parsed. */
export interface ApiResponse {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
  /** The parsed body; `undefined` when it is empty or not JSON. */
  readonly json: unknown;
  /** `Date.now()` just before the request was sent and just after the answer was read: server times fall in it. */
  readonly sentAt: number;
  readonly receivedAt: number;
}

/** What every client of one server counts, for the part's `RELIABILITY` line. */
export interface RequestCounters {
  requests: number;
  s5xx: number;
  /** Problem answers by `code`. */
  readonly problems: Record<string, number>;
}

/** A body that is sent without any content type and without bytes (an optional body left out). */
export const NO_BODY = Symbol("no body");

/**
 * A small `fetch` client of one server over real HTTP, acting as one owner (a bearer token). It never throws on
 * an error status: callers compare the answer with what the reference model expects.
 */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly token: string,
    readonly counters: RequestCounters,
  ) {}

  /** Sends `method path` under `/api/v1`, with `body` as JSON unless it is `undefined` or {@link NO_BODY}. */
  async send(method: string, path: string, body?: unknown): Promise<ApiResponse> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}` };
    const init: RequestInit = { method, headers };
    if (body !== undefined && body !== NO_BODY) {
      headers["content-type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    const sentAt = Date.now();
    const response = await fetch(`${this.baseUrl}/api/v1${path}`, init);
    const text = await response.text();
    const receivedAt = Date.now();
    this.counters.requests++;
    if (response.status >= 500) this.counters.s5xx++;
    const contentType = response.headers.get("content-type") ?? "";
    let json: unknown;
    if (text !== "" && /json/.test(contentType)) json = JSON.parse(text);
    const code = (json as { code?: unknown } | undefined)?.code;
    if (/^application\/problem\+json/.test(contentType) && typeof code === "string") this.counters.problems[code] = (this.counters.problems[code] ?? 0) + 1;
    return { method, path, status: response.status, contentType, text, json, sentAt, receivedAt };
  }
}
