import { randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { InjectOptions, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dumpOwner } from "../../test/dump.js";
import { expectProblem } from "../../test/expect-problem.js";
import { ADAPTERS, sha256, startTestServer, type TestServer, type TestToken } from "../../test/harness.js";
import { assertBuilt, startMain } from "../../test/spawn-server.js";

const ALICE: TestToken = { token: "alice-rw-3f9c1e7a5b", owner: "alice", scopes: ["read", "write"] };
const BOB: TestToken = { token: "bob-rw-8d2a64c0f1", owner: "bob", scopes: ["read", "write"] };
const ALICE_RO: TestToken = { token: "alice-ro-51be09d7c3", owner: "alice", scopes: ["read"] };
const CAROL: TestToken = { token: "carol-rw-7e3b2f6a90", owner: "carol", scopes: ["read", "write"] };
const ALICE_WO: TestToken = { token: "alice-wo-2c8e41b7d6", owner: "alice", scopes: ["write"] };

const hex = () => randomUUID().replaceAll("-", "");
const API = "/api/v1/deployment-sets";

interface Call {
  readonly method: NonNullable<InjectOptions["method"]>;
  readonly url: string;
  readonly body?: unknown;
}

/** Every route under `/deployment-sets/{set_id}` (PATCH aliases included), given ids and a project folder. */
const ID_ROUTES: readonly [string, (setId: string, memberId: string, project: string) => Call][] = [
  ["GET set", (s) => ({ method: "GET", url: `${API}/${s}` })],
  ["PUT set", (s) => ({ method: "PUT", url: `${API}/${s}`, body: { name: "Taken over" } })],
  ["PATCH set", (s) => ({ method: "PATCH", url: `${API}/${s}`, body: { tags: [] } })],
  ["DELETE set", (s) => ({ method: "DELETE", url: `${API}/${s}` })],
  ["POST clone", (s) => ({ method: "POST", url: `${API}/${s}/clone`, body: { name: "Mine now" } })],
  ["GET members", (s) => ({ method: "GET", url: `${API}/${s}/members` })],
  ["POST members", (s) => ({ method: "POST", url: `${API}/${s}/members`, body: { nested_set_id: s } })],
  ["DELETE member", (s, m) => ({ method: "DELETE", url: `${API}/${s}/members/${m}` })],
  ["PUT member", (s, m) => ({ method: "PUT", url: `${API}/${s}/members/${m}`, body: { position: 0 } })],
  ["PATCH member", (s, m) => ({ method: "PATCH", url: `${API}/${s}/members/${m}`, body: { position: 0 } })],
  ["GET resolve", (s) => ({ method: "GET", url: `${API}/${s}/resolve` })],
  ["POST deploy (dry run)", (s, _m, p) => ({ method: "POST", url: `${API}/${s}/deploy`, body: { project_path: p, dry_run: true } })],
  ["POST deploy", (s, _m, p) => ({ method: "POST", url: `${API}/${s}/deploy`, body: { project_path: p } })],
  ["POST undeploy (dry run)", (s, _m, p) => ({ method: "POST", url: `${API}/${s}/undeploy`, body: { project_path: p, dry_run: true } })],
  ["POST undeploy", (s, _m, p) => ({ method: "POST", url: `${API}/${s}/undeploy`, body: { project_path: p } })],
  ["GET deployments", (s) => ({ method: "GET", url: `${API}/${s}/deployments` })],
];

/** The routes without ids (rows 1, 2, 13, 14). */
const PLAIN_ROUTES: readonly [string, Call][] = [
  ["POST create", { method: "POST", url: API, body: { name: "New" } }],
  ["GET list", { method: "GET", url: API }],
  ["GET artifacts", { method: "GET", url: "/api/v1/artifacts" }],
  ["GET groups", { method: "GET", url: "/api/v1/groups" }],
];

const MEMBER_ROUTES = ID_ROUTES.filter(([name]) => name.endsWith(" member"));

/** A problem body with `ids` replaced by placeholders, so a hidden id and a missing id compare equal. */
function normalized(response: LightMyRequestResponse, ids: Record<string, string>) {
  let text = response.body;
  for (const [placeholder, id] of Object.entries(ids)) text = text.replaceAll(id, placeholder);
  return { status: response.statusCode, contentType: response.headers["content-type"], body: JSON.parse(text) as unknown };
}

describe.each(ADAPTERS)("owners and tokens over HTTP (%s)", (adapter) => {
  let server: TestServer;
  let project: string;
  const alice = { set: "", child: "", member: "" };
  const bob = { set: "", member: "" };
  let artifacts: string[] = [];

  const call = (c: Call, token?: string, headers: Record<string, string> = {}) =>
    server.app.inject({
      method: c.method,
      url: c.url,
      ...(c.body === undefined ? {} : { payload: c.body as object }),
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    });
  const ok = async (c: Call, token: string, status = 201) => {
    const response = await call(c, token);
    expect(response.statusCode, response.body).toBe(status);
    return response.json();
  };

  beforeAll(async () => {
    server = await startTestServer({ adapter, tokens: [ALICE, BOB, ALICE_RO, ALICE_WO] });
    project = join(server.dir, "project");
    mkdirSync(project);
    artifacts = (await ok({ method: "GET", url: "/api/v1/artifacts" }, ALICE.token, 200)).items.map((a: { uuid: string }) => a.uuid);
    alice.child = (await ok({ method: "POST", url: API, body: { name: "Alice child main" } }, ALICE.token)).id;
    alice.set = (await ok({ method: "POST", url: API, body: { name: "Alice main", tags: ["shared-tag"] } }, ALICE.token)).id;
    alice.member = (await ok({ method: "POST", url: `${API}/${alice.set}/members`, body: { artifact_uuid: artifacts[0] } }, ALICE.token)).id;
    await ok({ method: "POST", url: `${API}/${alice.set}/members`, body: { nested_set_id: alice.child } }, ALICE.token);
    bob.set = (await ok({ method: "POST", url: API, body: { name: "Bob main", tags: ["shared-tag"] } }, BOB.token)).id;
    bob.member = (await ok({ method: "POST", url: `${API}/${bob.set}/members`, body: { artifact_uuid: artifacts[1] } }, BOB.token)).id;
  }, 30_000);
  afterAll(() => server.close());

  const projectFiles = () => readdirSync(project, { recursive: true });

  it("answers bob on alice's set exactly like a missing set, on every route, and changes nothing", async () => {
    const aliceBefore = await dumpOwner(server, ALICE.token);
    const missing = { set: hex(), member: hex() };
    for (const [name, route] of ID_ROUTES) {
      const hidden = await call(route(alice.set, alice.member, project), BOB.token);
      const absent = await call(route(missing.set, missing.member, project), BOB.token);
      expectProblem(hidden, 404, "set_not_found");
      expect(hidden.json().set_id, name).toBe(alice.set);
      expect(normalized(hidden, { "<set>": alice.set, "<member>": alice.member }), name).toEqual(
        normalized(absent, { "<set>": missing.set, "<member>": missing.member }),
      );
    }
    expect(await dumpOwner(server, ALICE.token)).toEqual(aliceBefore);
    expect(projectFiles()).toEqual([]);
  });

  it("answers alice's member id under bob's own set exactly like a missing member", async () => {
    const bobBefore = await dumpOwner(server, BOB.token);
    const aliceBefore = await dumpOwner(server, ALICE.token);
    const missingMember = hex();
    for (const [name, route] of MEMBER_ROUTES) {
      const hidden = await call(route(bob.set, alice.member, project), BOB.token);
      const absent = await call(route(bob.set, missingMember, project), BOB.token);
      expectProblem(hidden, 404, "member_not_found");
      expect(hidden.json().member_id, name).toBe(alice.member);
      expect(normalized(hidden, { "<member>": alice.member }), name).toEqual(normalized(absent, { "<member>": missingMember }));
    }
    // Alice's own member under alice's other set is not found either (member ids belong to their set).
    expectProblem(await call(MEMBER_ROUTES[0]![1](alice.child, alice.member, project), ALICE.token), 404, "member_not_found");
    expect(await dumpOwner(server, BOB.token)).toEqual(bobBefore);
    expect(await dumpOwner(server, ALICE.token)).toEqual(aliceBefore);
  });

  it("rejects nesting alice's set from bob as an unknown reference, like a missing set", async () => {
    const before = await dumpOwner(server, BOB.token);
    const missing = hex();
    const hidden = await call({ method: "POST", url: `${API}/${bob.set}/members`, body: { nested_set_id: alice.set } }, BOB.token);
    const absent = await call({ method: "POST", url: `${API}/${bob.set}/members`, body: { nested_set_id: missing } }, BOB.token);
    expectProblem(hidden, 422, "unknown_reference");
    expect(hidden.json()).toMatchObject({ kind: "set", id: alice.set });
    expect(normalized(hidden, { "<id>": alice.set })).toEqual(normalized(absent, { "<id>": missing }));
    expect(await dumpOwner(server, BOB.token)).toEqual(before);
  });

  it("lists only the caller's own sets, whatever the filters", async () => {
    const ids = async (token: string, query = "") =>
      (await ok({ method: "GET", url: `${API}${query}` }, token, 200)).items.map((s: { id: string; owner_id: string }) => [s.id, s.owner_id]);
    expect((await ids(ALICE.token)).sort()).toEqual([[alice.child, "alice"], [alice.set, "alice"]].sort());
    expect(await ids(BOB.token)).toEqual([[bob.set, "bob"]]);
    expect(await ids(ALICE_RO.token, "?name=main")).toEqual([[alice.set, "alice"], [alice.child, "alice"]]);
    expect(await ids(BOB.token, "?name=MAIN&tag=shared-tag")).toEqual([[bob.set, "bob"]]);
    expect((await ok({ method: "GET", url: `${API}?name=alice` }, BOB.token, 200)).total).toBe(0);
    // The catalog is not owned: both see the same one.
    for (const url of ["/api/v1/artifacts", "/api/v1/groups"]) {
      expect((await call({ method: "GET", url }, BOB.token)).json()).toEqual((await call({ method: "GET", url }, ALICE.token)).json());
    }
  });

  it("shows in a project's inventory only the caller's own sets, and where only the caller's sets are deployed", async () => {
    const shared = join(server.dir, "shared-project");
    mkdirSync(shared);
    await ok({ method: "POST", url: `${API}/${alice.set}/deploy`, body: { project_path: shared } }, ALICE.token, 200);
    const inventory = (token: string) => ok({ method: "GET", url: `/api/v1/deployments?project_path=${encodeURIComponent(shared)}` }, token, 200);
    const mine = await inventory(ALICE_RO.token);
    expect(mine.artifacts).toEqual([expect.objectContaining({ artifact_uuid: artifacts[0], sets: [{ id: alice.set, name: "Alice main" }] })]);
    // Bob sees what is on disk (the folder is not owned), never the name or id of alice's set.
    const theirs = await inventory(BOB.token);
    expect(theirs.artifacts).toEqual([expect.objectContaining({ artifact_uuid: artifacts[0], sets: [] })]);
    expect(JSON.stringify(theirs)).not.toContain(alice.set);
    expect(await ok({ method: "GET", url: `${API}/${bob.set}/deployments` }, BOB.token, 200)).toEqual([]);
    expect(await ok({ method: "GET", url: `${API}/${alice.set}/deployments` }, ALICE.token, 200)).toEqual([
      expect.objectContaining({ project_path: shared, profile: "claude_code" }),
    ]);
  });

  it("takes owner_id from the token; an owner_id in a body is 422", async () => {
    const created = await ok({ method: "POST", url: API, body: { name: "Bob second" } }, BOB.token);
    expect(created.owner_id).toBe("bob");
    const clone = await ok({ method: "POST", url: `${API}/${created.id}/clone` }, BOB.token);
    expect(clone.owner_id).toBe("bob");
    expect((await ok({ method: "GET", url: `${API}/${alice.set}` }, ALICE_RO.token, 200)).owner_id).toBe("alice");
    const before = await dumpOwner(server, BOB.token);
    const aliceBefore = await dumpOwner(server, ALICE.token);
    const attempts: Call[] = [
      { method: "POST", url: API, body: { name: "Spoof", owner_id: "alice" } },
      { method: "PUT", url: `${API}/${created.id}`, body: { owner_id: "alice" } },
      { method: "PATCH", url: `${API}/${created.id}`, body: { name: "Spoof", owner_id: "bob" } },
      { method: "POST", url: `${API}/${created.id}/clone`, body: { owner_id: "alice" } },
    ];
    for (const attempt of attempts) {
      const response = await call(attempt, BOB.token);
      expectProblem(response, 422, "validation_failed");
      expect(response.json().errors, attempt.method).toContainEqual({ path: "body.owner_id", message: expect.any(String) });
    }
    expect(await dumpOwner(server, BOB.token)).toEqual(before);
    expect(await dumpOwner(server, ALICE.token)).toEqual(aliceBefore);
  });

  const BAD_AUTHORIZATION: readonly [string, string | undefined][] = [
    ["no header", undefined],
    ["an unknown token", "Bearer not-a-known-token"],
    ["a token with an extra character", `Bearer ${ALICE.token}x`],
    ["a token missing its last character", `Bearer ${ALICE.token.slice(0, -1)}`],
    ["the token's SHA-256 instead of the token", `Bearer ${sha256(ALICE.token)}`],
    ["Basic credentials", `Basic ${Buffer.from(`alice:${ALICE.token}`).toString("base64")}`],
    ["the token without a scheme", ALICE.token],
    ["another scheme", `Token ${ALICE.token}`],
    ["Bearer alone", "Bearer"],
    ["Bearer and blanks", "Bearer   "],
    ["two tokens", `Bearer ${ALICE.token} ${BOB.token}`],
    ["an empty header", ""],
  ];

  it.each(BAD_AUTHORIZATION)("answers 401 with WWW-Authenticate on every route: %s", async (_name, authorization) => {
    const before = await dumpOwner(server, ALICE.token);
    const routes: [string, Call][] = [...PLAIN_ROUTES, ...ID_ROUTES.map(([name, route]): [string, Call] => [name, route(alice.set, alice.member, project)])];
    for (const [name, route] of routes) {
      const response = await call(route, undefined, authorization === undefined ? {} : { authorization });
      expectProblem(response, 401, "unauthenticated");
      expect(response.headers["www-authenticate"], name).toMatch(/^Bearer\b/);
    }
    expect(await dumpOwner(server, ALICE.token)).toEqual(before);
    expect(projectFiles()).toEqual([]);
  });

  it("accepts the Bearer scheme in any case (RFC 9110 auth schemes are case-insensitive)", async () => {
    for (const scheme of ["bearer", "BEARER", "Bearer"]) {
      const response = await call({ method: "GET", url: API }, undefined, { authorization: `${scheme} ${ALICE.token}` });
      expect(response.statusCode, scheme).toBe(200);
    }
  });

  it("gives a read-only token 403 forbidden on every route that is not a GET, and changes nothing", async () => {
    const before = await dumpOwner(server, ALICE.token);
    const writes = [...PLAIN_ROUTES, ...ID_ROUTES.map(([name, route]): [string, Call] => [name, route(alice.set, alice.member, project)])].filter(
      ([, route]) => route.method !== "GET",
    );
    expect(writes.map(([name]) => name)).toEqual([
      "POST create",
      "PUT set",
      "PATCH set",
      "DELETE set",
      "POST clone",
      "POST members",
      "DELETE member",
      "PUT member",
      "PATCH member",
      "POST deploy (dry run)",
      "POST deploy",
      "POST undeploy (dry run)",
      "POST undeploy",
    ]);
    for (const [name, route] of writes) {
      const response = await call(route, ALICE_RO.token);
      expectProblem(response, 403, "forbidden");
      expect(response.headers["www-authenticate"], name).toBeUndefined();
      // On a set that does not exist too: the scope check comes before the lookup.
      expectProblem(await call({ ...route, url: route.url.replace(alice.set, hex()) }, ALICE_RO.token), 403, "forbidden");
    }
    expect(await dumpOwner(server, ALICE.token)).toEqual(before);
    expect(projectFiles()).toEqual([]);
  });

  it("gives a read-only token 200 on every read", async () => {
    const reads = [...PLAIN_ROUTES, ...ID_ROUTES.map(([name, route]): [string, Call] => [name, route(alice.set, alice.member, project)])].filter(
      ([, route]) => route.method === "GET",
    );
    expect(reads).toHaveLength(7);
    for (const [name, route] of reads) {
      const response = await call(route, ALICE_RO.token);
      expect(response.statusCode, `${name}: ${response.body}`).toBe(200);
      expect(response.headers["content-type"]).toMatch(/^application\/json/);
    }
  });

  it("gives a token without the read scope 403 forbidden on every read, as the document's security says", async () => {
    const reads = [...PLAIN_ROUTES, ...ID_ROUTES.map(([name, route]): [string, Call] => [name, route(alice.set, alice.member, project)])].filter(
      ([, route]) => route.method === "GET",
    );
    for (const [name, route] of reads) {
      const response = await call(route, ALICE_WO.token);
      expectProblem(response, 403, "forbidden");
      expect(response.json().detail, name).toBe("This token has no read scope");
    }
  });

  it("answers CORS preflights without a token", async () => {
    const routes = [...PLAIN_ROUTES, ...ID_ROUTES.map(([name, route]): [string, Call] => [name, route(alice.set, alice.member, project)])];
    for (const [name, route] of routes) {
      const response = await server.app.inject({
        method: "OPTIONS",
        url: route.url,
        headers: {
          origin: "http://localhost:5173",
          "access-control-request-method": route.method,
          "access-control-request-headers": "authorization,content-type",
        },
      });
      expect(response.statusCode, name).toBe(204);
      expect(response.headers["access-control-allow-origin"]).toBe("http://localhost:5173");
      expect(String(response.headers["access-control-allow-methods"]).split(/, */), name).toContain(route.method);
      expect(String(response.headers["access-control-allow-headers"]).toLowerCase(), name).toContain("authorization");
      expect(response.headers["www-authenticate"]).toBeUndefined();
    }
  });

  it("answers an unknown route 404 route_not_found before asking for a token or a scope", async () => {
    const unknown: Call[] = [
      { method: "GET", url: "/api/v1/nope" },
      { method: "GET", url: "/api/v1/" },
      { method: "POST", url: "/api/v1/groups", body: { name: "x" } },
      { method: "DELETE", url: API },
      { method: "PUT", url: `${API}/${alice.set}/resolve`, body: {} },
      { method: "GET", url: `${API}/${alice.set}/members/${alice.member}/extra` },
      { method: "GET", url: "/api/v2/deployment-sets" },
    ];
    for (const route of unknown) {
      for (const token of [undefined, "wrong", ALICE_RO.token]) {
        const response = await call(route, token);
        expectProblem(response, 404, "route_not_found");
        expect(response.headers["www-authenticate"]).toBeUndefined();
      }
    }
  });

  it("authenticates a request whose target is in absolute form (RFC 9112 §3.2.2)", async () => {
    const address = await server.app.listen({ host: "127.0.0.1", port: 0 });
    const { port } = new URL(address);
    const raw = (head: string, body = "") =>
      new Promise<string>((resolve, reject) => {
        // Write without half-closing: a client FIN can abort a response still waiting on the database.
        const socket = net.connect(Number(port), "127.0.0.1", () => socket.write(`${head}\r\nConnection: close\r\n\r\n${body}`));
        let out = "";
        socket.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
        socket.on("error", reject).on("close", () => resolve(out));
      });
    const target = `http://127.0.0.1:${port}${API}`;
    const list = await raw(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}`);
    expect(list.split("\r\n")[0]).toBe("HTTP/1.1 401 Unauthorized");
    const body = JSON.stringify({ name: "No token" });
    const create = await raw(
      `POST ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}`,
      body,
    );
    expect(create.split("\r\n")[0]).toBe("HTTP/1.1 401 Unauthorized");
    // With a token, the same form reaches the owner's sets.
    const own = await raw(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${BOB.token}`);
    expect(own.split("\r\n")[0]).toBe("HTTP/1.1 200 OK");
    expect(own).toContain(bob.set);
  });
});

