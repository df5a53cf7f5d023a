import { expectStatus, type ApiClient } from "./http-client.js";

/** What a member references, as one comparable string (`artifact:<uuid>`, `group:<id>`, `set:<id>`). */
export type MemberRef = string;

interface MemberBody {
  readonly id: string;
  readonly artifact_uuid: string | null;
  readonly group_id: string | null;
  readonly nested_set_id: string | null;
  readonly position: number;
}

/** Every set of the client's owner whose name contains `name` (all pages of the list). */
export async function setsNamed(client: ApiClient, name: string): Promise<{ id: string; name: string }[]> {
  const found: { id: string; name: string }[] = [];
  for (let offset = 0; ; offset += 200) {
    const page = expectStatus<{ items: { id: string; name: string }[] }>(
      await client.send("GET", `/deployment-sets?name=${encodeURIComponent(name)}&limit=200&offset=${offset}`),
      200,
    );
    found.push(...page.items);
    if (page.items.length < 200) return found;
  }
}

/** A set's members as references in position order; throws unless the positions are 0..n-1. */
export async function memberRefs(client: ApiClient, setId: string): Promise<MemberRef[]> {
  const members = expectStatus<MemberBody[]>(await client.send("GET", `/deployment-sets/${setId}/members`), 200);
  members.forEach((member, index) => {
    if (member.position !== index) throw new Error(`set ${setId}: member ${index} has position ${member.position}`);
  });
  return members.map((m) => (m.artifact_uuid !== null ? `artifact:${m.artifact_uuid}` : m.group_id !== null ? `group:${m.group_id}` : `set:${m.nested_set_id}`));
}

/** Creates a set holding `members` (request bodies, added in order, `concurrency` at a time) and returns its id. */
export async function createSetWith(client: ApiClient, name: string, members: readonly object[], concurrency = 1): Promise<string> {
  const { id } = expectStatus<{ id: string }>(await client.send("POST", "/deployment-sets", { name }), 201);
  // Concurrent adds land in any order; positions stay dense either way.
  for (let i = 0; i < members.length; i += concurrency) {
    const answers = await Promise.all(members.slice(i, i + concurrency).map((body) => client.send("POST", `/deployment-sets/${id}/members`, body)));
    for (const answer of answers) expectStatus(answer, 201);
  }
  return id;
}
