import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { LightMyRequestResponse } from "fastify";
import { expect } from "vitest";
import { EXAMPLE_COLLECTION } from "../src/config.js";
import type { TestServer } from "./harness.js";

/** The first 32 hex characters of SHA-256 of `text` (how derived ids are made), computed here independently. */
function sha256Prefix(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex").slice(0, 32);
}

/** An artifact's derived id: SHA-256 of `artifact:<type>:<name>`, first 32 hex characters. */
export const derivedId = (type: string, name: string) => sha256Prefix(`artifact:${type}:${name}`);
/** A catalog group's id: SHA-256 of `group:<name>`, first 32 hex characters. */
export const groupIdOf = (name: string) => sha256Prefix(`group:${name}`);

type ArtifactType = "skill" | "command" | "agent" | "hook" | "mcp";

/** An artifact of the example collection as the tests expect it. */
export interface ExampleArtifact {
  readonly name: string;
  readonly type: ArtifactType;
  /** The canonical uuid: the `uuid` field of collection.toml, else the derived id. */
  readonly uuid: string;
  /** Always the derived id (equal to `uuid` when collection.toml gives none). */
  readonly derivedId: string;
  /** The source path relative to the collection folder. */
  readonly path: string;
}

const FOLDER_TYPES = new Set<ArtifactType>(["skill", "hook", "mcp"]);
const TYPE_FOLDERS: Record<ArtifactType, string> = { skill: "skills", command: "commands", agent: "agents", hook: "hooks", mcp: "mcp" };

function artifact(type: ArtifactType, name: string, uuid?: string): ExampleArtifact {
  const derived = derivedId(type, name);
  const path = `${TYPE_FOLDERS[type]}/${name}${FOLDER_TYPES.has(type) ? "" : ".md"}`;
  return { name, type, uuid: uuid ?? derived, derivedId: derived, path };
}

/**
 * The 13 artifacts of examples/starter-collection, in the artifact list's order (type, then name). Two of them
 * carry an explicit `uuid` in collection.toml (api-design, review): their derived id is an alias.
 */
export const EXAMPLE_ARTIFACTS = [
  artifact("skill", "api-design", "4bffb3fc729543ddb27751361d169512"),
  artifact("skill", "changelog"),
  artifact("skill", "docs-style"),
  artifact("skill", "sql-migrations"),
  artifact("command", "review", "d002db29196e4d9fbf2d658fcd7edde2"),
  artifact("command", "update-docs"),
  artifact("command", "write-tests"),
  artifact("agent", "code-reviewer"),
  artifact("agent", "db-architect"),
  artifact("agent", "docs-writer"),
  artifact("hook", "guard-secrets"),
  artifact("mcp", "github"),
  artifact("mcp", "postgres"),
] as const;

/** An example artifact by name. */
export function art(name: string): ExampleArtifact {
  const found = EXAMPLE_ARTIFACTS.find((a) => a.name === name);
  if (!found) throw new Error(`no example artifact ${name}`);
  return found;
}

/** An example group as the tests expect it. */
export interface ExampleGroup {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly members: readonly string[];
}

function group(name: string, description: string, members: string[]): ExampleGroup {
  return { id: groupIdOf(name), name, description, members };
}

/** The 3 groups of the example collection, in `position` order, with their members' names in group order. */
export const EXAMPLE_GROUPS = [
  group("Backend essentials", "Design the API, evolve the schema safely, test it, and look at the live database.", [
    "api-design",
    "sql-migrations",
    "db-architect",
    "write-tests",
    "postgres",
  ]),
  group("Docs toolkit", "Write docs in one voice and keep them in step with the code.", [
    "docs-style",
    "docs-writer",
    "update-docs",
    "changelog",
  ]),
  group("Code review", "Review branches before they merge, and keep secrets out of the repository.", [
    "review",
    "code-reviewer",
    "guard-secrets",
    "github",
  ]),
] as const;

/** An example group by name. */
export function grp(name: string): ExampleGroup {
  const found = EXAMPLE_GROUPS.find((g) => g.name === name);
  if (!found) throw new Error(`no example group ${name}`);
  return found;
}

/** A set id nobody has (well-formed). */
export const UNKNOWN_ID = "0".repeat(32);

/** The data fields each error code carries at the top level of its problem body (see docs/concepts.md). */
const DATA_KEYS: Readonly<Record<string, readonly string[]>> = {
  malformed_json: [],
  unsupported_media_type: [],
  payload_too_large: [],
  route_not_found: [],
  unauthenticated: [],
  forbidden: [],
  validation_failed: ["errors"],
  set_not_found: ["set_id"],
  member_not_found: ["member_id"],
  unknown_reference: ["kind", "id"],
  duplicate_member: ["member_id"],
  cycle_detected: ["path", "set_names"],
  depth_limit_exceeded: ["path", "limit"],
  too_many_members: ["limit"],
  project_path_invalid: ["project_path"],
  project_path_forbidden: ["project_path"],
  deploy_disabled: [],
  project_unavailable: ["project_path", "reason"],
};

/**
 * Asserts an RFC 9457 problem: the status, `application/problem+json`, exactly the keys `type, title, status,
 * code, detail` plus the code's data fields, a readable `detail`, and `data` (when given) matching the body.
 * Returns the body for further checks.
 */
