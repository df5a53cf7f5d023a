import { NO_BODY, type ApiClient, type ApiResponse } from "./api-client.js";
import { assertSame, assertThat, brief } from "./compare.js";
import { expectedMember } from "./expected-dto.js";
import { fieldsOfCreate, type MemberRef, type ModelMember, type ReferenceModel, type SetBody } from "./reference-model.js";
import { checkSet, expectProblem, expectStatus, expectTimeIn } from "./verify.js";

/**
 * One operation each, applied to the server over HTTP and to the model, with the answer checked against what the
 * model predicts: the success body, or the problem (and then the model stays as it was). Each returns the ids of
 * the sets it targeted.
 */

const ID = /^[0-9a-f]{32}$/;
const sets = "/deployment-sets";
const windowOf = (response: ApiResponse) => ({ from: response.sentAt, to: response.receivedAt });

/** A fresh server id: 32 lowercase hex characters, not used by any set or member the model knows. */
function expectNewId(model: ReferenceModel, label: string, id: unknown): string {
  const known = (candidate: string) =>
    model.sets.has(candidate) || model.deleted.includes(candidate) || model.live().some((s) => s.members.some((m) => m.id === candidate));
  assertThat(typeof id === "string" && ID.test(id) && !known(id), () => `${label}: ${brief(id)} is not a new id`);
  return id as string;
}

/** The query of a filtered list of sets. */
export interface ListQuery {
  readonly name?: string;
  readonly tag?: string;
  readonly limit: number;
  readonly offset: number;
}

/** `GET /deployment-sets?name=&tag=&limit=&offset=`: the page and `total` the model's filter gives. */
export async function listSets(model: ReferenceModel, api: ApiClient, query: ListQuery): Promise<void> {
  const params = new URLSearchParams();
  if (query.name !== undefined) params.set("name", query.name);
  if (query.tag !== undefined) params.set("tag", query.tag);
  params.set("limit", String(query.limit));
  params.set("offset", String(query.offset));
  const response = await api.send("GET", `${sets}?${params}`);
  const page = expectStatus(response, 200) as { items: { id: string }[]; total: number; limit: number; offset: number };
  const matching = model.filter(query.name, query.tag);
  const shown = matching.slice(query.offset, query.offset + query.limit);
  const label = `list ${JSON.stringify(query)}`;
  assertSame(`${label}: page`, { total: page.total, limit: page.limit, offset: page.offset }, { total: matching.length, limit: query.limit, offset: query.offset });
  assertSame(`${label}: ids`, page.items.map((item) => item.id), shown.map((set) => set.id));
  shown.forEach((set, i) => checkSet(model, `${label}: item ${i}`, page.items[i], set, false));
}

/** `POST /deployment-sets`. */
export async function createSet(model: ReferenceModel, api: ApiClient, body: SetBody & { name: string }): Promise<string> {
  const response = await api.send("POST", sets, body);
  const json = expectStatus(response, 201) as { id: unknown; created_at: unknown };
  const id = expectNewId(model, "created set id", json.id);
  const createdAt = expectTimeIn("created_at", json.created_at, windowOf(response));
  const set = model.applyCreate(id, fieldsOfCreate(body), createdAt);
  checkSet(model, "created set", json, set, true);
  return id;
}

/** `PUT` or `PATCH /deployment-sets/{id}`. */
export async function updateSet(model: ReferenceModel, api: ApiClient, setId: string, body: SetBody, method: "PUT" | "PATCH"): Promise<void> {
  const plan = model.planUpdate(setId, body);
  const response = await api.send(method, `${sets}/${setId}`, body);
  if ("problem" in plan) return expectProblem(response, plan);
  const json = expectStatus(response, 200);
  model.applyUpdate(setId, plan.fields, plan.changed, windowOf(response));
  checkSet(model, `updated set (${plan.changed ? "changed" : "unchanged"})`, json, model.sets.get(setId)!, true);
}

/** `DELETE /deployment-sets/{id}`. */
export async function deleteSet(model: ReferenceModel, api: ApiClient, setId: string): Promise<void> {
  const found = model.find(setId);
  const response = await api.send("DELETE", `${sets}/${setId}`);
  if ("problem" in found) return expectProblem(response, found);
  expectStatus(response, 204);
  model.applyDelete(setId, windowOf(response));
}

