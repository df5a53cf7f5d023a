import type { ApiClient, ApiResponse } from "./api-client.js";
import { assertSame, assertThat, brief } from "./compare.js";
import { expectedMember, expectedSet } from "./expected-dto.js";
import type { ExpectedProblem, ModelSet, ReferenceModel, Window } from "./reference-model.js";
import { resolveInModel } from "./resolution.js";

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** The data fields each problem code the part meets carries at the top level (docs/concepts.md#errors). */
const PROBLEM_DATA: Readonly<Record<string, readonly string[]>> = {
  set_not_found: ["set_id"],
  member_not_found: ["member_id"],
  unknown_reference: ["kind", "id"],
  duplicate_member: ["member_id"],
  cycle_detected: ["path", "set_names"],
  depth_limit_exceeded: ["path", "limit"],
};

const describe = (response: ApiResponse) => `${response.method} ${response.path} answered ${response.status} ${brief(response.text)}`;

/** Asserts the status and, for a body, JSON; returns the parsed body. */
export function expectStatus(response: ApiResponse, status: number): unknown {
  assertThat(response.status === status, () => `expected ${status}: ${describe(response)}`);
  if (status === 204) assertThat(response.text === "", () => `204 with a body: ${describe(response)}`);
  else assertThat(/^application\/json/.test(response.contentType), () => `not application/json (${response.contentType}): ${describe(response)}`);
  return response.json;
}

/** Asserts a server time: ISO 8601 with milliseconds and `Z`, within the request's window. Returns it. */
export function expectTimeIn(label: string, value: unknown, window: Window): string {
  const ok = typeof value === "string" && ISO_TIME.test(value) && Date.parse(value) >= window.from && Date.parse(value) <= window.to;
  assertThat(ok, () => `${label}: ${brief(value)} is not a time between ${new Date(window.from).toISOString()} and ${new Date(window.to).toISOString()}`);
  return value as string;
}

/** Asserts the problem+json answer the model expects: status, `code`, exactly the code's data fields, their values. */
export function expectProblem(response: ApiResponse, expected: ExpectedProblem): void {
  const label = `expected ${expected.status} ${expected.code} ${brief(expected.data)}: ${describe(response)}`;
  assertThat(response.status === expected.status, () => label);
  assertThat(/^application\/problem\+json/.test(response.contentType), () => `not problem+json: ${label}`);
  const body = response.json as Record<string, unknown>;
  assertThat(body?.code === expected.code && body.status === expected.status, () => label);
  for (const key of ["type", "title", "detail"]) {
    assertThat(typeof body[key] === "string" && (body[key] as string).trim() !== "", () => `${key} is not a readable string: ${label}`);
  }
  const keys = ["type", "title", "status", "code", "detail", ...(PROBLEM_DATA[expected.code] ?? [])].sort();
  assertSame(`problem fields of ${expected.code}`, Object.keys(body).sort(), keys);
  for (const [key, value] of Object.entries(expected.data)) assertSame(`${expected.code}.${key}`, body[key], value);
  expected.check?.(body);
}

/**
 * Compares a set the server answered with the model's. A pending `updated_at` must fall in its window and is then
 * pinned to the server's value; an exact one must be equal.
 */
export function checkSet(model: ReferenceModel, label: string, actual: unknown, set: ModelSet, withMembers: boolean): void {
  const { body, updatedAt } = expectedSet(model, set, withMembers);
  if ("exact" in updatedAt) return assertSame(label, actual, body);
  const value = (actual as { updated_at?: unknown } | null)?.updated_at;
  expectTimeIn(`${label}: updated_at after a change`, value, updatedAt);
  assertSame(label, actual, { ...body, updated_at: value });
  set.updatedAt = { exact: value as string };
}

/** The list of sets (one page of 200, newest first) equals the model's live sets, field by field. */
export async function verifyList(model: ReferenceModel, api: ApiClient): Promise<void> {
  const response = await api.send("GET", "/deployment-sets?limit=200");
  const page = expectStatus(response, 200) as { items: { id: string }[]; total: number; limit: number; offset: number };
  const newestFirst = model.live().reverse();
  assertSame("list page", { total: page.total, limit: page.limit, offset: page.offset }, { total: newestFirst.length, limit: 200, offset: 0 });
  assertSame("list order (ids, newest first)", page.items.map((item) => item.id), newestFirst.map((set) => set.id));
  newestFirst.forEach((set, i) => checkSet(model, `list item ${i} (${set.id})`, page.items[i], set, false));
}

/** `GET /deployment-sets/{id}` equals the model's set with its members. */
export async function verifyGet(model: ReferenceModel, api: ApiClient, setId: string): Promise<void> {
  const response = await api.send("GET", `/deployment-sets/${setId}`);
  checkSet(model, `set ${setId}`, expectStatus(response, 200), model.sets.get(setId)!, true);
}

/** `GET /deployment-sets/{id}/members` equals the model's members in order. */
export async function verifyMembers(model: ReferenceModel, api: ApiClient, setId: string): Promise<void> {
  const set = model.sets.get(setId)!;
  const response = await api.send("GET", `/deployment-sets/${setId}/members`);
  assertSame(`members of ${setId}`, expectStatus(response, 200), set.members.map((m, i) => expectedMember(model, set, m, i)));
}

/** `GET /deployment-sets/{id}/resolve` equals the model's resolution, or the problem the model expects. */
export async function verifyResolve(model: ReferenceModel, api: ApiClient, setId: string): Promise<void> {
  const response = await api.send("GET", `/deployment-sets/${setId}/resolve`);
  const expected = resolveInModel(model, setId);
  if ("problem" in expected) return expectProblem(response, expected);
  assertSame(`resolution of ${setId}`, expectStatus(response, 200), expected);
}

/** A deleted (or never created) set is not found. */
export async function verifyGone(api: ApiClient, setId: string): Promise<void> {
  const response = await api.send("GET", `/deployment-sets/${setId}`);
  expectProblem(response, { problem: true, status: 404, code: "set_not_found", data: { set_id: setId } });
}
