/**
 * A deploy in a child process, for the crash and cross-process tests:
 * `node --import tsx test/deploy-child.ts <input.json>`. Prints `ready` once loaded, waits for the file named by
 * `go` (when given) to exist, prints `start` right before deploying, then the results as one JSON line.
 */
import { access, readFile } from "node:fs/promises";
import type { Artifact, DeployProfile } from "@deployment-sets/core";
import { FilesystemDeployer } from "../src/deployer/index.js";

interface ChildInput {
  readonly collection: string;
  readonly project: string;
  readonly setId: string;
  readonly profile: DeployProfile;
  readonly artifacts: readonly Artifact[];
  readonly go?: string;
}

const input = JSON.parse(await readFile(process.argv[2]!, "utf8")) as ChildInput;
const deployer = new FilesystemDeployer({ collectionRoot: input.collection, allowedRoots: [input.project] });
process.stdout.write("ready\n");
if (input.go) {
  for (;;) {
    try {
      await access(input.go);
      break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }
}
process.stdout.write("start\n");
const results = await deployer.deploy({
  setId: input.setId,
  projectPath: input.project,
  profile: input.profile,
  force: false,
  prune: false,
  artifacts: input.artifacts,
});
process.stdout.write(`${JSON.stringify(results)}\n`);
