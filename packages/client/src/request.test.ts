import { describe, expect, it } from "vitest";
import { createClient } from "./client.js";
import { DeploymentSetsApiError, DeploymentSetsNetworkError, DeploymentSetsTimeoutError } from "./errors.js";

const BASE = "http://deployment-sets.test";
const SET_ID = "0b7d5c2a9e8f4a6b8c1d3e5f7a9b0c2d";

/** A `fetch` that answers from a script, one answer per call, and records every request it saw. */
function scriptedFetch(...answers: (() => Response | Promise<Response>)[]) {
  const seen: { method: string; url: string; authorization: string | null; body: string | null }[] = [];
  const fetch = async (input: Parameters<typeof globalThis.fetch>[0], init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    seen.push({ method: request.method, url: request.url, authorization: request.headers.get("authorization"), body: request.body ? await request.text() : null });
    const answer = answers[Math.min(seen.length, answers.length) - 1];
    if (!answer) throw new Error("no scripted answer");
    return answer();
  };
  return { fetch, seen };
}

const json = (status: number, body: unknown, type = "application/json") =>
  () => new Response(JSON.stringify(body), { status, headers: { "content-type": type } });
const problem = (status: number, code: string) =>
  json(status, { type: `urn:deployment-sets:problem:${code}`, title: "t", status, code, detail: `${code} happened` }, "application/problem+json");
const refused = () => Promise.reject(new TypeError("fetch failed"));
const fastRetry = { limit: 2, delay: () => 1 };

