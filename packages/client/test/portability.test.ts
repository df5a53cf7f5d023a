import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import vm from "node:vm";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLiveServer, type LiveServer } from "@deployment-sets/test-server";

/**
 * The SDK needs nothing but the web platform (`fetch` and its companions), so it runs in browsers, Deno and Bun
 * as in Node.js. Checked here on the published bundle: it imports nothing but ky, a browser build of it bundles
 * without a Node.js built-in, and that build talks to the real server from a sandbox that has only web globals.
 */
const DIST = fileURLToPath(new URL("../dist/index.js", import.meta.url));

/** The globals every runtime the SDK supports offers (WHATWG fetch, URL, streams, timers, abort). */
const WEB_GLOBALS = [
  "fetch", "Request", "Response", "Headers", "FormData", "Blob", "URL", "URLSearchParams", "AbortController", "AbortSignal",
  "DOMException", "TextEncoder", "TextDecoder", "ReadableStream", "WritableStream", "TransformStream", "setTimeout",
  "clearTimeout", "queueMicrotask", "structuredClone", "console", "EventTarget", "Event",
] as const;

describe("the SDK outside Node.js", () => {
  let server: LiveServer;
  beforeAll(async () => {
    server = await startLiveServer();
  });
  afterAll(() => server.close());

  it("imports nothing but ky", () => {
    const imports = [...readFileSync(DIST, "utf8").matchAll(/^import\s[^;]*?from\s*["']([^"']+)["']/gm)].map((m) => m[1]);
    expect(new Set(imports)).toEqual(new Set(["ky"]));
  });

  it("bundles for the browser and works in a sandbox with only web globals", async () => {
    const bundle = await build({
      entryPoints: [DIST],
      bundle: true,
      platform: "browser",
      format: "iife",
      globalName: "DeploymentSetsClient",
      write: false,
      logLevel: "silent",
    });
    const sandbox: Record<string, unknown> = {};
    for (const name of WEB_GLOBALS) sandbox[name] = (globalThis as Record<string, unknown>)[name];
    sandbox.globalThis = sandbox;
    const context = vm.createContext(sandbox);
    vm.runInContext(bundle.outputFiles[0]!.text, context);
    expect(vm.runInContext("typeof process + typeof require + typeof Buffer", context)).toBe("undefinedundefinedundefined");

    const sdk = sandbox.DeploymentSetsClient as typeof import("@deployment-sets/client");
    const client = sdk.createClient({ baseUrl: server.baseUrl });
    expect(await client.health()).toEqual({ status: "ok" });
    const set = await client.sets.create({ name: "From a sandbox" });
    expect((await client.sets.get(set.id)).name).toBe("From a sandbox");
    const error = await client.sets.get("0".repeat(32)).catch((reason: unknown) => reason);
    expect(sdk.isDeploymentSetsApiError(error, "set_not_found")).toBe(true);
  });
});