export function expectProblem(
  response: LightMyRequestResponse,
  status: number,
  code: string,
  data: Record<string, unknown> = {},
): Record<string, unknown> & { detail: string } {
  const label = `${status} ${code}: ${response.body}`;
  expect(response.statusCode, label).toBe(status);
  expect(response.headers["content-type"], label).toMatch(/^application\/problem\+json/);
  const body = response.json();
  expect(body, label).toMatchObject({ status, code, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
  expect(body.type.length, label).toBeGreaterThan(0);
  expect(body.title.length, label).toBeGreaterThan(0);
  expect(body.detail.length, label).toBeGreaterThan(0);
  const dataKeys = DATA_KEYS[code];
  if (!dataKeys) throw new Error(`expectProblem: unknown code ${code}`);
  expect(Object.keys(body).sort(), label).toEqual(["type", "title", "status", "code", "detail", ...dataKeys].sort());
  expect(body, label).toMatchObject(data);
  return body;
}

/** Asserts a `validation_failed` problem whose errors name exactly `paths` (in any order). */
export function expectValidation(response: LightMyRequestResponse, paths: readonly string[]): void {
  const body = expectProblem(response, 422, "validation_failed");
  const errors = body.errors as { path: string; message: string }[];
  for (const error of errors) expect(error, response.body).toEqual({ path: expect.any(String), message: expect.any(String) });
  expect([...new Set(errors.map((e) => e.path))].sort(), response.body).toEqual([...paths].sort());
}

/** A set as the tests use it. */
export interface SetRef {
  readonly id: string;
  readonly name: string;
}

/** A member DTO. */
export interface MemberBody {
  id: string;
  deployment_set_id: string;
  member_type: "artifact" | "group" | "set";
  artifact_uuid: string | null;
  group_id: string | null;
  nested_set_id: string | null;
  position: number;
  added_at: string;
  name: string | null;
  /** Always `null` (SkillMeat's clients read it). */
  workflow_id: null;
}

/** Small request helpers over a test server that assert the success status. */
export function api(server: TestServer) {
  const sets = "/api/v1/deployment-sets";
  return {
    async createSet(name: string): Promise<SetRef> {
      const response = await server.request("POST", sets, { name });
      expect(response.statusCode, response.body).toBe(201);
      return response.json();
    },
    /** A set holding the named example artifacts (by uuid), in order. */
    async setWith(name: string, artifacts: readonly string[]): Promise<SetRef> {
      const set = await this.createSet(name);
      for (const artifact of artifacts) await this.addMember(set.id, { artifact_uuid: art(artifact).uuid });
      return set;
    },
    async addMember(setId: string, body: object): Promise<MemberBody> {
      const response = await server.request("POST", `${sets}/${setId}/members`, body);
      expect(response.statusCode, response.body).toBe(201);
      return response.json();
    },
    async members(setId: string): Promise<MemberBody[]> {
      const response = await server.request("GET", `${sets}/${setId}/members`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json();
    },
    /** The names of a set's members, in position order. */
    async memberNames(setId: string): Promise<(string | null)[]> {
      return (await this.members(setId)).map((member) => member.name);
    },
    /** The positions of a set's members, in order. */
    async memberPositions(setId: string): Promise<number[]> {
      return (await this.members(setId)).map((member) => member.position);
    },
    /** A chain of `length` sets, each holding the next: returns them root first. */
    async chain(prefix: string, length: number): Promise<SetRef[]> {
      const chain: SetRef[] = [];
      for (let i = 1; i <= length; i++) chain.push(await this.createSet(`${prefix} ${i}`));
      for (let i = 0; i < length - 1; i++) await this.addMember(chain[i]!.id, { nested_set_id: chain[i + 1]!.id });
      return chain;
    },
  };
}

/** A copy of the example collection in a fresh temporary folder (its real path), for tests that edit it. */
export function copyExampleCollection(): {
  readonly dir: string;
  read(): string;
  rewrite(edit: (toml: string) => string): void;
  remove(): void;
} {
  const dir = join(realpathSync(mkdtempSync(join(tmpdir(), "ds-collection-"))), "collection");
  cpSync(EXAMPLE_COLLECTION, dir, { recursive: true });
  const file = join(dir, "collection.toml");
  return {
    dir,
    read: () => readFileSync(file, "utf8"),
    rewrite(edit) {
      writeFileSync(file, edit(readFileSync(file, "utf8")));
    },
    remove() {
      rmSync(join(dir, ".."), { recursive: true, force: true });
    },
  };
}

/**
 * Removes the `[[artifacts]]` entry named `name` (with its `[artifacts.metadata]` table) from a collection.toml
 * text, and every group member line naming it.
 */
export function withoutArtifact(toml: string, type: string, name: string): string {
  const blocks = toml.split(/(?=^\[\[(?:artifacts|groups)\]\]$)/m);
  const kept = blocks.filter((block) => !(block.startsWith("[[artifacts]]") && block.includes(`\nname = "${name}"\n`)));
  if (kept.length !== blocks.length - 1) throw new Error(`withoutArtifact: ${name} not found exactly once`);
  return kept.join("").replaceAll(`  "${type}:${name}",\n`, "");
}

/** Removes the `[[groups]]` entry named `name` from a collection.toml text. */
export function withoutGroup(toml: string, name: string): string {
  const blocks = toml.split(/(?=^\[\[(?:artifacts|groups)\]\]$)/m);
  const kept = blocks.filter((block) => !(block.startsWith("[[groups]]") && block.includes(`\nname = "${name}"\n`)));
  if (kept.length !== blocks.length - 1) throw new Error(`withoutGroup: ${name} not found exactly once`);
  return kept.join("");
}
