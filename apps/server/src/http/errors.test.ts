import { randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dumpOwner } from "../../test/dump.js";
import { expectProblem } from "../../test/expect-problem.js";
import { ADAPTERS, startTestServer, type TestServer, type TestToken } from "../../test/harness.js";
import { startFaultyServer, type FaultyServer } from "../../test/store-faults.js";

const ALICE: TestToken = { token: "alice-rw-0c4f2b9e1d", owner: "alice", scopes: ["read", "write"] };
const ALICE_RO: TestToken = { token: "alice-ro-a87d3e5f20", owner: "alice", scopes: ["read"] };
const DEEP: TestToken = { token: "deep-rw-6b1c9a04e8", owner: "deep", scopes: ["read", "write"] };

const API = "/api/v1/deployment-sets";
const MiB = 1024 * 1024;
const hex = () => randomUUID().replaceAll("-", "");

/** A JSON object body of exactly `size` bytes (a long description). */
function bodyOfSize(size: number, name = "Big"): string {
  const empty = JSON.stringify({ name, description: "" });
  return JSON.stringify({ name, description: "d".repeat(size - empty.length) });
}

/** What the tables below can send. */
interface Send {
  readonly method: NonNullable<InjectOptions["method"]>;
  readonly url: string;
  /** A JSON body (serialised, `application/json`). */
  readonly body?: unknown;
  /** A raw body, sent as is with `contentType` (default `application/json`). */
  readonly payload?: string;
  readonly contentType?: string;
  /** The bearer token; default alice's read-write one; `null` sends none. */
  readonly token?: string | null;
  /** The server: the main one (deploys allowed inside its folder) or the one without project roots. */
  readonly on?: "main" | "disabled";
  /** Whose sets the request could change (dumped before and after); default alice. */
  readonly owner?: "alice" | "deep";
}

interface Fixture {
  /** Alice's sets: `a` holds an artifact, a group and `b`; `b` holds an artifact. */
  a: string;
  b: string;
  aMember: string;
  bMember: string;
  /** Alice's set on the server without project roots. */
  d: string;
  /** The root of a 21-deep chain of nested sets (owner "deep"). */
  deep: string;
  artifact: string;
  otherArtifact: string;
  group: string;
  /** Inside the allowed root: a project folder, a file, a symlink to `outside`. */
  project: string;
  file: string;
  link: string;
  /** A folder outside the allowed roots. */
  outside: string;
}

type Row = readonly [name: string, send: (f: Fixture) => Send, status: number, code: string];

