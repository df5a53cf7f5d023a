import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADAPTERS } from "@deployment-sets/test-server";
import { cli, embeddedMode, remoteMode, type Mode } from "./cli-harness.js";
import { STORY, tell } from "./story.js";

/**
 * Every command, end to end, in both modes: embedded (a temp SQLite file and the example collection) and remote
 * (the real server on a loopback port), each on SQLite and, with PG_URL, on PostgreSQL. The same story gives the same
 * output in every mode; the human output is pinned by a snapshot (colour off).
 */
describe("the CLI's story, told in every mode", () => {
  const modes: Mode[] = [];
  const transcripts = new Map<string, string[]>();

  beforeAll(async () => {
    for (const adapter of ADAPTERS) modes.push(await embeddedMode(adapter), await remoteMode(adapter));
    for (const mode of modes) transcripts.set(mode.name, await tell(mode));
  }, 300_000);
  afterAll(async () => {
    for (const mode of modes) await mode.close();
  });

  it("prints what the snapshot holds (embedded)", () => {
    expect(transcripts.get("embedded")!.join("\n")).toMatchSnapshot();
  });

  it("prints exactly the same in every other mode", () => {
    for (const [name, transcript] of transcripts) {
      if (name === "embedded") continue;
      transcript.forEach((block, index) => expect(block, `${name}, step ${index}`).toBe(transcripts.get("embedded")![index]));
    }
  });

  it("prints only JSON on stdout with --json, and the API's answer as the SDK returns it", async () => {
    const mode = modes.find((m) => m.name.startsWith("remote"))!;
    const { createClient } = await import("@deployment-sets/client");
    const client = createClient({ baseUrl: mode.env.DS_SERVER! });
    const listed = await cli(mode, ["sets", "list", "--json"]);
    expect(JSON.parse(listed.stdout)).toEqual(await client.sets.list());
    const full = (await client.sets.list({ name: "Full-stack" })).items[0]!;
    const shown = await cli(mode, ["sets", "show", "Full-stack", "--json"]);
    expect(JSON.parse(shown.stdout)).toEqual(await client.sets.get(full.id));
    const resolved = await cli(mode, ["resolve", "Full-stack", "--json"]);
    expect(JSON.parse(resolved.stdout)).toEqual(await client.sets.resolve(full.id));
    for (const step of STORY.filter((s): s is readonly string[] => Array.isArray(s) && s.includes("--json"))) {
      const result = await cli(mode, step);
      if (result.stdout !== "") expect(() => JSON.parse(result.stdout), step.join(" ")).not.toThrow();
    }
  });
});