/** How a clone request sends its optional body. */
export type CloneBody = { readonly kind: "none" } | { readonly kind: "empty" } | { readonly kind: "named"; readonly name: string };

/** `POST /deployment-sets/{id}/clone`; returns the clone's id when it succeeded. */
export async function cloneSet(model: ReferenceModel, api: ApiClient, setId: string, body: CloneBody): Promise<string | undefined> {
  const plan = model.planClone(setId, body.kind === "named" ? body.name : undefined);
  const sent = body.kind === "none" ? NO_BODY : body.kind === "empty" ? {} : { name: body.name };
  const response = await api.send("POST", `${sets}/${setId}/clone`, sent);
  if ("problem" in plan) {
    expectProblem(response, plan);
    return undefined;
  }
  const json = expectStatus(response, 201) as { id: unknown; created_at: unknown; members: { id: unknown }[] };
  const id = expectNewId(model, "clone id", json.id);
  const createdAt = expectTimeIn("clone created_at", json.created_at, windowOf(response));
  const answered = Array.isArray(json.members) ? json.members : [];
  assertThat(answered.length === plan.source.members.length, () => `clone has ${answered.length} members, the source ${plan.source.members.length}: ${brief(json)}`);
  const members: ModelMember[] = plan.source.members.map((member, i) => ({
    id: expectNewId(model, `clone member ${i} id`, answered[i]!.id),
    ref: member.ref,
    addedAt: createdAt,
  }));
  assertThat(new Set(members.map((m) => m.id)).size === members.length, () => `clone member ids repeat: ${brief(json.members)}`);
  checkSet(model, "clone", json, model.applyCreate(id, plan.fields, createdAt, members), true);
  return id;
}

/**
 * `POST /deployment-sets/{id}/members` with `field: sentId` and `position` when given. With `echoNulls` the body also
 * carries the other reference keys and `workflow_id` as `null`, as a client sending back a `Member` does.
 */
export async function addMember(
  model: ReferenceModel,
  api: ApiClient,
  setId: string,
  kind: MemberRef["kind"],
  sentId: string,
  position: number | null | undefined,
  echoNulls = false,
): Promise<void> {
  const field = { artifact: "artifact_uuid", group: "group_id", set: "nested_set_id" }[kind];
  const plan = model.planAdd(setId, kind, sentId, position);
  const nulls = echoNulls ? { artifact_uuid: null, group_id: null, nested_set_id: null, workflow_id: null } : {};
  const body = { ...nulls, [field]: sentId, ...(position === undefined ? {} : { position }) };
  const response = await api.send("POST", `${sets}/${setId}/members`, body);
  if ("problem" in plan) return expectProblem(response, plan);
  const json = expectStatus(response, 201) as { id: unknown; added_at: unknown };
  const member: ModelMember = {
    id: expectNewId(model, "member id", json.id),
    ref: plan.ref,
    addedAt: expectTimeIn("added_at", json.added_at, windowOf(response)),
  };
  model.applyAdd(setId, member, plan.position, windowOf(response));
  assertSame("added member", json, expectedMember(model, model.sets.get(setId)!, member, plan.position));
}

/** `PUT` or `PATCH /deployment-sets/{id}/members/{member_id}` with `{position}`. */
export async function moveMember(
  model: ReferenceModel,
  api: ApiClient,
  setId: string,
  memberId: string,
  position: number,
  method: "PUT" | "PATCH",
): Promise<void> {
  const plan = model.planMove(setId, memberId, position);
  const response = await api.send(method, `${sets}/${setId}/members/${memberId}`, { position });
  if ("problem" in plan) return expectProblem(response, plan);
  const json = expectStatus(response, 200);
  model.applyMove(setId, plan.from, plan.to, windowOf(response));
  const set = model.sets.get(setId)!;
  assertSame(`moved member (${plan.from} -> ${plan.to})`, json, expectedMember(model, set, set.members[plan.to]!, plan.to));
}

/** `DELETE /deployment-sets/{id}/members/{member_id}`. */
export async function removeMember(model: ReferenceModel, api: ApiClient, setId: string, memberId: string): Promise<void> {
  const plan = model.planRemove(setId, memberId);
  const response = await api.send("DELETE", `${sets}/${setId}/members/${memberId}`);
  if ("problem" in plan) return expectProblem(response, plan);
  expectStatus(response, 204);
  model.applyRemove(setId, plan.index, windowOf(response));
}