/** Every documented error (status and code) a request can produce, each as a request that must change nothing. */
const REJECTED: readonly Row[] = [
  ["unknown route", (f) => ({ method: "POST", url: `${API}/${f.a}/nope`, body: {} }), 404, "route_not_found"],
  ["unknown method on a known path", (f) => ({ method: "POST", url: `${API}/${f.a}`, body: { name: "x" } }), 404, "route_not_found"],
  ["no token", () => ({ method: "POST", url: API, body: { name: "Anonymous" }, token: null }), 401, "unauthenticated"],
  ["wrong token", (f) => ({ method: "DELETE", url: `${API}/${f.a}`, token: "not-a-token" }), 401, "unauthenticated"],
  ["read-only token deletes", (f) => ({ method: "DELETE", url: `${API}/${f.a}`, token: ALICE_RO.token }), 403, "forbidden"],
  ["read-only token deploys", (f) => ({ method: "POST", url: `${API}/${f.a}/deploy`, body: { project_path: f.project }, token: ALICE_RO.token }), 403, "forbidden"],
  ["read-only token adds", (f) => ({ method: "POST", url: `${API}/${f.b}/members`, body: { artifact_uuid: f.otherArtifact }, token: ALICE_RO.token }), 403, "forbidden"],
  ["text/plain body", () => ({ method: "POST", url: API, payload: "name=Plain", contentType: "text/plain" }), 415, "unsupported_media_type"],
  ["form body", (f) => ({ method: "PUT", url: `${API}/${f.a}`, payload: "name=Form", contentType: "application/x-www-form-urlencoded" }), 415, "unsupported_media_type"],
  ["body without a content type", (f) => ({ method: "PATCH", url: `${API}/${f.a}`, payload: '{"name":"Untyped"}', contentType: "" }), 415, "unsupported_media_type"],
  ["body over 1 MiB", () => ({ method: "POST", url: API, payload: bodyOfSize(MiB + 1) }), 413, "payload_too_large"],
  ["member body over 1 MiB", (f) => ({ method: "POST", url: `${API}/${f.a}/members`, payload: bodyOfSize(2 * MiB) }), 413, "payload_too_large"],
  ["truncated JSON", (f) => ({ method: "PATCH", url: `${API}/${f.a}`, payload: '{"name": "Changed"' }), 400, "malformed_json"],
  ["JSON with trailing garbage", (f) => ({ method: "POST", url: `${API}/${f.a}/clone`, payload: '{"name": "Clone"} x' }), 400, "malformed_json"],
  ["single-quoted JSON", (f) => ({ method: "POST", url: `${API}/${f.b}/members`, payload: `{'artifact_uuid': '${f.otherArtifact}'}` }), 400, "malformed_json"],
  ["empty name", () => ({ method: "POST", url: API, body: { name: " " } }), 422, "validation_failed"],
  ["good name with a bad color", (f) => ({ method: "PUT", url: `${API}/${f.a}`, body: { name: "Changed", color: "Not a color" } }), 422, "validation_failed"],
  ["name null", (f) => ({ method: "PATCH", url: `${API}/${f.a}`, body: { name: null, tags: [] } }), 422, "validation_failed"],
  ["owner_id in a body", () => ({ method: "POST", url: API, body: { name: "Spoof", owner_id: "bob" } }), 422, "validation_failed"],
  ["two references", (f) => ({ method: "POST", url: `${API}/${f.b}/members`, body: { artifact_uuid: f.otherArtifact, group_id: f.group } }), 422, "validation_failed"],
  ["no reference", (f) => ({ method: "POST", url: `${API}/${f.b}/members`, body: { position: 0 } }), 422, "validation_failed"],
  ["a workflow", (f) => ({ method: "POST", url: `${API}/${f.b}/members`, body: { artifact_uuid: f.otherArtifact, workflow_id: "w1" } }), 422, "validation_failed"],
  ["negative position on move", (f) => ({ method: "PUT", url: `${API}/${f.a}/members/${f.aMember}`, body: { position: -1 } }), 422, "validation_failed"],
  ["bad clone name", (f) => ({ method: "POST", url: `${API}/${f.a}/clone`, body: { name: "" } }), 422, "validation_failed"],
  ["unknown profile", (f) => ({ method: "POST", url: `${API}/${f.a}/deploy`, body: { project_path: f.project, profile: "vim" } }), 422, "validation_failed"],
  ["unknown field in a deploy", (f) => ({ method: "POST", url: `${API}/${f.a}/deploy`, body: { project_path: f.project, overwrite: true } }), 422, "validation_failed"],
  ["update of a missing set", () => ({ method: "PUT", url: `${API}/${hex()}`, body: { name: "Ghost" } }), 404, "set_not_found"],
  ["delete of a missing set", () => ({ method: "DELETE", url: `${API}/${hex()}` }), 404, "set_not_found"],
  ["delete of a malformed id", () => ({ method: "DELETE", url: `${API}/not-an-id` }), 404, "set_not_found"],
  ["clone of a missing set", () => ({ method: "POST", url: `${API}/${hex()}/clone` }), 404, "set_not_found"],
  ["add to a missing set", (f) => ({ method: "POST", url: `${API}/${hex()}/members`, body: { artifact_uuid: f.artifact } }), 404, "set_not_found"],
  ["deploy of a missing set", (f) => ({ method: "POST", url: `${API}/${hex()}/deploy`, body: { project_path: f.project } }), 404, "set_not_found"],
  ["remove a missing member", (f) => ({ method: "DELETE", url: `${API}/${f.a}/members/${hex()}` }), 404, "member_not_found"],
  ["move a missing member", (f) => ({ method: "PATCH", url: `${API}/${f.a}/members/${hex()}`, body: { position: 0 } }), 404, "member_not_found"],
  ["remove a member under the wrong set", (f) => ({ method: "DELETE", url: `${API}/${f.b}/members/${f.aMember}` }), 404, "member_not_found"],
  ["deploy without project roots", (f) => ({ method: "POST", url: `${API}/${f.d}/deploy`, body: { project_path: f.project }, on: "disabled" }), 403, "deploy_disabled"],
  ["relative project path", (f) => ({ method: "POST", url: `${API}/${f.a}/deploy`, body: { project_path: "project" } }), 422, "project_path_invalid"],
  ["missing project folder", (f) => ({ method: "POST", url: `${API}/${f.a}/deploy`, body: { project_path: join(f.project, "missing") } }), 422, "project_path_invalid"],
  ["project path is a file", (f) => ({ method: "POST", url: `${API}/${f.a}/deploy`, body: { project_path: f.file } }), 422, "project_path_invalid"],
  ["project outside the roots", (f) => ({ method: "POST", url: `${API}/${f.a}/deploy`, body: { project_path: f.outside } }), 403, "project_path_forbidden"],
  ["dry run outside the roots", (f) => ({ method: "POST", url: `${API}/${f.a}/deploy`, body: { project_path: f.outside, dry_run: true } }), 403, "project_path_forbidden"],
  ["symlink inside a root to a folder outside", (f) => ({ method: "POST", url: `${API}/${f.a}/deploy`, body: { project_path: f.link } }), 403, "project_path_forbidden"],
  ["unknown artifact", (f) => ({ method: "POST", url: `${API}/${f.b}/members`, body: { artifact_uuid: hex() } }), 422, "unknown_reference"],
  ["unknown group", (f) => ({ method: "POST", url: `${API}/${f.b}/members`, body: { group_id: hex() } }), 422, "unknown_reference"],
  ["unknown nested set", (f) => ({ method: "POST", url: `${API}/${f.b}/members`, body: { nested_set_id: hex(), position: 0 } }), 422, "unknown_reference"],
  ["duplicate artifact", (f) => ({ method: "POST", url: `${API}/${f.a}/members`, body: { artifact_uuid: f.artifact, position: 0 } }), 409, "duplicate_member"],
  ["duplicate nested set", (f) => ({ method: "POST", url: `${API}/${f.a}/members`, body: { nested_set_id: f.b } }), 409, "duplicate_member"],
  ["set containing itself", (f) => ({ method: "POST", url: `${API}/${f.a}/members`, body: { nested_set_id: f.a } }), 422, "cycle_detected"],
  ["cycle through a child", (f) => ({ method: "POST", url: `${API}/${f.b}/members`, body: { nested_set_id: f.a, position: 0 } }), 422, "cycle_detected"],
  ["deploy over the depth limit", (f) => ({ method: "POST", url: `${API}/${f.deep}/deploy`, body: { project_path: f.project }, token: DEEP.token, owner: "deep" }), 422, "depth_limit_exceeded"],
  ["dry run over the depth limit", (f) => ({ method: "POST", url: `${API}/${f.deep}/deploy`, body: { project_path: f.project, dry_run: true }, token: DEEP.token, owner: "deep" }), 422, "depth_limit_exceeded"],
  // too_many_members needs 10,000 direct members: covered by core and the store conformance suite, not here.
];

