import { mkdirSync, mkdtempSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect } from "vitest";
import { api, art, type MemberBody } from "../../test/fixtures.js";
import { startTestServer, type TestServer, type TestServerOptions } from "../../test/harness.js";

const MEMBER_KEYS = ["id", "deployment_set_id", "member_type", "artifact_uuid", "group_id", "nested_set_id", "position", "added_at", "name", "workflow_id"];
const ISO_MS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** The deployment sets collection URL. */
export const setsUrl = "/api/v1/deployment-sets";
/** The members URL of a set. */
export const membersUrl = (setId: string) => `${setsUrl}/${setId}/members`;
/** The URL of one member of a set. */
export const memberUrl = (setId: string, memberId: string) => `${setsUrl}/${setId}/members/${memberId}`;
/** The resolve URL of a set. */
export const resolveUrl = (setId: string) => `${setsUrl}/${setId}/resolve`;
/** The deploy URL of a set. */
export const deployUrl = (setId: string) => `${setsUrl}/${setId}/deploy`;

/** Asserts a Member DTO: exactly its keys, well-formed ids and timestamp, `workflow_id: null`, and the given values. */
export function expectMember(member: MemberBody, want: Partial<MemberBody>) {
  expect(Object.keys(member).sort()).toEqual([...MEMBER_KEYS].sort());
  expect(member.id).toMatch(/^[0-9a-f]{32}$/);
  expect(member.added_at).toMatch(ISO_MS);
  // SkillMeat's web client declares the field and breaks without it.
  expect(member.workflow_id).toBeNull();
  expect(member).toMatchObject(want);
}

/** A resolved artifact as the Resolution DTO carries it. */
export const resolved = (name: string, sourcePath: string[]) => ({
  artifact_uuid: art(name).uuid,
  artifact_name: name,
  artifact_type: art(name).type,
  source_path: sourcePath,
});

/** A started test server, the API helpers over it, and folders for deploy tests. */
export interface ServerUnderTest {
  readonly server: TestServer;
  readonly a: ReturnType<typeof api>;
  /** A real folder outside the server's allowed roots (removed after the block). */
  readonly outside: string;
  /** Makes a fresh, empty project folder inside the server's allowed root. */
  readonly project: () => string;
}

/**
 * Starts a test server on `adapter` for the enclosing `describe` block before its tests, hands it to `use`,
 * and closes it (and removes `outside`) after the block's tests.
 */
export function startServerForBlock(adapter: TestServerOptions["adapter"], use: (started: ServerUnderTest) => void): void {
  let server: TestServer | undefined;
  let outside: string | undefined;
  beforeAll(async () => {
    const started = await startTestServer({ adapter });
    server = started;
    outside = realpathSync(mkdtempSync(join(tmpdir(), "ds-outside-")));
    let projects = 0;
    const project = () => {
      const dir = join(started.dir, `project-${++projects}`);
      mkdirSync(dir);
      return dir;
    };
    use({ server: started, a: api(started), outside, project });
  });
  afterAll(async () => {
    await server?.close();
    if (outside !== undefined) rmSync(outside, { recursive: true, force: true });
  });
}
