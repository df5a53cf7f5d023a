import { mkdirSync, mkdtempSync, realpathSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { assertBuilt, startMain, type SpawnedServer } from "./spawn-server.js";

// A body over the 1 MiB limit is refused from its Content-Length, before it is read. A client sending one larger
// than the kernel's socket buffers is still writing when the answer comes: had the server closed the connection
// with the rest unread, the kernel would reset it and the client would see EPIPE or ECONNRESET, never the 413.
// Only a separate server process shows this (in one process the test's own writes and the server's reads
// interleave on one event loop).

let dir: string;
let server: SpawnedServer;
beforeAll(async () => {
  assertBuilt();
  dir = realpathSync(mkdtempSync(join(tmpdir(), "ds-body-limit-")));
  mkdirSync(join(dir, "home"));
  server = await startMain({ HOME: join(dir, "home"), DATABASE_URL: join(dir, "db.sqlite") });
});
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Sends a POST with a `bytes`-byte body the way a blocking client does (Python's requests, most SDKs): the whole
 * request first, reading nothing until the last byte is written, asking to close the connection after the answer
 * when `closing`; resolves with the answer's head and body.
 */
function postOversized(url: string, bytes: number, closing = false): Promise<string> {
  const { hostname, port } = new URL(url);
  const body = Buffer.alloc(bytes, "x");
  const head =
    `POST /api/v1/deployment-sets HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${bytes}\r\n` +
    (closing ? "Connection: close\r\n\r\n" : "\r\n");
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => {
      socket.pause();
      socket.write(Buffer.concat([Buffer.from(head), body]), (error) => (error ? reject(error) : socket.resume()));
    });
    let answer = "";
    socket.setEncoding("utf8").on("data", (chunk: string) => {
      answer += chunk;
      if (answer.endsWith("}")) {
        socket.destroy();
        resolve(answer);
      }
    });
    socket.on("error", reject);
  });
}

it("answers a 413 the client can read while it is still sending", async () => {
  for (const [megabytes, closing] of [[8, false], [16, false], [16, true], [32, true]] as const) {
    const answer = await postOversized(server.url, megabytes * 1024 * 1024, closing);
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer).toMatch(/\r\ncontent-type: application\/problem\+json/i);
    expect(JSON.parse(answer.slice(answer.indexOf("\r\n\r\n") + 4))).toMatchObject({ status: 413, code: "payload_too_large" });
  }
  expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
});
