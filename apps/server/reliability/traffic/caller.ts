import type { LightMyRequestResponse } from "fastify";
import type { TestServer } from "../../test/harness.js";
import type { Answer, LoopbackClient } from "./loopback-client.js";
import type { Call } from "./openapi-operations.js";

/**
 * Sends calls with a bearer token over a {@link LoopbackClient}, counting them and keeping every answer's body
 * (to search them for secrets afterwards).
 */
export class Caller {
  readonly #http: LoopbackClient;
  /** Requests sent. */
  requests = 0;
  /** Answers with a 5xx status. */
  s5xx = 0;
  /** The body of every answer. */
  readonly bodies: string[] = [];

  /** @param http - a client of the server under test */
  constructor(http: LoopbackClient) {
    this.#http = http;
  }

  /** Sends `call` with `token` (as `Authorization: Bearer`), unless `headers` carries its own authorization. */
  async send(call: Call, token?: string, headers: Record<string, string> = {}): Promise<Answer> {
    this.requests++;
    const answer = await this.#http.send(call.method, call.url, call.body, { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers });
    if (answer.status >= 500) this.s5xx++;
    this.bodies.push(answer.text);
    return answer;
  }

  /**
   * The harness's `request` over real HTTP, for its helpers (`dumpOwner`): the answer carries the fields of an
   * `inject` response those helpers read (`statusCode`, `headers`, `body`, `json()`).
   */
  readonly request: TestServer["request"] = async (method, url, body, token) => {
    const answer = await this.send({ method: String(method), url, ...(body === undefined ? {} : { body }) }, token);
    return { statusCode: answer.status, headers: answer.headers, body: answer.text, json: () => answer.json() } as unknown as LightMyRequestResponse;
  };
}