/** Requests where several errors apply: the first in the documented error precedence wins. */
const PRECEDENCE: readonly Row[] = [
  ["route 404 over 401", () => ({ method: "GET", url: "/api/v1/nope", token: null }), 404, "route_not_found"],
  ["route 404 over 403", () => ({ method: "DELETE", url: "/api/v1/artifacts", token: ALICE_RO.token }), 404, "route_not_found"],
  ["route 404 over 415", () => ({ method: "POST", url: "/api/v1/groups", payload: "x", contentType: "text/plain" }), 404, "route_not_found"],
  ["401 over 415", () => ({ method: "POST", url: API, payload: "name=x", contentType: "text/plain", token: null }), 401, "unauthenticated"],
  ["401 over 413", () => ({ method: "POST", url: API, payload: bodyOfSize(MiB + 10), token: "wrong" }), 401, "unauthenticated"],
  ["401 over 400", (f) => ({ method: "PUT", url: `${API}/${f.a}`, payload: "{", token: null }), 401, "unauthenticated"],
  ["401 over 422", () => ({ method: "POST", url: API, body: { name: "" }, token: null }), 401, "unauthenticated"],
  ["401 over 404 set", () => ({ method: "GET", url: `${API}/${hex()}`, token: null }), 401, "unauthenticated"],
  ["403 scope over 415", () => ({ method: "POST", url: API, payload: "name=x", contentType: "text/plain", token: ALICE_RO.token }), 403, "forbidden"],
  ["403 scope over 413", () => ({ method: "POST", url: API, payload: bodyOfSize(MiB + 10), token: ALICE_RO.token }), 403, "forbidden"],
  ["403 scope over 400", (f) => ({ method: "PATCH", url: `${API}/${f.a}`, payload: "{", token: ALICE_RO.token }), 403, "forbidden"],
  ["403 scope over 422", () => ({ method: "POST", url: API, body: { name: "" }, token: ALICE_RO.token }), 403, "forbidden"],
  ["403 scope over 404 set", () => ({ method: "DELETE", url: `${API}/${hex()}`, token: ALICE_RO.token }), 403, "forbidden"],
  ["403 scope over deploy_disabled", (f) => ({ method: "POST", url: `${API}/${f.d}/deploy`, body: { project_path: f.project }, token: ALICE_RO.token, on: "disabled" }), 403, "forbidden"],
  ["415 over 413", () => ({ method: "POST", url: API, payload: "x".repeat(MiB + 10), contentType: "text/plain" }), 415, "unsupported_media_type"],
  ["415 over 404 set", () => ({ method: "POST", url: `${API}/${hex()}/members`, payload: "x", contentType: "text/plain" }), 415, "unsupported_media_type"],
  ["413 over 400", () => ({ method: "POST", url: API, payload: `{${"x".repeat(MiB + 10)}` }), 413, "payload_too_large"],
  ["413 over 404 set", () => ({ method: "PUT", url: `${API}/${hex()}`, payload: bodyOfSize(MiB + 10) }), 413, "payload_too_large"],
  ["400 over 404 set", () => ({ method: "PATCH", url: `${API}/${hex()}`, payload: "{" }), 400, "malformed_json"],
  ["400 over 404 member", (f) => ({ method: "PUT", url: `${API}/${f.a}/members/${hex()}`, payload: "{position: 1}" }), 400, "malformed_json"],
  ["422 shape over 404 set", () => ({ method: "PUT", url: `${API}/${hex()}`, body: { name: "" } }), 422, "validation_failed"],
  ["422 shape over 404 set on add", () => ({ method: "POST", url: `${API}/${hex()}/members`, body: {} }), 422, "validation_failed"],
  ["422 shape over 404 member", (f) => ({ method: "PATCH", url: `${API}/${f.a}/members/${hex()}`, body: { position: -1 } }), 422, "validation_failed"],
  ["422 shape over 404 set on deploy", () => ({ method: "POST", url: `${API}/${hex()}/deploy`, body: { project_path: "relative", profile: "vim" } }), 422, "validation_failed"],
  ["422 shape over deploy_disabled", (f) => ({ method: "POST", url: `${API}/${f.d}/deploy`, body: { project_path: f.project, force: "yes" }, on: "disabled" }), 422, "validation_failed"],
  ["422 shape over unknown_reference", () => ({ method: "POST", url: `${API}/${hex()}/members`, body: { artifact_uuid: hex(), position: -1 } }), 422, "validation_failed"],
  ["404 set over 404 member", () => ({ method: "DELETE", url: `${API}/${hex()}/members/${hex()}` }), 404, "set_not_found"],
  ["404 set over 404 member on move", () => ({ method: "PUT", url: `${API}/${hex()}/members/${hex()}`, body: { position: 0 } }), 404, "set_not_found"],
  ["404 set over deploy_disabled", (f) => ({ method: "POST", url: `${API}/${hex()}/deploy`, body: { project_path: f.project }, on: "disabled" }), 404, "set_not_found"],
  ["404 set over project_path_invalid", () => ({ method: "POST", url: `${API}/${hex()}/deploy`, body: { project_path: "relative" } }), 404, "set_not_found"],
  ["404 set over project_path_forbidden", (f) => ({ method: "POST", url: `${API}/${hex()}/deploy`, body: { project_path: f.outside } }), 404, "set_not_found"],
  ["404 set over unknown_reference", () => ({ method: "POST", url: `${API}/${hex()}/members`, body: { artifact_uuid: hex() } }), 404, "set_not_found"],
  ["404 set over cycle", () => ({ method: "POST", url: `${API}/${"0".repeat(32)}/members`, body: { nested_set_id: "0".repeat(32) } }), 404, "set_not_found"],
  ["deploy_disabled over project_path_invalid", (f) => ({ method: "POST", url: `${API}/${f.d}/deploy`, body: { project_path: "relative" }, on: "disabled" }), 403, "deploy_disabled"],
  ["deploy_disabled over project_path_forbidden", (f) => ({ method: "POST", url: `${API}/${f.d}/deploy`, body: { project_path: f.outside }, on: "disabled" }), 403, "deploy_disabled"],
  // Outside the roots is decided on the path as written, before existence, so nothing outside can be probed.
  ["project_path_forbidden over project_path_invalid (missing, outside)", (f) => ({ method: "POST", url: `${API}/${f.a}/deploy`, body: { project_path: `/nonexistent-${hex()}` } }), 403, "project_path_forbidden"],
  ["project_path_forbidden over project_path_invalid (a file outside)", (f) => ({ method: "POST", url: `${API}/${f.a}/deploy`, body: { project_path: join(f.outside, "..", "ds-outside-file") } }), 403, "project_path_forbidden"],
  ["project_path_invalid inside the roots (missing)", (f) => ({ method: "POST", url: `${API}/${f.a}/deploy`, body: { project_path: join(f.project, `missing-${hex()}`) } }), 422, "project_path_invalid"],
  ["project_path_invalid over depth_limit_exceeded", (f) => ({ method: "POST", url: `${API}/${f.deep}/deploy`, body: { project_path: "relative" }, token: DEEP.token, owner: "deep" }), 422, "project_path_invalid"],
  ["project_path_forbidden over depth_limit_exceeded", (f) => ({ method: "POST", url: `${API}/${f.deep}/deploy`, body: { project_path: f.outside }, token: DEEP.token, owner: "deep" }), 403, "project_path_forbidden"],
];