describe("the request function, with an injected fetch", () => {
  it("sends the token, the JSON body and encoded path parameters to the document's paths", async () => {
    const { fetch, seen } = scriptedFetch(json(201, { id: "m" }));
    const client = createClient({ baseUrl: BASE, token: "t0k", fetch });
    await client.sets.members.add("a/b", { artifact_uuid: "x" });
    expect(seen).toEqual([{ method: "POST", url: `${BASE}/api/v1/deployment-sets/a%2Fb/members`, authorization: "Bearer t0k", body: '{"artifact_uuid":"x"}' }]);
  });

  it("leaves undefined query parameters out", async () => {
    const { fetch, seen } = scriptedFetch(json(200, { items: [], total: 0, limit: 5, offset: 0 }));
    await createClient({ baseUrl: BASE, fetch }).sets.list({ limit: 5, tag: undefined });
    expect(seen[0]!.url).toBe(`${BASE}/api/v1/deployment-sets?limit=5`);
  });

  it("retries an idempotent request after 503 and after a network failure, then succeeds", async () => {
    const { fetch, seen } = scriptedFetch(problem(503, "storage_unavailable"), refused, json(200, { id: SET_ID }));
    const set = await createClient({ baseUrl: BASE, fetch, retry: fastRetry }).sets.get(SET_ID);
    expect(set).toEqual({ id: SET_ID });
    expect(seen.map((r) => r.method)).toEqual(["GET", "GET", "GET"]);
  });

  it("gives up after `limit` retries with the last answer's error", async () => {
    const { fetch, seen } = scriptedFetch(problem(503, "storage_unavailable"));
    const error = await createClient({ baseUrl: BASE, fetch, retry: fastRetry }).sets.get(SET_ID).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeploymentSetsApiError);
    expect(error).toMatchObject({ status: 503, code: "storage_unavailable" });
    expect(seen).toHaveLength(3);
  });

  it("never retries a POST, nor any 4xx, nor when retry is 0", async () => {
    const post = scriptedFetch(problem(503, "storage_unavailable"));
    await expect(createClient({ baseUrl: BASE, fetch: post.fetch, retry: fastRetry }).sets.create({ name: "S" })).rejects.toMatchObject({ code: "storage_unavailable" });
    expect(post.seen).toHaveLength(1);
    const postNetwork = scriptedFetch(refused);
    await expect(createClient({ baseUrl: BASE, fetch: postNetwork.fetch, retry: fastRetry }).sets.deploy(SET_ID, { project_path: "/p" })).rejects.toBeInstanceOf(DeploymentSetsNetworkError);
    expect(postNetwork.seen).toHaveLength(1);
    for (const [status, code] of [[404, "set_not_found"], [409, "duplicate_member"], [422, "validation_failed"], [429, "storage_unavailable"], [408, "internal_error"]] as const) {
      const { fetch, seen } = scriptedFetch(problem(status, code));
      await expect(createClient({ baseUrl: BASE, fetch, retry: fastRetry }).sets.get(SET_ID)).rejects.toMatchObject({ status, code });
      expect(seen, String(status)).toHaveLength(1);
    }
    const off = scriptedFetch(problem(503, "storage_unavailable"));
    await expect(createClient({ baseUrl: BASE, fetch: off.fetch, retry: 0 }).sets.get(SET_ID)).rejects.toMatchObject({ code: "storage_unavailable" });
    expect(off.seen).toHaveLength(1);
  });

  it("reports an unreachable server as DeploymentSetsNetworkError with the cause", async () => {
    const { fetch } = scriptedFetch(refused);
    const error = await createClient({ baseUrl: BASE, fetch, retry: 0 }).health().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeploymentSetsNetworkError);
    expect((error as Error).message).toContain(BASE);
    expect((error as Error).cause).toBeInstanceOf(TypeError);
  });

  it("reports an error answer without a problem body (a proxy's HTML) as DeploymentSetsNetworkError", async () => {
    const { fetch } = scriptedFetch(() => new Response("<html>bad gateway</html>", { status: 502, headers: { "content-type": "text/html" } }));
    const error = await createClient({ baseUrl: BASE, fetch, retry: 0 }).sets.get(SET_ID).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeploymentSetsNetworkError);
    expect((error as Error).message).toContain("502");
  });

  it("times out a slow answer as DeploymentSetsTimeoutError, and does not retry it", async () => {
    const { fetch, seen } = scriptedFetch(() => new Promise<Response>(() => {}));
    const started = Date.now();
    const error = await createClient({ baseUrl: BASE, fetch, timeout: 50, retry: fastRetry }).sets.get(SET_ID).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeploymentSetsTimeoutError);
    expect(error).toMatchObject({ timeout: 50 });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(seen).toHaveLength(1);
  });

  it("rejects with the signal's reason when the caller aborts, before or during the call, and stops retrying", async () => {
    const before = new AbortController();
    before.abort(new Error("not needed"));
    const early = scriptedFetch(json(200, {}));
    await expect(createClient({ baseUrl: BASE, fetch: early.fetch }).sets.get(SET_ID, { signal: before.signal })).rejects.toThrow("not needed");
    expect(early.seen).toHaveLength(0);

    const during = new AbortController();
    // Like a real fetch: pending until the request's signal aborts.
    const hanging = (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
      const { signal } = new Request(input, init);
      return new Promise<Response>((_resolve, reject) => {
        if (signal.aborted) reject(signal.reason);
        signal.addEventListener("abort", () => reject(signal.reason));
      });
    };
    const call = createClient({ baseUrl: BASE, fetch: hanging }).sets.resolve(SET_ID, { signal: during.signal });
    during.abort();
    await expect(call).rejects.toMatchObject({ name: "AbortError" });

    const retrying = new AbortController();
    const slowRetry = scriptedFetch(problem(503, "storage_unavailable"));
    const pending = createClient({ baseUrl: BASE, fetch: slowRetry.fetch, retry: { limit: 5, delay: () => 60_000 } }).sets.get(SET_ID, { signal: retrying.signal });
    setTimeout(() => retrying.abort(new Error("gave up")), 20);
    await expect(pending).rejects.toThrow("gave up");
    expect(slowRetry.seen).toHaveLength(1);
  });

  it("answers readiness with its body on 503, and 204 with undefined", async () => {
    const { fetch } = scriptedFetch(json(503, { status: "unavailable", reason: "storage is unavailable" }), () => new Response(null, { status: 204 }));
    const client = createClient({ baseUrl: BASE, fetch, retry: 0 });
    expect(await client.ready()).toEqual({ status: "unavailable", reason: "storage is unavailable" });
    expect(await client.sets.delete(SET_ID)).toBeUndefined();
  });
});
