import type { Answer, LoopbackClient } from "./loopback-client.js";

const API = "/api/v1";

/** What members may reference: the collection's artifacts and groups, and shared sets nobody changes. */
export interface SeedData {
  readonly artifacts: readonly string[];
  readonly groups: readonly string[];
  /** Sets three levels deep (top → mid → leaf), read and nested by every client, never changed. */
  readonly sharedSets: readonly string[];
}

async function expectStatus(answer: Promise<Answer>, status: number, what: string): Promise<Answer> {
  const got = await answer;
  if (got.status !== status) throw new Error(`seeding: ${what} answered ${got.status}: ${got.text.slice(0, 300)}`);
  return got;
}

/**
 * Reads the catalog and creates the shared sets: 10 leaves of 4 artifacts, 5 mids nesting 2 leaves, a group and
 * an artifact, 5 tops nesting 2 mids and 2 artifacts, so a resolution walks three levels.
 */
export async function seedSharedSets(client: LoopbackClient, headers: Record<string, string> = {}): Promise<SeedData> {
  const get = async (path: string) => (await expectStatus(client.send("GET", path, undefined, headers), 200, `GET ${path}`)).json<{ items: { uuid?: string; id?: string }[] }>();
  const artifacts = (await get(`${API}/artifacts?limit=200`)).items.map((a) => a.uuid!);
  const groups = (await get(`${API}/groups?limit=200`)).items.map((g) => g.id!);
  const create = async (name: string, refs: readonly Record<string, string>[]) => {
    const set = (await expectStatus(client.send("POST", `${API}/deployment-sets`, { name, tags: ["shared"] }, headers), 201, `create ${name}`)).json<{ id: string }>();
    for (const ref of refs) await expectStatus(client.send("POST", `${API}/deployment-sets/${set.id}/members`, ref, headers), 201, `add to ${name}`);
    return set.id;
  };
  const artifact = (i: number) => ({ artifact_uuid: artifacts[i % artifacts.length]! });
  const leaves: string[] = [];
  for (let i = 0; i < 10; i++) leaves.push(await create(`Shared leaf ${i}`, [0, 1, 2, 3].map((k) => artifact(i + k * 3))));
  const mids: string[] = [];
  for (let i = 0; i < 5; i++) {
    mids.push(await create(`Shared mid ${i}`, [{ nested_set_id: leaves[2 * i]! }, { nested_set_id: leaves[2 * i + 1]! }, { group_id: groups[i % groups.length]! }, artifact(i + 7)]));
  }
  const tops: string[] = [];
  for (let i = 0; i < 5; i++) {
    tops.push(await create(`Shared top ${i}`, [{ nested_set_id: mids[i]! }, { nested_set_id: mids[(i + 1) % 5]! }, artifact(i), artifact(i + 5)]));
  }
  return { artifacts, groups, sharedSets: [...leaves, ...mids, ...tops] };
}
