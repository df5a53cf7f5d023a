import { randomBytes } from "node:crypto";
import { mkdtempSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { dumpOwner } from "../test/dump.js";
import { ADAPTERS, sha256, type TestToken } from "../test/harness.js";
import { assertBuilt } from "../test/spawn-server.js";
import { reportReliability } from "./report.js";
import { Caller } from "./traffic/caller.js";
import { Checks } from "./traffic/checks.js";
import type { Answer } from "./traffic/loopback-client.js";
import { LoopbackClient } from "./traffic/loopback-client.js";
import { callFor, loadOperations, requestFieldsNamed, type Call } from "./traffic/openapi-operations.js";
import { badPaths, makeLayout, type PathLayout } from "./traffic/path-cases.js";
import { startTokenServer, type TokenServer } from "./traffic/token-server.js";
import { snapshotTree } from "./traffic/tree-snapshot.js";

const secret = (prefix: string) => `${prefix}-${randomBytes(12).toString("hex")}`;
const ALICE: TestToken = { token: secret("alice-rw"), owner: "alice", scopes: ["read", "write"] };
const BOB: TestToken = { token: secret("bob-rw"), owner: "bob", scopes: ["read", "write"] };
const ALICE_RO: TestToken = { token: secret("alice-ro"), owner: "alice", scopes: ["read"] };
/** A well-formed token no owner has: it must not be echoed or logged either. */
const UNKNOWN = secret("nobody");

const { operations, document } = loadOperations(fileURLToPath(new URL("../openapi.json", import.meta.url)));
const SETS = "/api/v1/deployment-sets";
const hex = () => randomBytes(16).toString("hex");

/** The request fields that name a place on disk, as the document has them today. */
const FILESYSTEM_FIELDS = ["deployDeploymentSet:project_path", "getProjectInventory:project_path", "undeployDeploymentSet:project_path"];
/** The request fields that reference a set (besides the path's `set_id`). */
const SET_REFERENCE_FIELDS = ["addMember:nested_set_id"];

const checks = new Checks();
const totals = { requests: 0, s5xx: 0 };

describe.each(ADAPTERS)("security over real HTTP (%s)", (adapter) => {
  let layout: PathLayout;
  let server: TokenServer;
  let http: LoopbackClient;
  let caller: Caller;
  let artifacts: string[] = [];
  const alice = { set: "", child: "", member: "", names: [] as string[] };
  const bob = { set: "", member: "" };

  const ok = async (call: Call, token: string, status: number) => {
    const answer = await caller.send(call, token);
    if (answer.status !== status) throw new Error(`set-up: ${call.method} ${call.url} → ${answer.status}: ${answer.text}`);
    return answer.json<{ id: string; items: { uuid: string }[] }>();
  };
  /** Everything alice has: her sets with their members, where each is deployed, and the files around the root. */
  const aliceState = async () => {
    const dump = await dumpOwner(caller, ALICE.token);
    const deployments = await Promise.all(Object.keys(dump.sets).map(async (id) => (await caller.send({ method: "GET", url: `${SETS}/${id}/deployments` }, ALICE.token)).text));
    return { dump, deployments, files: snapshotTree(layout.dir, ["state"]) };
  };
  /** Field values for generated requests: real ids, a real project, and the most damaging flags. */
  const values = (projectPath = layout.project) => ({
    name: "Taken over",
    description: "taken over",
    tags: ["taken"],
    position: 0,
    project_path: projectPath,
    artifact_uuid: artifacts[5],
    dry_run: false,
    force: true,
    prune: true,
  });

  beforeAll(async () => {
    assertBuilt();
    layout = makeLayout(realpathSync(mkdtempSync(join(tmpdir(), "ds-security-"))));
    server = await startTokenServer(adapter, layout.state, [ALICE, BOB, ALICE_RO], [layout.root]);
    http = new LoopbackClient(server.main.url, 4);
    caller = new Caller(http);
    artifacts = (await ok({ method: "GET", url: "/api/v1/artifacts?limit=200" }, ALICE.token, 200)).items.map((a) => a.uuid);
    alice.names = [`Alice secret ${hex()}`, `Alice child ${hex()}`];
    alice.set = (await ok({ method: "POST", url: SETS, body: { name: alice.names[0], tags: ["shared-tag"] } }, ALICE.token, 201)).id;
    alice.child = (await ok({ method: "POST", url: SETS, body: { name: alice.names[1] } }, ALICE.token, 201)).id;
    alice.member = (await ok({ method: "POST", url: `${SETS}/${alice.set}/members`, body: { artifact_uuid: artifacts[0] } }, ALICE.token, 201)).id;
    await ok({ method: "POST", url: `${SETS}/${alice.set}/members`, body: { nested_set_id: alice.child } }, ALICE.token, 201);
    await ok({ method: "POST", url: `${SETS}/${alice.child}/members`, body: { artifact_uuid: artifacts[1] } }, ALICE.token, 201);
    await ok({ method: "POST", url: `${SETS}/${alice.set}/deploy`, body: { project_path: layout.project } }, ALICE.token, 200);
    bob.set = (await ok({ method: "POST", url: SETS, body: { name: "Bob's", tags: ["shared-tag"] } }, BOB.token, 201)).id;
    bob.member = (await ok({ method: "POST", url: `${SETS}/${bob.set}/members`, body: { artifact_uuid: artifacts[2] } }, BOB.token, 201)).id;
  }, 60_000);

  afterAll(async () => {
    http?.close();
    await server?.stop();
    if (caller) {
      totals.requests += caller.requests;
      totals.s5xx += caller.s5xx;
    }
    if (layout) rmSync(layout.dir, { recursive: true, force: true });
  });

  let mark = 0;
  beforeEach(() => {
    mark = checks.failures.length;
  });
  afterEach(() => {
    expect(checks.failures.slice(mark)).toEqual([]);
  });

  /** An answer with `ids` replaced by placeholders, so a hidden id and a missing id compare equal. */
  const normalized = (answer: Answer, ids: Record<string, string>) => {
    let text = answer.text;
    for (const [placeholder, id] of Object.entries(ids)) text = text.replaceAll(id, placeholder);
    return { status: answer.status, contentType: answer.headers["content-type"], body: text };
  };

  it("keeps every route of the OpenAPI document from one owner's sets, members, resolutions and deployments", async () => {
    expect(operations.length).toBeGreaterThan(15);
    const before = await aliceState();
    const missing = { set: hex(), member: hex() };
    const secrets = [alice.set, alice.child, alice.member, ...alice.names];
    for (const op of operations) {
      const label = `${op.id} (${op.method} ${op.path})`;
      if (op.pathParams.includes("set_id")) {
        const hidden = await caller.send(callFor(document, op, { set_id: alice.set, member_id: alice.member }, values()), BOB.token);
        const absent = await caller.send(callFor(document, op, { set_id: missing.set, member_id: missing.member }, values()), BOB.token);
        checks.problem("isolation", `bob on alice's set: ${label}`, hidden, 404, "set_not_found");
        checks.equal("isolation", `bob on alice's set answers like a missing set: ${label}`, normalized(hidden, { "<set>": alice.set, "<member>": alice.member }), normalized(absent, { "<set>": missing.set, "<member>": missing.member }));
      }
      if (op.pathParams.includes("member_id")) {
        const hidden = await caller.send(callFor(document, op, { set_id: bob.set, member_id: alice.member }, values()), BOB.token);
        const absent = await caller.send(callFor(document, op, { set_id: bob.set, member_id: missing.member }, values()), BOB.token);
        checks.problem("isolation", `alice's member under bob's set: ${label}`, hidden, 404, "member_not_found");
        checks.equal("isolation", `alice's member answers like a missing one: ${label}`, normalized(hidden, { "<member>": alice.member }), normalized(absent, { "<member>": missing.member }));
      }
      if (!op.pathParams.includes("set_id")) {
        const answer = await caller.send(callFor(document, op, {}, values()), BOB.token);
        checks.ok("isolation", answer.status < 300, () => `bob on ${label}: ${answer.status} ${answer.text.slice(0, 300)}`);
        for (const value of secrets) checks.ok("isolation", !answer.text.includes(value), () => `bob's ${label} shows alice's ${value}`);
      }
    }
    checks.equal("isolation", "the document's set-reference fields", requestFieldsNamed(document, operations, /_set_id$/), SET_REFERENCE_FIELDS);
    for (const field of SET_REFERENCE_FIELDS) {
      const [id, name] = field.split(":") as [string, string];
      const op = operations.find((o) => o.id === id)!;
      const attempt = (ref: string) => caller.send(callFor(document, op, { set_id: bob.set }, { ...values(), artifact_uuid: undefined, [name]: ref }), BOB.token);
      const hidden = await attempt(alice.set);
      checks.problem("isolation", `bob nests alice's set through ${field}`, hidden, 422, "unknown_reference");
      checks.equal("isolation", `alice's set answers like a missing one through ${field}`, normalized(hidden, { "<id>": alice.set }), normalized(await attempt(missing.set), { "<id>": missing.set }));
    }
    checks.equal("isolation", "alice's sets, members, deployments and files after bob's requests", await aliceState(), before);
  });

  it("answers 401 without a valid token and 403 to a read-only token on every write, changing nothing", async () => {
    const before = await aliceState();
    for (const op of operations.filter((o) => o.scope !== null)) {
      const call = callFor(document, op, { set_id: alice.set, member_id: alice.member }, values());
      const label = `${op.id} (${op.method} ${op.path})`;
      for (const token of [undefined, UNKNOWN]) {
        const answer = await caller.send(call, token);
        checks.problem("authentication", `${token ? "unknown" : "no"} token: ${label}`, answer, 401, "unauthenticated");
        checks.ok("authentication", /^Bearer\b/.test(String(answer.headers["www-authenticate"])), () => `${label}: no WWW-Authenticate`);
      }
      const answer = await caller.send(call, ALICE_RO.token);
      if (op.scope === "write") checks.problem("read_only", `read-only token: ${label}`, answer, 403, "forbidden");
      else checks.ok("read_only", answer.status === 200, () => `read-only token on ${label}: ${answer.status} ${answer.text.slice(0, 300)}`);
    }
    checks.equal("read_only", "alice's state after the read-only and unauthenticated requests", await aliceState(), before);
  });

  it("refuses project paths outside the root, through links and with .., in every field that reaches the disk", async () => {
    checks.equal("paths", "the document's filesystem fields", requestFieldsNamed(document, operations, /(^|_)path$/), FILESYSTEM_FIELDS);
    const before = snapshotTree(layout.dir, ["state"]);
    for (const field of FILESYSTEM_FIELDS) {
      const [id] = field.split(":") as [string, string];
      const op = operations.find((o) => o.id === id)!;
      for (const bad of badPaths(layout)) {
        const answer = await caller.send(callFor(document, op, { set_id: alice.set }, values(bad.path)), ALICE.token);
        checks.problem(bad.kind, `${field} = ${bad.path} (${bad.name})`, answer, bad.code === "project_path_forbidden" ? 403 : 422, bad.code);
      }
    }
    checks.equal("paths", "the files around the root after every refused path", snapshotTree(layout.dir, ["state"]), before);
  });

  it("never writes through a link in a project that leads outside the root", async () => {
    const outsideBefore = snapshotTree(layout.outside);
    const answer = await caller.send({ method: "POST", url: `${SETS}/${alice.set}/deploy`, body: { project_path: layout.linkedProject, force: true } }, ALICE.token);
    checks.ok("symlink", answer.status === 200, () => `deploy into a project with .claude leading out: ${answer.status} ${answer.text.slice(0, 300)}`);
    const results = answer.status === 200 ? answer.json<{ results: { path: string | null; status: string }[] }>().results : [];
    checks.ok("symlink", results.some((r) => r.path?.startsWith(".claude")), () => `no result under .claude: ${answer.text.slice(0, 300)}`);
    for (const result of results.filter((r) => r.path?.startsWith(".claude"))) {
      checks.ok("symlink", result.status === "failed", () => `${result.path} through .claude → outside: ${result.status}`);
    }
    checks.equal("symlink", "the folder outside after a deploy through .claude", snapshotTree(layout.outside), outsideBefore);
  });

  it("never shows a token in its logs or in an answer, valid, invalid or malformed", async () => {
    const long = `${ALICE.token}${"a".repeat(8_000)}`;
    const authorizations = [
      `Bearer ${ALICE.token}`,
      `Bearer ${ALICE_RO.token}`,
      `Bearer ${BOB.token}`,
      `Bearer ${UNKNOWN}`,
      `Bearer ${ALICE.token}x`,
      `Bearer ${ALICE.token.slice(0, -1)}`,
      `Bearer ${sha256(ALICE.token)}`,
      `Bearer ${ALICE.token} ${BOB.token}`,
      `bearer\t${BOB.token}`,
      `Bearer ${long}`,
      `Bearer ${ALICE.token}, Bearer ${UNKNOWN}`,
      `Basic ${Buffer.from(`alice:${ALICE.token}`).toString("base64")}`,
      ALICE.token,
      `Token ${BOB.token}`,
      `Bearer ${UNKNOWN}\u00e9\u00f6`,
    ];
    const calls: Call[] = [
      { method: "GET", url: SETS },
      { method: "POST", url: SETS, body: { name: "Logged" } },
      { method: "POST", url: SETS, body: "{ not json" },
      { method: "GET", url: `${SETS}/${alice.set}/resolve` },
      { method: "DELETE", url: `${SETS}/${hex()}` },
      { method: "GET", url: "/api/v1/nope" },
      { method: "GET", url: "/readyz" },
    ];
    const before = caller.requests;
    for (const call of calls) {
      for (const authorization of authorizations) await caller.send(call, undefined, { authorization });
      for (const header of ["x-api-key", "proxy-authorization", "cookie", "x-auth-token"]) await caller.send(call, undefined, { [header]: header === "cookie" ? `token=${ALICE.token}` : ALICE.token });
    }
    // A token a client put in the URL (the server reads none there): the list rejects the unknown parameter.
    for (const token of [ALICE.token, UNKNOWN]) await caller.send({ method: "GET", url: `${SETS}?access_token=${token}&name=${token}` }, ALICE.token);
    const sent = caller.requests - before;
    await server.stop();
    const logs = server.main.stdout() + server.main.stderr();
    const requestLines = logs.split("\n").filter((line) => line.includes('"reqId"')).length;
    checks.ok("tokens", requestLines >= sent, () => `${requestLines} request log lines for ${sent} requests: the logs were not all captured`);
    for (const token of [ALICE.token, BOB.token, ALICE_RO.token, UNKNOWN]) {
      // The random part alone: a token cut or extended by a character still contains it.
      const core = token.slice(token.lastIndexOf("-") + 1);
      checks.ok("tokens", !logs.includes(core), () => `the logs show ${token}: ${logs.split("\n").find((line) => line.includes(core))?.slice(0, 400)}`);
      const body = caller.bodies.find((text) => text.includes(core));
      checks.ok("tokens", body === undefined, () => `an answer shows ${token}: ${body?.slice(0, 400)}`);
    }
  });
});

afterAll(() => {
  const counts = checks.counts();
  reportReliability({
    part: "security",
    requests: totals.requests,
    failures: checks.failures.length,
    s5xx: totals.s5xx,
    adapters: ADAPTERS,
    checks: Object.values(counts).reduce((sum, n) => sum + n, 0),
    ...Object.fromEntries(Object.entries(counts).map(([category, n]) => [`${category}_checks`, n])),
  });
  expect(totals.s5xx).toBe(0);
});
