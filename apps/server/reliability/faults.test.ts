import { mkdirSync, mkdtempSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRandom } from "@deployment-sets/bench-fixtures";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADAPTERS } from "../test/harness.js";
import { assertBuilt, type SpawnedServer } from "../test/spawn-server.js";
import { openBackend, type Backend } from "./processes/backend.js";
import { reportProblems, type DeployReport } from "./processes/deploy-report.js";
import { apiClient, expectStatus, type ApiClient } from "./processes/http-client.js";
import { killDuringWrites } from "./processes/kill-during-writes.js";
import { writeLargeCollection, type CollectionArtifact, type LargeCollection } from "./processes/large-collection.js";
import { createSetWith, memberRefs, setsNamed } from "./processes/owner-sets.js";
import { projectProblems, temporaryLeftovers, trackedRecords } from "./processes/project-files.js";
import { runPostgresOutage } from "./processes/postgres-outage.js";
import { Tally } from "./processes/tally.js";
import { reportReliability } from "./report.js";

// Real server processes killed with SIGKILL in the middle of clones and deploys, a PostgreSQL that goes away under
// load (a TCP proxy between the server and the machine's PostgreSQL is shut, never PostgreSQL itself), and two
// processes deploying into one project at once.

const OWNER = "owner-faults";
const CLONED_MEMBERS = 500;
const KILL_ROUNDS = 4;
const SEED = Number(process.env.RELIABILITY_SEED ?? Date.now() % 1_000_000);

let folder: string;
let collection: LargeCollection;

beforeAll(() => {
  assertBuilt();
  folder = realpathSync(mkdtempSync(join(tmpdir(), "ds-rel-faults-")));
  collection = writeLargeCollection(join(folder, "collection"), { commands: 600, skills: 20, mcps: 2 });
});
afterAll(() => {
  if (folder) rmSync(folder, { recursive: true, force: true });
});

const artifactBody = (artifact: CollectionArtifact) => ({ artifact_uuid: artifact.uuid });