describe.each(ADAPTERS)("the tokens file is re-read when it changes (%s)", { timeout: 30_000 }, (adapter) => {
  let server: TestServer;
  const file = () => join(server.dir, "tokens.json");
  const writeTokens = (tokens: readonly TestToken[]) =>
    writeFileSync(file(), JSON.stringify({ tokens: tokens.map((t) => ({ sha256: sha256(t.token), owner: t.owner, scopes: t.scopes })) }));
  const status = async (token: string) => (await server.request("GET", API, undefined, token)).statusCode;
  const settle = () => new Promise((resolve) => setTimeout(resolve, 1100));

  beforeAll(async () => {
    server = await startTestServer({ adapter, tokens: [ALICE, BOB] });
  });
  afterAll(() => server.close());

  it("picks up an added token and drops a removed one", async () => {
    expect(await status(CAROL.token)).toBe(401);
    writeTokens([ALICE, CAROL]);
    await settle();
    expect(await status(CAROL.token)).toBe(200);
    expect(await status(ALICE.token)).toBe(200);
    expect(await status(BOB.token)).toBe(401);
    expect((await server.app.inject({ method: "GET", url: "/readyz" })).statusCode).toBe(200);
  });

  it("keeps the last good tokens when the file stops parsing, and /readyz answers 503 with the reason", async () => {
    writeTokens([ALICE, CAROL]);
    await settle();
    expect(await status(CAROL.token)).toBe(200);
    for (const broken of ['{"tokens": [', JSON.stringify({ tokens: [{ sha256: "ABC", owner: "bob", scopes: ["admin"] }] })]) {
      writeFileSync(file(), broken);
      await settle();
      const ready = await server.app.inject({ method: "GET", url: "/readyz" });
      expect(ready.statusCode, broken).toBe(503);
      expect(ready.json()).toMatchObject({ status: expect.any(String), reason: expect.stringMatching(/token/i) });
      expect(await status(CAROL.token)).toBe(200);
      expect(await status(ALICE.token)).toBe(200);
      expect(await status(BOB.token)).toBe(401);
    }
    writeTokens([ALICE, BOB]);
    await settle();
    expect((await server.app.inject({ method: "GET", url: "/readyz" })).statusCode).toBe(200);
    expect(await status(BOB.token)).toBe(200);
    expect(await status(CAROL.token)).toBe(401);
  });
});

