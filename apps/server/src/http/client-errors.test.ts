import net, { type AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WIRE_ERROR_CODES } from "@deployment-sets/wire";
import { startTestServer, type TestServer } from "../../test/harness.js";

/** Sends `data` as is on a fresh connection and returns everything the server wrote before closing. */
function raw(port: number, data: string | Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () => socket.end(data));
    let out = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => (out += chunk));
    socket.on("close", () => resolve(out));
    socket.on("error", reject);
  });
}

/** The status line and parsed problem body of a raw HTTP answer, checked to be problem+json with a known code. */
function problemOf(answer: string): { status: number; body: Record<string, unknown> } {
  const [head = "", body = ""] = answer.split("\r\n\r\n");
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]);
  expect(head).toMatch(/\r\ncontent-type: application\/problem\+json/i);
  const parsed = JSON.parse(body) as Record<string, unknown>;
  expect(parsed).toMatchObject({ status, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
  expect(WIRE_ERROR_CODES).toContain(parsed.code);
  return { status, body: parsed };
}

describe("errors before and around routing, over a real socket", () => {
  let server: TestServer;
  let port: number;
  beforeAll(async () => {
    server = await startTestServer();
    await server.app.listen({ host: "127.0.0.1", port: 0 });
    port = (server.app.server.address() as AddressInfo).port;
  });
  afterAll(() => server.close());

  it("answers a method no route takes (QUERY, with or without a body) as not found", async () => {
    const bare = problemOf(await raw(port, "QUERY /api/v1/deployment-sets HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
    expect(bare).toMatchObject({ status: 404, body: { code: "route_not_found" } });
    const withBody = problemOf(
      await raw(port, "QUERY /api/v1/deployment-sets HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"),
    );
    expect(withBody).toMatchObject({ status: 404, body: { code: "route_not_found" } });
    const typed = problemOf(
      await raw(port, "QUERY /api/v1/deployment-sets HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"),
    );
    expect(typed).toMatchObject({ status: 404, body: { code: "route_not_found" } });
  });

  it("answers an HTTP/1.1 request without a Host header as a bad request, in problem+json", async () => {
    const answer = problemOf(await raw(port, "GET /api/v1/deployment-sets HTTP/1.1\r\nConnection: close\r\n\r\n"));
    expect(answer).toMatchObject({ status: 400, body: { code: "bad_request" } });
    // HTTP/1.0 needs none.
    expect(await raw(port, "GET /healthz HTTP/1.0\r\n\r\n")).toMatch(/^HTTP\/1\.1 200 /);
  });

  it("answers what the HTTP parser rejects as problem+json", async () => {
    const cases: [string, number, string][] = [
      ["GARBAGE\r\n\r\n", 400, "bad_request"],
      ["GET / HTTP/9.9\r\nHost: x\r\n\r\n", 400, "bad_request"],
      ["GET /api/v1/\u0001sets HTTP/1.1\r\nHost: x\r\n\r\n", 400, "bad_request"],
      ["GET /api/v1/deployment-sets HTTP/1.1\r\nHost: x\r\nBad Header: y\r\n\r\n", 400, "bad_request"],
      [`GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`, 431, "headers_too_large"],
    ];
    for (const [request, status, code] of cases) {
      expect(problemOf(await raw(port, request)), JSON.stringify(request.slice(0, 40))).toMatchObject({ status, body: { code } });
    }
  });

  it("keeps a validation error small however many fields the body has", async () => {
    const huge = Object.fromEntries(Array.from({ length: 80_000 }, (_, i) => [String(i), 0]));
    const response = await server.request("POST", "/api/v1/deployment-sets", { name: "x", ...huge });
    expect(response.statusCode).toBe(422);
    expect(response.body.length).toBeLessThan(1_000);
    expect(response.json().errors).toEqual([{ path: "body", message: "must have at most 64 fields" }]);
    const many = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`k${i}`, i]));
    const listed = (await server.request("POST", "/api/v1/deployment-sets", { name: "x", ...many })).json();
    expect(listed.errors).toHaveLength(20);
    expect(listed.detail).toMatch(/\(and 59 more\)$/);
  });

  it("rejects a clone body that is JSON null, like every other route's non-object body", async () => {
    const set = (await server.request("POST", "/api/v1/deployment-sets", { name: "Source" })).json();
    const before = (await server.request("GET", "/api/v1/deployment-sets")).json().total;
    for (const payload of ["null", "[]", "3", '"x"']) {
      const response = await server.app.inject({
        method: "POST",
        url: `/api/v1/deployment-sets/${set.id}/clone`,
        payload,
        headers: { "content-type": "application/json" },
      });
      expect(response.statusCode, payload).toBe(422);
      expect(response.json().code).toBe("validation_failed");
    }
    expect((await server.request("GET", "/api/v1/deployment-sets")).json().total).toBe(before);
  });

  it("allows the methods and headers the API uses in CORS preflights, for the configured origins only", async () => {
    for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) {
      const response = await server.app.inject({
        method: "OPTIONS",
        url: "/api/v1/deployment-sets/0123456789abcdef0123456789abcdef",
        headers: { origin: "http://localhost:5173", "access-control-request-method": method, "access-control-request-headers": "authorization, content-type" },
      });
      expect(response.statusCode).toBe(204);
      expect(response.headers["access-control-allow-origin"]).toBe("http://localhost:5173");
      expect(String(response.headers["access-control-allow-methods"]).split(/,\s*/)).toContain(method);
      expect(String(response.headers["access-control-allow-headers"])).toMatch(/authorization.*content-type/);
    }
    // An OPTIONS that is no full preflight is not an error either.
    for (const headers of [{}, { origin: "http://localhost:5173" }, { "access-control-request-method": "GET" }]) {
      const response = await server.app.inject({ method: "OPTIONS", url: "/healthz", headers });
      expect(response.statusCode, JSON.stringify(headers)).toBe(204);
    }
    const stranger = await server.app.inject({
      method: "OPTIONS",
      url: "/api/v1/deployment-sets",
      headers: { origin: "http://evil.example", "access-control-request-method": "DELETE" },
    });
    expect(stranger.headers["access-control-allow-origin"]).toBeUndefined();
  });
});
