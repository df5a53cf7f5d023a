import { mkdirSync, mkdtempSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { assertBuilt, startMain, type SpawnedServer } from "./spawn-server.js";

// What the server logs per request, read from a real process's standard output at the default level (info).

let dir: string;
let server: SpawnedServer;
beforeAll(async () => {
  assertBuilt();
  dir = realpathSync(mkdtempSync(join(tmpdir(), "ds-request-log-")));
  mkdirSync(join(dir, "home"));
  server = await startMain({ HOME: join(dir, "home"), DATABASE_URL: join(dir, "db.sqlite"), DS_LOG_LEVEL: "info" });
});
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

type Line = Record<string, unknown>;
const lines = (): Line[] =>
  server
    .stdout()
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Line);

const post = (path: string, body: object, requestId: string) =>
  fetch(`${server.url}/api/v1${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-request-id": requestId },
    body: JSON.stringify(body),
  });

it("logs one structured line per request, and a rejected cycle once", async () => {
  const a = (await (await post("/deployment-sets", { name: "A" }, "log-a")).json()) as { id: string };
  const b = (await (await post("/deployment-sets", { name: "B" }, "log-b")).json()) as { id: string };
  expect((await post(`/deployment-sets/${a.id}/members`, { nested_set_id: b.id }, "log-nest")).status).toBe(201);
  expect((await post(`/deployment-sets/${b.id}/members`, { nested_set_id: a.id }, "log-cycle")).status).toBe(422);
  expect((await fetch(`${server.url}/nowhere`, { headers: { "x-request-id": "log-404" } })).status).toBe(404);
  await new Promise((resolve) => setTimeout(resolve, 200)); // let the last lines reach the pipe

  for (const id of ["log-a", "log-b", "log-nest", "log-cycle", "log-404"]) {
    const mine = lines().filter((line) => line.reqId === id);
    const requestLines = mine.filter((line) => line.msg === "request");
    expect(requestLines, id).toHaveLength(1);
    expect(mine.filter((line) => line.msg === "incoming request" || line.msg === "request completed"), id).toEqual([]);
  }
  const nest = lines().find((line) => line.reqId === "log-nest" && line.msg === "request")!;
  expect(nest).toMatchObject({ method: "POST", route: "/api/v1/deployment-sets/:set_id/members", status: 201, owner: "local-user" });
  expect(typeof nest.ms).toBe("number");
  expect(lines().find((line) => line.reqId === "log-404" && line.msg === "request")).toMatchObject({ status: 404, owner: null });
  expect(lines().find((line) => line.reqId === "log-cycle" && line.msg === "request")).toMatchObject({ status: 422 });
  // The service logs it (with the sets' names); the request's own line says 422.
  const cycleWarnings = lines().filter((line) => line.level === 40 && JSON.stringify(line).includes("cycle"));
  expect(cycleWarnings).toHaveLength(1);
  expect(cycleWarnings[0]).toMatchObject({ msg: "rejected a member that would create a cycle", set_names: ["B", "A", "B"] });
});