describe("tokens never reach the logs", { timeout: 30_000 }, () => {
  it("logs requests with valid, invalid and read-only tokens, and a broken tokens file, without any token", async () => {
    assertBuilt();
    const dir = mkdtempSync(join(tmpdir(), "ds-token-logs-"));
    const tokensFile = join(dir, "tokens.json");
    const tokens = [ALICE, ALICE_RO];
    writeFileSync(tokensFile, JSON.stringify({ tokens: tokens.map((t) => ({ sha256: sha256(t.token), owner: t.owner, scopes: t.scopes })) }));
    const main = await startMain({
      DATABASE_URL: join(dir, "db.sqlite"),
      DS_AUTH: "token",
      DS_TOKENS_FILE: tokensFile,
      DS_LOG_LEVEL: "trace",
      DS_PROJECT_ROOTS: dir,
    });
    try {
      const send = (path: string, init: RequestInit & { token?: string } = {}) =>
        fetch(`${main.url}${path}`, {
          ...init,
          headers: { ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), "content-type": "application/json" },
        });
      const created = (await (await send(API, { method: "POST", body: JSON.stringify({ name: "Logged" }), token: ALICE.token })).json()) as { id: string };
      expect((await send(`${API}/${created.id}`, { token: ALICE.token })).status).toBe(200);
      expect((await send(API, { token: BOB.token })).status).toBe(401);
      expect((await send(API, { token: `${ALICE.token}x` })).status).toBe(401);
      expect((await send(API, { method: "POST", body: "{}", token: ALICE_RO.token })).status).toBe(403);
      expect((await send(`${API}/${created.id}/deploy`, { method: "POST", body: "{", token: ALICE.token })).status).toBe(400);
      expect((await send("/api/v1/nope", { token: ALICE.token })).status).toBe(404);
      writeFileSync(tokensFile, "{ not json");
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect((await send(API, { token: ALICE.token })).status).toBe(200);
      expect((await send("/readyz")).status).toBe(503);
    } finally {
      expect((await main.stop()).code).toBe(0);
      rmSync(dir, { recursive: true, force: true });
    }
    const logs = main.stdout() + main.stderr();
    expect(logs).toMatch(/"reqId"/); // the request lines were really captured
    for (const token of [ALICE.token, ALICE_RO.token, BOB.token]) expect(logs).not.toContain(token.slice(4));
    expect(logs.toLowerCase()).not.toContain("bearer");
  });
});