describe.each(ADAPTERS)("faults on %s", (adapter) => {
  let backend: Backend;
  let server: SpawnedServer;
  let client: ApiClient;
  /** The set cloned while the process is killed: {@link CLONED_MEMBERS} commands. */
  let sourceId: string;
  /** The set deployed while the process is killed: the source nested, plus every skill and MCP server. */
  let deploySetId: string;
  const deployed = () => [...collection.commands.slice(0, CLONED_MEMBERS), ...collection.skills, ...collection.mcps];
  const restart = async () => {
    server = await backend.start();
    client = apiClient(server.url, backend.tokenOf(OWNER));
  };

  beforeAll(async () => {
    backend = await openBackend({ adapter, collection: collection.root, owners: [OWNER] });
    await restart();
    sourceId = await createSetWith(client, "clone source", collection.commands.slice(0, CLONED_MEMBERS).map(artifactBody), 10);
    deploySetId = await createSetWith(client, "deploy source", [{ nested_set_id: sourceId }, ...[...collection.skills, ...collection.mcps].map(artifactBody)]);
  });
  afterAll(async () => {
    await backend?.close();
  });

  it("SIGKILL during clones and a deploy, then a restart: no partial clone, no half-written artifact, no false local changes", async () => {
    const tally = new Tally();
    const random = createRandom(SEED);
    const deploy = async (project: string) => {
      mkdirSync(project, { recursive: true });
      const answer = tally.record(await client.send("POST", `/deployment-sets/${deploySetId}/deploy`, { project_path: project }));
      return answer.status === 200 ? (JSON.parse(answer.text) as DeployReport) : (tally.fail(`deploy: ${answer.status} ${answer.text.slice(0, 300)}`), undefined);
    };
    // How long a whole deploy takes here: the kills land anywhere inside one.
    const calibrateStart = Date.now();
    await deploy(join(backend.projects, "calibrate"));
    const deployMs = Date.now() - calibrateStart;
    const sourceRefs = await memberRefs(client, sourceId);
    const kills: number[] = [];
    let clonesAnswered = 0;
    let clonesFound = 0;
    let clonesCut = 0;
    let deploysCut = 0;
    let leftoversAfterKill = 0;

    for (let round = 0; round < KILL_ROUNDS; round++) {
      const project = join(backend.projects, `kill-${round}`);
      mkdirSync(project);
      const prefix = `killed clone ${round}`;
      const killAfterMs = Math.round(deployMs * (0.1 + 0.8 * random.float()));
      const result = await killDuringWrites(server, client, { sourceId, deploySetId, project, prefix, killAfterMs, cloneLoops: 2 });
      kills.push(result.killedAfterMs);
      // The killed process answers nothing more (status 0); whatever it did answer is held to the usual rules.
      tally.requests += result.clones.length + 1;
      for (const { name, status } of [...result.clones, { name: "the deploy", status: result.deploy.status }]) {
        if (status >= 500) tally.fail(`round ${round}: ${name} answered ${status}`);
        tally.s5xx += status >= 500 ? 1 : 0;
      }
      clonesCut += result.clones.filter((c) => c.status === 0).length;
      deploysCut += result.deploy.status === 0 ? 1 : 0;
      leftoversAfterKill += temporaryLeftovers(project).length;
      for (const line of projectProblems(project, collection, deployed(), false)) tally.fail(`after the kill in round ${round}: ${line}`);

      await restart();
      // A clone exists with every member, or not at all; one answered 201 exists.
      const found = await setsNamed(client, prefix);
      clonesFound += found.length;
      for (const clone of found) {
        const refs = await memberRefs(client, clone.id);
        if (refs.length !== sourceRefs.length || refs.some((ref, i) => ref !== sourceRefs[i])) {
          tally.fail(`round ${round}: ${clone.name} holds ${refs.length} of ${sourceRefs.length} members (or others)`);
        }
      }
      for (const clone of result.clones.filter((c) => c.status === 201)) {
        clonesAnswered++;
        if (!found.some((f) => f.name === clone.name)) tally.fail(`round ${round}: ${clone.name} answered 201 but does not exist`);
      }
      // The deploy after the crash converges, without a false local modification.
      const report = await deploy(project);
      for (const line of report ? reportProblems(report) : []) tally.fail(`redeploy in round ${round}: ${line}`);
      for (const line of projectProblems(project, collection, deployed(), true)) tally.fail(`after the redeploy in round ${round}: ${line}`);
      for (const path of temporaryLeftovers(project)) tally.fail(`after the redeploy in round ${round}: leftover ${path}`);
      const records = trackedRecords(project);
      for (const artifact of deployed()) {
        const sets = records.get(`${artifact.type}:${artifact.name}`);
        if (sets?.join() !== deploySetId) tally.fail(`round ${round}: the record of ${artifact.name} names ${JSON.stringify(sets)}`);
      }
    }
    for (const line of backend.exits().slice(KILL_ROUNDS)) tally.fail(line);

    reportReliability({
      part: "faults-kill",
      adapter,
      requests: tally.requests,
      failures: tally.failures,
      s5xx: tally.s5xx,
      seed: SEED,
      deploy_ms: deployMs,
      killed_after_ms: kills,
      deploys_cut: deploysCut,
      leftovers_after_kill: leftoversAfterKill,
      clones_answered: clonesAnswered,
      clones_cut: clonesCut,
      clones_found: clonesFound,
    });
    expect(tally.failures, tally.describe()).toBe(0);
  });

  it("two deploys into one project at once through two processes: both complete, the tracking files hold both sets' records", async () => {
    const tally = new Tally();
    const second = await backend.start();
    const clients = [client, apiClient(second.url, backend.tokenOf(OWNER))] as const;
    const shared = [...collection.commands.slice(0, 10), collection.skills[0]!];
    const only = [
      [...collection.commands.slice(500, 550), collection.mcps[0]!],
      [...collection.commands.slice(550, 600), collection.mcps[1]!],
    ];
    const setIds = [
      await createSetWith(clients[0], "deploy A", [...shared, ...only[0]!].map(artifactBody)),
      await createSetWith(clients[1], "deploy B", [...shared, ...only[1]!].map(artifactBody)),
    ];
    const project = join(backend.projects, "two-deploys");
    mkdirSync(project);
    const answers = await Promise.all(setIds.map((id, i) => clients[i]!.send("POST", `/deployment-sets/${id}/deploy`, { project_path: project })));
    for (const answer of answers) {
      tally.record(answer);
      if (answer.status !== 200) tally.fail(`deploy: ${answer.status} ${answer.text.slice(0, 300)}`);
      else for (const line of reportProblems(JSON.parse(answer.text) as DeployReport)) tally.fail(line);
    }
    const records = trackedRecords(project);
    const want = (artifacts: readonly CollectionArtifact[], sets: string[]) => {
      for (const artifact of artifacts) {
        const got = records.get(`${artifact.type}:${artifact.name}`);
        if (got?.join() !== [...sets].sort().join()) tally.fail(`the record of ${artifact.name} names ${JSON.stringify(got)}, not ${JSON.stringify(sets)}`);
      }
    };
    want(shared, setIds);
    want(only[0]!, [setIds[0]!]);
    want(only[1]!, [setIds[1]!]);
    for (const line of projectProblems(project, collection, [...shared, ...only[0]!, ...only[1]!], true)) tally.fail(line);
    for (const [i, id] of setIds.entries()) {
      const where = expectStatus<{ project_path: string }[]>(tally.record(await clients[i]!.send("GET", `/deployment-sets/${id}/deployments`)), 200);
      if (!where.some((entry) => entry.project_path === project)) tally.fail(`set ${id} does not list ${project} among its deployments`);
    }
    await second.stop();

    reportReliability({
      part: "faults-two-deploys",
      adapter,
      requests: tally.requests,
      failures: tally.failures,
      s5xx: tally.s5xx,
      records: records.size,
      deploy_ms: answers.map((answer) => Math.round(answer.ms)),
    });
    expect(tally.failures, tally.describe()).toBe(0);
  });
});

describe.skipIf(!process.env.PG_URL)("PostgreSQL stops under load", () => {
  let backend: Backend;
  beforeAll(async () => {
    backend = await openBackend({ adapter: "postgres", collection: collection.root, owners: [OWNER], viaProxy: true });
  });
  afterAll(async () => {
    await backend?.close();
  });

  it("requests fail fast with a 503 problem, /readyz answers 503, and the server recovers by itself", async () => {
    const server = await backend.start();
    const outage = await runPostgresOutage({
      client: apiClient(server.url, backend.tokenOf(OWNER)),
      proxy: backend.proxy!,
      artifactUuids: collection.commands.slice(0, 300).map((a) => a.uuid),
    });
    for (const line of backend.exits()) outage.tally.fail(line);
    reportReliability({
      part: "faults-pg-down",
      requests: outage.tally.requests,
      failures: outage.tally.failures,
      s5xx: outage.tally.s5xx,
      // 503 storage_unavailable while PostgreSQL is away: the designed answer, checked by the part.
      tolerated_503: outage.tally.tolerated5xx,
      max_ms_down: outage.maxMsDown,
      recovered_ms: outage.recoveredMs,
      statuses: outage.tally.statusCounts(),
    });
    expect(outage.tally.failures, outage.tally.describe()).toBe(0);
  });
});
