import type { SpawnedServer } from "../../test/spawn-server.js";
import type { Answer, ApiClient } from "./http-client.js";

/** What was in flight when the process was killed. */
export interface KillRound {
  /** Every clone sent, by name, with its status (0: no answer, killed first). */
  readonly clones: readonly { readonly name: string; readonly status: number }[];
  /** The deploy's answer (status 0 when it was killed first). */
  readonly deploy: Answer;
  readonly killedAfterMs: number;
}

/**
 * Starts a deploy of `deploySetId` into `project` and `cloneLoops` loops cloning `sourceId` again and again
 * (clones named `<prefix> <n>`), SIGKILLs the process `killAfterMs` later, and waits for it to be gone and for
 * every request to end.
 */
export async function killDuringWrites(
  server: SpawnedServer,
  client: ApiClient,
  options: { sourceId: string; deploySetId: string; project: string; prefix: string; killAfterMs: number; cloneLoops: number },
): Promise<KillRound> {
  let alive = true;
  const clones: { name: string; status: number }[] = [];
  const cloneLoop = async () => {
    while (alive) {
      const name = `${options.prefix} ${clones.length}`;
      const entry = { name, status: 0 };
      clones.push(entry);
      entry.status = (await client.send("POST", `/deployment-sets/${options.sourceId}/clone`, { name })).status;
    }
  };
  const started = Date.now();
  const deploy = client.send("POST", `/deployment-sets/${options.deploySetId}/deploy`, { project_path: options.project });
  const loops = Array.from({ length: options.cloneLoops }, cloneLoop);
  await new Promise((resolve) => setTimeout(resolve, options.killAfterMs));
  server.child.kill("SIGKILL");
  await server.exited;
  const killedAfterMs = Date.now() - started;
  alive = false;
  const [answer] = await Promise.all([deploy, ...loops]);
  return { clones, deploy: answer, killedAfterMs };
}
