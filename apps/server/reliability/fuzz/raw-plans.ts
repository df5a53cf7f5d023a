import fc from "fast-check";
import type { RawPlan } from "./plan-types.js";

const H = "Host: {host}\r\n";
const CLOSE = "Connection: close\r\n";

/**
 * Fixed raw-socket cases, each once per run: garbage, bad versions, control characters and spaces in the target,
 * request smuggling framings, bad chunking, oversized headers and URLs, a missing Host, a TLS and an HTTP/2
 * greeting, an oversized chunked body, CORS preflights. CONNECT is left out on purpose: Node closes the connection
 * of a CONNECT when nothing listens for it, which is its documented behaviour, not the server's.
 */
export const RAW_CASES: readonly RawPlan[] = [
  raw("garbage", "GARBAGE\r\n\r\n", 400),
  raw("binary", "\x00\x01\x02\x03\xff\r\n\r\n", 400),
  raw("tls-hello", "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n", 400),
  raw("http2-preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 400),
  raw("version-9.9", `GET /api/v1/deployment-sets HTTP/9.9\r\n${H}\r\n`, "4xx"),
  raw("version-1.1x", `GET /api/v1/deployment-sets HTTP/1.1x\r\n${H}\r\n`, 400),
  raw("version-lower", `GET /api/v1/deployment-sets http/1.1\r\n${H}\r\n`, 400),
  raw("lower-method", `get /api/v1/deployment-sets HTTP/1.1\r\n${H}\r\n`, "4xx"),
  raw("control-in-target", `GET /api/v1/\x01sets HTTP/1.1\r\n${H}\r\n`, 400),
  raw("del-in-target", `GET /api/v1/deployment-sets\x7f HTTP/1.1\r\n${H}\r\n`, 400),
  raw("space-in-target", `GET /api/v1/deploy ment-sets HTTP/1.1\r\n${H}\r\n`, 400),
  raw("high-byte-in-target", `GET /api/v1/\xff HTTP/1.1\r\n${H}${CLOSE}\r\n`, 400),
  raw("no-host", `GET /api/v1/deployment-sets HTTP/1.1\r\n${CLOSE}\r\n`, 400),
  // RFC 9112 wants a 400 for two Host lines; Node serves the first. Not judged: no state, no error format at stake.
  raw("two-hosts", `GET /api/v1/deployment-sets HTTP/1.1\r\n${H}Host: other.example\r\n${CLOSE}\r\n`, "any"),
  raw("header-too-large", `GET /api/v1/deployment-sets HTTP/1.1\r\n${H}X-Big: ${"a".repeat(17 * 1024)}\r\n${CLOSE}\r\n`, 431),
  raw("many-headers", `GET /api/v1/deployment-sets HTTP/1.1\r\n${H}${Array.from({ length: 1200 }, (_, i) => `X-H${i}: vvvvvvvvvv\r\n`).join("")}${CLOSE}\r\n`, 431),
  raw("url-too-long", `GET /api/v1/deployment-sets?name=${"a".repeat(17 * 1024)} HTTP/1.1\r\n${H}${CLOSE}\r\n`, "4xx"),
  raw("cl-and-te", `POST /api/v1/deployment-sets HTTP/1.1\r\n${H}Content-Type: application/json\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`, 400),
  raw("two-content-lengths", `POST /api/v1/deployment-sets HTTP/1.1\r\n${H}Content-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}`, 400),
  raw("content-length-text", `POST /api/v1/deployment-sets HTTP/1.1\r\n${H}Content-Length: abc\r\n\r\n`, 400),
  raw("content-length-negative", `POST /api/v1/deployment-sets HTTP/1.1\r\n${H}Content-Length: -1\r\n\r\n`, 400),
  raw("chunk-size-text", `POST /api/v1/deployment-sets HTTP/1.1\r\n${H}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`, 400),
  raw("header-no-colon", `GET /api/v1/deployment-sets HTTP/1.1\r\n${H}BadHeader\r\n\r\n`, 400),
  raw("header-name-space", `GET /api/v1/deployment-sets HTTP/1.1\r\n${H}Bad Header: x\r\n\r\n`, 400),
  raw("header-value-nul", `GET /api/v1/deployment-sets HTTP/1.1\r\n${H}X-A: a\x00b\r\n\r\n`, 400),
  raw("obs-fold", `GET /api/v1/deployment-sets HTTP/1.1\r\n${H}X-A: a\r\n folded\r\n${CLOSE}\r\n`, "4xx"),
  raw("query-method", `QUERY /api/v1/deployment-sets HTTP/1.1\r\n${H}Content-Type: application/json\r\nContent-Length: 2\r\n${CLOSE}\r\n{}`, "4xx"),
  raw("chunked-over-limit", chunkedOverLimit(), 413),
  // Bigger than socket buffers and sent by a client that reads only once it has written everything: a server that
  // refuses from Content-Length and closes at once resets the connection, and the 413 is never read. Once on a
  // keep-alive connection, once with `Connection: close` (the server must still read the rest before closing).
  { ...raw("blocking-client-8-mib", overLimit(8, ""), 413), blocking: true },
  { ...raw("blocking-client-8-mib-connection-close", overLimit(8, CLOSE), 413), blocking: true },
  raw("http-1.0", "GET /api/v1/deployment-sets HTTP/1.0\r\n\r\n", "any"),
  raw("absolute-form", `GET http://{host}/api/v1/deployment-sets HTTP/1.1\r\n${H}${CLOSE}\r\n`, "any"),
  raw("options-star", `OPTIONS * HTTP/1.1\r\n${H}${CLOSE}\r\n`, "any"),
  raw("preflight-without-method", `OPTIONS /api/v1/deployment-sets HTTP/1.1\r\n${H}Origin: http://localhost:5173\r\n${CLOSE}\r\n`, "any"),
  raw("preflight", `OPTIONS /api/v1/deployment-sets HTTP/1.1\r\n${H}Origin: http://localhost:5173\r\nAccess-Control-Request-Method: POST\r\n${CLOSE}\r\n`, "any"),
  raw("preflight-evil-origin", `OPTIONS /api/v1/deployment-sets HTTP/1.1\r\n${H}Origin: http://evil.example\r\nAccess-Control-Request-Method: DELETE\r\n${CLOSE}\r\n`, "any"),
  raw("expect-continue", `POST /api/v1/deployment-sets HTTP/1.1\r\n${H}Expect: 100-continue\r\nContent-Type: application/json\r\nContent-Length: 2\r\n${CLOSE}\r\n{}`, 422),
  raw("upgrade-websocket", `GET /api/v1/deployment-sets HTTP/1.1\r\n${H}Upgrade: websocket\r\nConnection: Upgrade\r\n\r\n`, "any"),
];

function raw(label: string, payload: string, expect: RawPlan["expect"]): RawPlan {
  return { kind: "raw", label, payload, expect };
}

function overLimit(mebibytes: number, connection: string): string {
  const bytes = mebibytes * 1024 * 1024;
  return `POST /api/v1/deployment-sets HTTP/1.1\r\n${H}Content-Type: application/json\r\nContent-Length: ${bytes}\r\n${connection}\r\n${"x".repeat(bytes)}`;
}

function chunkedOverLimit(): string {
  const body = `{"name":"${"x".repeat(1024 * 1024 + 64)}"}`;
  return `POST /api/v1/deployment-sets HTTP/1.1\r\n${H}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n${CLOSE}\r\n${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`;
}

type Part = readonly [text: string, bad: boolean];

const METHODS: readonly Part[] = [
  ["GET", false],
  ["HEAD", false],
  ["get", true],
  ["G ET", true],
  ["GET\x00", true],
  ["\x01", true],
  ["QUERY", true],
  ["PROPFIND", true],
  ["HTTP/1.1", true],
  ["G\xc9T", true],
];
const TARGETS: readonly Part[] = [
  ["/api/v1/deployment-sets", false],
  ["/healthz", false],
  ["/api/v1/artifacts?limit=1", false],
  ["/api/v1/\x01", true],
  ["/ /", true],
  ["/\x7f", true],
  ["/\xff", true],
  ["/api/v1/deployment-sets?\x00", true],
  ["/api/v1/deployment-sets\x1b[31m", true],
  ["../../etc/passwd", true],
];
const VERSIONS: readonly Part[] = [
  ["HTTP/1.1", false],
  ["HTTP/1.0", false],
  ["HTTP/1.1x", true],
  ["http/1.1", true],
  ["HTTP/1", true],
  ["HTTP/1.1 extra", true],
  ["HTTP/11", true],
];
const HEADER_LINES: readonly Part[] = [
  ["", false],
  ["X-A: \x00\r\n", true],
  ["Bad Header: x\r\n", true],
  [": empty-name\r\n", true],
  ["X-A: a\r\n folded\r\n", true],
  ["Content-Length: -1\r\n", true],
  ["Content-Length: 1x\r\n", true],
];

/** A request line and one header line put together from good and bad parts: any bad part means a 4xx. */
export const rawPlan: fc.Arbitrary<RawPlan> = fc
  .tuple(fc.constantFrom(...METHODS), fc.constantFrom(...TARGETS), fc.constantFrom(...VERSIONS), fc.constantFrom(...HEADER_LINES))
  .map(([method, target, version, header]) => {
    const bad = method[1] || target[1] || version[1] || header[1];
    const payload = `${method[0]} ${target[0]} ${version[0]}\r\n${H}${header[0]}${CLOSE}\r\n`;
    return raw(`line ${JSON.stringify(`${method[0]} ${target[0]} ${version[0]}`)}${header[0] ? ` + ${JSON.stringify(header[0].trim())}` : ""}`, payload, bad ? "4xx" : "any");
  });
