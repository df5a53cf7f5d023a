import ky, { HTTPError, TimeoutError } from "ky";
import { DeploymentSetsApiError, DeploymentSetsNetworkError, DeploymentSetsTimeoutError, type Problem } from "./errors.js";

/** How to retry idempotent requests. */
export interface RetryOptions {
  /**
   * Retries after the first attempt.
   * @defaultValue 2
   */
  readonly limit?: number;
  /**
   * The longest wait between attempts, in milliseconds.
   * @defaultValue no limit (the delay doubles from 300 ms)
   */
  readonly backoffLimit?: number;
  /**
   * The wait before retry number `attempt` (1, 2, ...), in milliseconds.
   * @defaultValue `0.3 * 2 ** (attempt - 1) * 1000`
   */
  readonly delay?: (attempt: number) => number;
}

/** What {@link createClient} takes. */
export interface ClientOptions {
  /** The server's address, e.g. `http://127.0.0.1:8080` (without `/api/v1`). */
  readonly baseUrl: string | URL;
  /**
   * A bearer token, sent as `Authorization: Bearer <token>`; needed when the server runs with `DS_AUTH=token`.
   * @defaultValue none
   */
  readonly token?: string;
  /**
   * The `fetch` to call (a test double, an instrumented one, or one with a custom agent).
   * @defaultValue `globalThis.fetch`
   */
  readonly fetch?: typeof globalThis.fetch;
  /**
   * How long each attempt may take, in milliseconds, or `false` for no limit. A timeout is never retried.
   * @defaultValue 10000
   */
  readonly timeout?: number | false;
  /**
   * Retries of idempotent requests (GET, PUT, DELETE) after a network failure or a 502, 503 or 504 answer: a
   * count, or options. POST is never retried, nor is any 4xx answer. `0` turns retries off.
   * @defaultValue 2
   */
  readonly retry?: number | RetryOptions;
  /**
   * Headers sent with every request.
   * @defaultValue none
   */
  readonly headers?: Readonly<Record<string, string>>;
}

/** Per-call options, accepted by every method. */
export interface CallOptions {
  /** Aborts the call (and its retries); the call then rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /** Headers for this call only. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** An HTTP method the API uses. */
export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

/** What one call sends. */
export interface RequestInit extends CallOptions {
  /** Path parameters, substituted into `{name}` placeholders. */
  readonly params?: Readonly<Record<string, string>>;
  /** Query parameters; `undefined` ones are left out. */
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
  /** The JSON body. */
  readonly body?: unknown;
  /** Error statuses whose JSON body is an answer rather than a problem (`/readyz` answers 503 with a status). */
  readonly answers?: readonly number[];
}

/** Sends one request and answers its JSON body (`undefined` for 204), or throws one of the client's errors. */
export type Send = <T>(method: HttpMethod, path: string, init?: RequestInit) => Promise<T>;

const IDEMPOTENT = ["get", "put", "delete", "head"];
const RETRY_STATUSES = [502, 503, 504];
const DEFAULT_TIMEOUT = 10_000;

/** The one request function every method of the client goes through. */
export function createSend(options: ClientOptions): Send {
  const timeout = options.timeout ?? DEFAULT_TIMEOUT;
  const retry = typeof options.retry === "number" || options.retry === undefined ? { limit: options.retry ?? 2 } : options.retry;
  const http = ky.create({
    prefixUrl: options.baseUrl,
    timeout,
    retry: { ...retry, methods: IDEMPOTENT, statusCodes: RETRY_STATUSES, afterStatusCodes: [503] },
    headers: { ...options.headers, ...(options.token !== undefined ? { authorization: `Bearer ${options.token}` } : {}) },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  return async <T>(method: HttpMethod, path: string, init: RequestInit = {}): Promise<T> => {
    init.signal?.throwIfAborted();
    let response: Response;
    try {
      response = await http(expand(path, init.params), {
        method,
        ...(init.body !== undefined ? { json: init.body } : {}),
        ...(init.query ? { searchParams: searchParams(init.query) } : {}),
        ...(init.signal ? { signal: init.signal } : {}),
        ...(init.headers ? { headers: init.headers } : {}),
        ...(init.answers ? { throwHttpErrors: (status: number) => !init.answers!.includes(status) } : {}),
      });
    } catch (error) {
      throw await translate(error, init.signal, timeout, options.baseUrl);
    }
    if (response.status === 204) return undefined as T;
    try {
      return (await response.json()) as T;
    } catch (error) {
      throw new DeploymentSetsNetworkError(`${method.toUpperCase()} ${path}: the answer is not JSON`, { cause: error });
    }
  };
}

/** `/api/v1/deployment-sets/{set_id}` with its parameters, relative (ky's `prefixUrl` wants no leading slash). */
function expand(path: string, params: RequestInit["params"]): string {
  const parts = templates.get(path) ?? compileTemplate(path);
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) out += encodeURIComponent(params?.[parts[i]!] ?? "") + parts[i + 1]!;
  return out;
}

/** Paths split once into text and parameter names: `["api/v1/deployment-sets/", "set_id", ""]`. */
const templates = new Map<string, readonly string[]>();

function compileTemplate(path: string): readonly string[] {
  const parts = path.slice(1).split(/\{(\w+)\}/);
  templates.set(path, parts);
  return parts;
}

function searchParams(query: NonNullable<RequestInit["query"]>): URLSearchParams {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) out.set(key, String(value));
  return out;
}

/** The client's error for whatever ky or fetch threw. */
async function translate(error: unknown, signal: AbortSignal | undefined, timeout: number | false, baseUrl: string | URL): Promise<unknown> {
  if (signal?.aborted) return signal.reason;
  if (error instanceof HTTPError) {
    const problem = await readProblem(error.response);
    return problem
      ? new DeploymentSetsApiError(problem, { cause: error })
      : new DeploymentSetsNetworkError(`The server answered ${error.response.status} without a problem body`, { cause: error });
  }
  if (error instanceof TimeoutError) return new DeploymentSetsTimeoutError(timeout === false ? 0 : timeout, { cause: error });
  const reason = error instanceof Error ? error.message : String(error);
  return new DeploymentSetsNetworkError(`Cannot reach ${String(baseUrl)}: ${reason}`, { cause: error });
}

async function readProblem(response: Response): Promise<Problem | undefined> {
  if (!/^application\/(problem\+)?json\b/.test(response.headers.get("content-type") ?? "")) return undefined;
  try {
    const body = (await response.json()) as Partial<Problem> | null;
    return body && typeof body.code === "string" && typeof body.status === "number" ? (body as Problem) : undefined;
  } catch {
    return undefined;
  }
}
