// The body of a steady-stream process (see steady-stream.ts): run with `node --import tsx`, configured by one JSON
// argument, it sends an owner's reads and writes at a steady pace until its stdin closes, then prints every sample
// as one JSON line on stdout. It runs in a process of its own so that its timings do not include the test
// process's event-loop delays while that process fires a burst.
import { apiClient, type Answer } from "./http-client.js";
import type { SteadyStreamConfig, StreamSample } from "./steady-stream.js";

const config = JSON.parse(process.argv[2]!) as SteadyStreamConfig;
const clients = config.bases.map((base) => apiClient(base, config.token, 10_000));
const samples: StreamSample[] = [];
let stopping = false;
process.stdin.resume();
process.stdin.on("end", () => (stopping = true));
process.stdin.on("close", () => (stopping = true));

let nextArtifact = 0;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One worker: alternates a read of the set, an add of a new member, a read of the members, a removal. */
async function worker(index: number): Promise<void> {
  for (let round = 0; !stopping; round++) {
    const client = clients[(index + round) % clients.length]!;
    const take = (answer: Answer) => {
      samples.push({ ms: Math.round(answer.ms * 100) / 100, status: answer.status, method: answer.method, at: Date.now() });
      return answer;
    };
    take(await client.send("GET", `/deployment-sets/${config.setId}`));
    await sleep(config.pauseMs);
    const uuid = config.artifactUuids[nextArtifact++ % config.artifactUuids.length]!;
    const added = take(await client.send("POST", `/deployment-sets/${config.setId}/members`, { artifact_uuid: uuid }));
    await sleep(config.pauseMs);
    take(await client.send("GET", `/deployment-sets/${config.setId}/members`));
    await sleep(config.pauseMs);
    if (added.status === 201) {
      const id = (JSON.parse(added.text) as { id: string }).id;
      take(await client.send("DELETE", `/deployment-sets/${config.setId}/members/${id}`));
      await sleep(config.pauseMs);
    }
  }
}

process.stdout.write("READY\n");
await Promise.all(Array.from({ length: config.workers }, (_, i) => worker(i)));
process.stdout.write(`${JSON.stringify(samples)}\n`);