describe.each(ADAPTERS)("errors over HTTP (%s)", (adapter) => {
  let server: TestServer;
  let disabled: TestServer;
  let outsideRoot: string;
  const f = {} as Fixture;

  const send = (s: Send) => {
    const target = s.on === "disabled" ? disabled : server;
    const token = s.token === undefined ? ALICE.token : s.token;
    const headers: Record<string, string> = token === null ? {} : { authorization: `Bearer ${token}` };
    let payload: string | undefined;
    if (s.payload !== undefined || s.body !== undefined) {
      payload = s.payload ?? JSON.stringify(s.body);
      if (s.contentType !== "") headers["content-type"] = s.contentType ?? "application/json";
    }
    return target.app.inject({ method: s.method, url: s.url, ...(payload === undefined ? {} : { payload }), headers });
  };
  const ok = async (s: Send, status = 201) => {
    const response = await send(s);
    expect(response.statusCode, response.body).toBe(status);
    return response.json();
  };
  const snapshot = async (s: Send) => ({
    data: await dumpOwner(s.on === "disabled" ? disabled : server, s.owner === "deep" ? DEEP.token : ALICE.token),
    files: readdirSync(server.dir, { recursive: true }).map(String).sort(),
    outside: readdirSync(outsideRoot, { recursive: true }).map(String).sort(),
  });

  beforeAll(async () => {
    server = await startTestServer({ adapter, tokens: [ALICE, ALICE_RO, DEEP] });
    disabled = await startTestServer({ adapter, tokens: [ALICE, ALICE_RO], projectRoots: [] });
    outsideRoot = mkdtempSync(join(tmpdir(), "ds-errors-outside-"));
    f.outside = join(outsideRoot, "target");
    mkdirSync(f.outside);
    writeFileSync(join(outsideRoot, "ds-outside-file"), "not a folder");
    f.project = join(server.dir, "project");
    mkdirSync(f.project);
    f.file = join(server.dir, "file.txt");
    writeFileSync(f.file, "not a folder");
    f.link = join(server.dir, "link");
    symlinkSync(f.outside, f.link);

    const artifacts = (await ok({ method: "GET", url: "/api/v1/artifacts?limit=200" }, 200)).items as { uuid: string }[];
    f.artifact = artifacts[0]!.uuid;
    f.otherArtifact = artifacts[1]!.uuid;
    f.group = ((await ok({ method: "GET", url: "/api/v1/groups" }, 200)).items as { id: string }[])[0]!.id;
    f.b = (await ok({ method: "POST", url: API, body: { name: "Beta", tags: ["b"] } })).id;
    f.bMember = (await ok({ method: "POST", url: `${API}/${f.b}/members`, body: { artifact_uuid: f.otherArtifact } })).id;
    f.a = (await ok({ method: "POST", url: API, body: { name: "Alpha", description: "first", color: "#abc", tags: ["a"] } })).id;
    f.aMember = (await ok({ method: "POST", url: `${API}/${f.a}/members`, body: { artifact_uuid: f.artifact } })).id;
    await ok({ method: "POST", url: `${API}/${f.a}/members`, body: { group_id: f.group } });
    await ok({ method: "POST", url: `${API}/${f.a}/members`, body: { nested_set_id: f.b } });
    f.d = (await ok({ method: "POST", url: API, body: { name: "Disabled" }, on: "disabled" })).id;
    await ok({ method: "POST", url: `${API}/${f.d}/members`, body: { artifact_uuid: f.artifact }, on: "disabled" });

    // deep-1 -> deep-2 -> ... -> deep-21 (one artifact at the bottom): 21 sets on the longest chain.
    let below = (await ok({ method: "POST", url: API, body: { name: "deep-21" }, token: DEEP.token })).id as string;
    await ok({ method: "POST", url: `${API}/${below}/members`, body: { artifact_uuid: f.artifact }, token: DEEP.token });
    for (let level = 20; level >= 1; level--) {
      const id = (await ok({ method: "POST", url: API, body: { name: `deep-${level}` }, token: DEEP.token })).id as string;
      await ok({ method: "POST", url: `${API}/${id}/members`, body: { nested_set_id: below }, token: DEEP.token });
      below = id;
    }
    f.deep = below;
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await disabled?.close();
    rmSync(outsideRoot, { recursive: true, force: true });
  });

  const expectRejected = async ([name, make, status, code]: Row) => {
    const request = make(f);
    const before = await snapshot(request);
    const problem = expectProblem(await send(request), status, code);
    expect(await snapshot(request), `${name} changed something`).toEqual(before);
    return problem;
  };

  it.each(REJECTED)("rejects %s and changes nothing", async (...row) => {
    await expectRejected(row);
  });

  it.each(PRECEDENCE)("applies the precedence order: %s", async (...row) => {
    await expectRejected(row);
  });

  it("covers every error code a request can produce (except too_many_members)", () => {
    const codes = new Set([...REJECTED, ...PRECEDENCE].map(([, , , code]) => code));
    expect([...codes].sort()).toEqual(
      [
        "malformed_json",
        "unauthenticated",
        "forbidden",
        "project_path_forbidden",
        "deploy_disabled",
        "set_not_found",
        "member_not_found",
        "route_not_found",
        "duplicate_member",
        "payload_too_large",
        "unsupported_media_type",
        "validation_failed",
        "unknown_reference",
        "cycle_detected",
        "depth_limit_exceeded",
        "project_path_invalid",
      ].sort(),
    );
  });

  it("carries each code's data at the top level", async () => {
    const problem = async (s: Send) => (await send(s)).json();
    const validation = await problem({ method: "POST", url: API, body: { name: "", tags: ["ok", ""] } });
    expect(validation.errors).toEqual(
      expect.arrayContaining([
        { path: "body.name", message: expect.any(String) },
        { path: "body.tags.1", message: expect.any(String) },
      ]),
    );
    const missing = hex();
    expect(await problem({ method: "GET", url: `${API}/${missing}` })).toMatchObject({ set_id: missing });
    expect(await problem({ method: "DELETE", url: `${API}/${f.a}/members/${missing}` })).toMatchObject({ member_id: missing });
    expect(await problem({ method: "POST", url: `${API}/${f.b}/members`, body: { group_id: missing } })).toMatchObject({ kind: "group", id: missing });
    expect(await problem({ method: "POST", url: `${API}/${f.a}/members`, body: { nested_set_id: f.b } })).toMatchObject({ member_id: expect.any(String) });
    expect(await problem({ method: "POST", url: `${API}/${f.b}/members`, body: { nested_set_id: f.a } })).toMatchObject({
      path: [f.b, f.a, f.b],
      set_names: ["Beta", "Alpha", "Beta"],
    });
    const depth = await problem({ method: "GET", url: `${API}/${f.deep}/resolve`, token: DEEP.token });
    expect(depth).toMatchObject({ code: "depth_limit_exceeded", limit: 20 });
    expect(depth.path).toHaveLength(21);
    expect(depth.path[0]).toBe(f.deep);
    expect(await problem({ method: "POST", url: `${API}/${f.a}/deploy`, body: { project_path: f.outside } })).toMatchObject({
      project_path: f.outside,
    });
  });

  it.each([
    ["text/plain", 415],
    ["application/x-www-form-urlencoded", 415],
    ["multipart/form-data; boundary=x", 415],
    ["application/xml", 415],
    ["application/vnd.api+json", 415],
    ["application/json-patch+json", 415],
    ["application/jsonx", 415],
    ["application/json", 201],
    ["application/json; charset=utf-8", 201],
    ["Application/JSON", 201],
  ] as const)("answers a %s body with %i", async (contentType, status) => {
    const response = await send({ method: "POST", url: API, payload: JSON.stringify({ name: `Typed ${contentType}` }), contentType });
    if (status === 201) expect(response.statusCode, response.body).toBe(201);
    else expectProblem(response, status, "unsupported_media_type");
  });

  it.each(["{", "[1,", "nul", "{'name': 'x'}", '{"name": "x",}', '{"name": "x"}}', "\u0000", '{"name": "\\x"}'])(
    "answers malformed JSON %j with 400 malformed_json",
    async (payload) => {
      expectProblem(await send({ method: "POST", url: API, payload }), 400, "malformed_json");
    },
  );

  it("accepts a body of exactly 1 MiB and rejects one byte more", async () => {
    const exact = await send({ method: "POST", url: API, payload: bodyOfSize(MiB) });
    // Not too large: it reaches validation (the description is over 4,000 characters).
    expectProblem(exact, 422, "validation_failed");
    expectProblem(await send({ method: "POST", url: API, payload: bodyOfSize(MiB + 1) }), 413, "payload_too_large");
  });

  it.each(["/api/v1/nope", "/api/v1", "/api/v1/", `${API}/x/members/y/z`, "/nope", "/api/v2/deployment-sets", "/API/V1/deployment-sets"])(
    "answers GET %s with 404 route_not_found",
    async (url) => {
      const body = expectProblem(await send({ method: "GET", url }), 404, "route_not_found");
      expect(body.detail).toEqual(expect.any(String));
    },
  );

  it.each([
    ["a bad percent-encoding in a set id", `${API}/%E0%A4%A`],
    ["a lone percent sign as a set id", `${API}/%`],
    ["a set id over the router's parameter length", `${API}/${"a".repeat(101)}`],
    ["a bad percent-encoding in a member id", `${API}/${"0".repeat(32)}/members/%zz`],
    ["a bad percent-encoding in an unknown route", "/api/v1/nope%"],
  ])("answers a URL the router cannot decode (%s) with a 404 problem: a malformed id is simply not found", async (_name, url) => {
    for (const method of ["GET", "DELETE"] as const) {
      const response = await send({ method, url });
      expect(response.statusCode, `${method} ${url}: ${response.body.slice(0, 200)}`).toBe(404);
      expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
      expect(["set_not_found", "member_not_found", "route_not_found"]).toContain(response.json().code);
    }
  });

  it("honours a valid x-request-id and replaces an invalid one, on every kind of response", async () => {
    const withId = (url: string, id: string | undefined, token: string | null = ALICE.token) =>
      server.app.inject({
        method: "GET",
        url,
        headers: { ...(id === undefined ? {} : { "x-request-id": id }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      });
    const valid = ["a", "A".repeat(128), "req-1.2_3", "0123456789", "...", "-_-"];
    const invalid = ["", "A".repeat(129), "a b", "a/b", "a:b", "caf\u00e9", "a,b", "<script>", "%41"];
    for (const url of ["/healthz", API, `${API}/${hex()}`, "/api/v1/nope"]) {
      for (const token of [ALICE.token, null]) {
        for (const id of valid) expect((await withId(url, id, token)).headers["x-request-id"], `${url} ${id}`).toBe(id);
        for (const id of invalid) {
          const echoed = (await withId(url, id, token)).headers["x-request-id"];
          expect(echoed, `${url} ${id}`).toMatch(/^[A-Za-z0-9._-]{1,128}$/);
          expect(echoed).not.toBe(id);
        }
      }
    }
    const a = (await withId("/healthz", undefined)).headers["x-request-id"];
    const b = (await withId("/healthz", undefined)).headers["x-request-id"];
    expect(a).toMatch(/^[A-Za-z0-9._-]{1,128}$/);
    expect(a).not.toBe(b);
  });
});

/** Storage outages: what the driver reports decides 500 (a bug or broken schema) or 503 (unreachable). */
const OUTAGE: Record<"sqlite" | "postgres", { readonly readsFail: boolean; readonly writes: number; readonly timeoutMs: number }> = {
  // SQLite: another connection holds the write lock; WAL readers still read, and each write times out after the
  // store's 5 s busy timeout (one write is enough).
  sqlite: { readsFail: false, writes: 1, timeoutMs: 30_000 },
  // PostgreSQL: the connection is cut; everything fails at once.
  postgres: { readsFail: true, writes: 2, timeoutMs: 30_000 },
};

const LEAKS = /sqlite|postgres|relation|no such table|deployment_sets|select |insert |update |SQLSTATE|ECONN|\bat .*\(|\.js:\d|Error:|stack/i;

describe.each(ADAPTERS)("storage failures over HTTP (%s)", (adapter) => {
  let server: FaultyServer;
  let set: string;
  let artifact: string;
  const request = (method: NonNullable<InjectOptions["method"]>, url: string, body?: unknown) => server.request(method, url, body, ALICE.token);

  beforeAll(async () => {
    server = await startFaultyServer(adapter, [ALICE]);
    artifact = (await request("GET", "/api/v1/artifacts")).json().items[0].uuid;
    set = (await request("POST", API, { name: "Survivor" })).json().id;
    expect((await request("POST", `${API}/${set}/members`, { artifact_uuid: artifact })).statusCode).toBe(201);
  });
  afterAll(() => server?.close());

  it("answers 500 internal_error without a stack or driver text when the schema breaks, and changes nothing", async () => {
    const before = await dumpOwner(server, ALICE.token);
    await server.breakSchema();
    try {
      const calls: [NonNullable<InjectOptions["method"]>, string, unknown?][] = [
        ["GET", API],
        ["GET", `${API}/${set}`],
        ["POST", API, { name: "Lost" }],
        ["PUT", `${API}/${set}`, { name: "Renamed" }],
        ["POST", `${API}/${set}/clone`],
        ["GET", `${API}/${set}/resolve`],
        ["DELETE", `${API}/${set}`],
      ];
      for (const [method, url, body] of calls) {
        const response = await request(method, url, body);
        const problem = expectProblem(response, 500, "internal_error");
        expect(Object.keys(problem).sort(), `${method} ${url}`).toEqual(["code", "detail", "status", "title", "type"]);
        expect(response.body, `${method} ${url}`).not.toMatch(LEAKS);
      }
      const ready = await server.app.inject({ method: "GET", url: "/readyz" });
      expect(ready.statusCode).toBe(503);
      expect(ready.body).not.toMatch(LEAKS);
    } finally {
      await server.repairSchema();
    }
    expect(await dumpOwner(server, ALICE.token)).toEqual(before);
    expect((await server.app.inject({ method: "GET", url: "/readyz" })).statusCode).toBe(200);
  });

  it(
    "answers 503 storage_unavailable when the database cannot be reached; nothing changed and a retry works",
    async () => {
      const before = await dumpOwner(server, ALICE.token);
      await server.cutStorage();
      let restored = false;
      try {
        const writes: [NonNullable<InjectOptions["method"]>, string, unknown?][] = [
          ["POST", API, { name: "During the outage" }],
          ["PATCH", `${API}/${set}`, { name: "Renamed during the outage" }],
        ];
        const reads: [NonNullable<InjectOptions["method"]>, string][] = [
          ["GET", API],
          ["GET", `${API}/${set}/resolve`],
        ];
        for (const [method, url, body] of [...writes.slice(0, OUTAGE[adapter].writes), ...(OUTAGE[adapter].readsFail ? reads : [])]) {
          const response = await request(method, url, body);
          const problem = expectProblem(response, 503, "storage_unavailable");
          expect(Object.keys(problem).sort(), `${method} ${url}`).toEqual(["code", "detail", "status", "title", "type"]);
          expect(response.body).not.toMatch(LEAKS);
        }
        if (OUTAGE[adapter].readsFail) {
          const ready = await server.app.inject({ method: "GET", url: "/readyz" });
          expect(ready.statusCode).toBe(503);
          expect(ready.json().reason).toMatch(/storage/i);
        }
        await server.restoreStorage();
        restored = true;
        expect(await dumpOwner(server, ALICE.token)).toEqual(before);
        const retry = await request("POST", API, { name: "During the outage" });
        expect(retry.statusCode, retry.body).toBe(201);
        expect((await server.app.inject({ method: "GET", url: "/readyz" })).statusCode).toBe(200);
      } finally {
        if (!restored) await server.restoreStorage();
      }
    },
    OUTAGE[adapter].timeoutMs,
  );
});
