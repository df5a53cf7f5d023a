import type { LightMyRequestResponse } from "fastify";
import type { TestServer } from "./harness.js";

type Request = TestServer["request"];

/** Everything an owner can read about their sets: every list page, and each set with its members. */
export interface OwnerDump {
  readonly total: number;
  readonly items: unknown[];
  readonly sets: Record<string, { set: unknown; members: unknown }>;
}

async function read(request: Request, url: string, token: string | undefined): Promise<unknown> {
  const response: LightMyRequestResponse = await request("GET", url, undefined, token);
  if (response.statusCode !== 200) throw new Error(`GET ${url}: ${response.statusCode} ${response.body}`);
  return response.json();
}

/**
 * A full dump of the sets `token`'s owner sees (GET list, then GET of each set and of its members), to compare
 * before and after requests that must change nothing.
 */
export async function dumpOwner(server: Pick<TestServer, "request">, token?: string): Promise<OwnerDump> {
  const items: { id: string }[] = [];
  let total: number;
  for (let offset = 0; ; offset += 200) {
    const page = (await read(server.request, `/api/v1/deployment-sets?limit=200&offset=${offset}`, token)) as {
      items: { id: string }[];
      total: number;
    };
    items.push(...page.items);
    total = page.total;
    if (page.items.length < 200) break;
  }
  const sets: OwnerDump["sets"] = {};
  for (const { id } of items) {
    sets[id] = {
      set: await read(server.request, `/api/v1/deployment-sets/${id}`, token),
      members: await read(server.request, `/api/v1/deployment-sets/${id}/members`, token),
    };
  }
  return { total, items, sets };
}
