import { cpSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EXAMPLE_COLLECTION } from "../../src/config.js";
import { derivedId } from "../../test/fixtures.js";
import { startTestServer, type TestServerWithDatabase } from "../../test/harness.js";
import type { ProjectPlace } from "./plan-types.js";

/** A listening server on a fresh database, with seeded sets, project folders and the folders to watch. */
export interface FuzzWorld {
  readonly adapter: "sqlite" | "postgres";
  readonly server: TestServerWithDatabase;
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string;
  readonly port: number;
  /** The one allowed project root. */
  readonly projectRoot: string;
  /** Folders no rejected request may change: the project root, folders beside it, and the collection. */
  readonly watched: readonly string[];
  readonly artifacts: readonly { readonly uuid: string; readonly derivedId: string }[];
  readonly groups: readonly string[];
  /** A concrete `project_path` for a place; `index` picks among the project folders. */
  projectPath(place: ProjectPlace, index: number): string;
  close(): Promise<void>;
}

const PROJECTS = ["alpha", "beta", "gamma"];

/**
 * Builds the world: a scratch folder holding the allowed project root (three projects, one with a user's own
 * files, and a symlink leading out), a folder outside it, a sibling whose name starts like the root's, and a copy
 * of the example collection (so a bug writing into the collection cannot touch the repository). Then starts the
 * server, listens on a free port and seeds four sets with tags, members and nesting, and one deploy.
 */
export async function openFuzzWorld(adapter: "sqlite" | "postgres"): Promise<FuzzWorld> {
  const base = realpathSync(mkdtempSync(join(tmpdir(), "ds-fuzz-")));
  const projectRoot = join(base, "projects");
  const outside = join(base, "outside");
  const sibling = join(base, "projects-evil");
  const collection = join(base, "collection");
  for (const project of PROJECTS) mkdirSync(join(projectRoot, project, "nested"), { recursive: true });
  mkdirSync(join(projectRoot, "alpha", ".claude"), { recursive: true });
  writeFileSync(join(projectRoot, "alpha", ".claude", "settings.json"), '{"mine": true}\n');
  writeFileSync(join(projectRoot, "alpha", "README.md"), "# the user's project\n");
  mkdirSync(outside);
  writeFileSync(join(outside, "secret.txt"), "not yours\n");
  mkdirSync(sibling);
  symlinkSync(outside, join(projectRoot, "link-out"));
  cpSync(EXAMPLE_COLLECTION, collection, { recursive: true });

  const server = await startTestServer({ adapter, projectRoots: [projectRoot], collection });
  const origin = (await server.app.listen({ host: "127.0.0.1", port: 0 })).replace("localhost", "127.0.0.1");
  const artifacts = ((await server.request("GET", "/api/v1/artifacts?limit=200")).json().items as { uuid: string; type: string; name: string }[]).map(
    (a) => ({ uuid: a.uuid, derivedId: derivedId(a.type, a.name) }),
  );
  const groups = ((await server.request("GET", "/api/v1/groups?limit=200")).json().items as { id: string }[]).map((g) => g.id);
  await seed(server, artifacts, groups, join(projectRoot, "alpha"));

  const places: Record<ProjectPlace, (project: string) => string> = {
    inside: (project) => join(projectRoot, project),
    "inside-nested": (project) => join(projectRoot, project, "nested"),
    "inside-missing": (project) => join(projectRoot, project, "missing"),
    root: () => projectRoot,
    "traversal-in": (project) => `${projectRoot}/${project}/../beta`,
    "traversal-out": (project) => `${projectRoot}/${project}/../../outside`,
    "outside-existing": () => outside,
    "outside-missing": () => join(outside, "missing"),
    "sibling-prefix": () => sibling,
    "symlink-out": () => join(projectRoot, "link-out"),
    collection: () => collection,
    etc: () => "/etc",
    relative: (project) => `projects/${project}`,
    "trailing-slash": (project) => `${join(projectRoot, project)}/`,
  };
  return {
    adapter,
    server,
    origin,
    port: Number(new URL(origin).port),
    projectRoot,
    watched: [projectRoot, outside, sibling, collection],
    artifacts,
    groups,
    projectPath: (place, index) => places[place](PROJECTS[index % PROJECTS.length]!),
    async close() {
      await server.close();
      rmSync(base, { recursive: true, force: true });
    },
  };
}

/** Four sets (so there is something to lose): tags, artifacts, a group, nesting two deep, and one deploy. */
async function seed(server: TestServerWithDatabase, artifacts: FuzzWorld["artifacts"], groups: readonly string[], project: string): Promise<void> {
  const ids: string[] = [];
  for (const [index, name] of ["Backend", "Docs", "Review", "Everything"].entries()) {
    const response = await server.request("POST", "/api/v1/deployment-sets", {
      name,
      description: `seeded set ${index}`,
      icon: "🛠️",
      color: "#3b82f6",
      tags: ["seed", `t${index}`],
    });
    ids.push(response.json().id as string);
  }
  const add = async (set: number, body: object) => {
    const response = await server.request("POST", `/api/v1/deployment-sets/${ids[set]}/members`, body);
    if (response.statusCode !== 201) throw new Error(`seeding a member: ${response.statusCode} ${response.body}`);
  };
  for (let i = 0; i < 3; i++) await add(0, { artifact_uuid: artifacts[i]!.uuid });
  for (let i = 3; i < 6; i++) await add(1, { artifact_uuid: artifacts[i]!.uuid });
  if (groups[0]) await add(2, { group_id: groups[0] });
  await add(2, { nested_set_id: ids[0] });
  await add(3, { nested_set_id: ids[2] });
  await add(3, { nested_set_id: ids[1] });
  const deployed = await server.request("POST", `/api/v1/deployment-sets/${ids[3]}/deploy`, { project_path: project });
  if (deployed.statusCode !== 200) throw new Error(`seeding a deploy: ${deployed.statusCode} ${deployed.body}`);
}
