import { randomBytes } from "node:crypto";
import type { TestToken } from "../../test/harness.js";
import { ApiClient, type RequestCounters } from "./api-client.js";

/**
 * Owners for the runs of one server: one token each, so every run starts with an owner that has no sets (another
 * owner's sets are invisible). The server knows `size` tokens from its start; when runs outnumber them (shrinking
 * a counterexample runs many sequences) an owner is used again after its sets were deleted.
 */
export class OwnerPool {
  readonly tokens: readonly TestToken[];
  #next = 0;

  constructor(size: number) {
    const secret = randomBytes(8).toString("hex");
    this.tokens = Array.from({ length: size }, (_, i) => ({ token: `model-${secret}-${i}`, owner: `model-owner-${i}`, scopes: ["read", "write"] as const }));
  }

  /** A client of the next owner, whose sets are all gone. */
  async take(baseUrl: string, counters: RequestCounters): Promise<{ owner: string; api: ApiClient }> {
    const index = this.#next++;
    const { token, owner } = this.tokens[index % this.tokens.length]!;
    const api = new ApiClient(baseUrl, token, counters);
    if (index >= this.tokens.length) await deleteAllSets(api);
    return { owner, api };
  }
}

async function deleteAllSets(api: ApiClient): Promise<void> {
  for (;;) {
    const page = await api.send("GET", "/deployment-sets?limit=200");
    const items = (page.json as { items?: { id: string }[] } | undefined)?.items;
    if (page.status !== 200 || !items) throw new Error(`cannot list an owner's sets to reuse it: ${page.status} ${page.text}`);
    if (items.length === 0) return;
    for (const { id } of items) {
      const deleted = await api.send("DELETE", `/deployment-sets/${id}`);
      if (deleted.status !== 204) throw new Error(`cannot delete set ${id} to reuse its owner: ${deleted.status} ${deleted.text}`);
    }
  }
}
