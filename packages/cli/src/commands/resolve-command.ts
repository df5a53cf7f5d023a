import type { Command } from "commander";
import type { Wrap } from "../command-context.js";
import { allGroups, findSet } from "../lookup.js";
import { resolutionTree } from "../render/resolution-tree.js";
import { examples } from "./shared.js";

/** `resolve`: what a set stands for, as a tree of why each artifact is in. */
export function registerResolveCommand(program: Command, wrap: Wrap): void {
  program
    .command("resolve")
    .description("show the artifacts a set resolves to, as a tree of the sets and groups that bring each in")
    .argument("<set>", "the set's name or id")
    .addHelpText("after", examples("deployment-sets resolve Full-stack", "deployment-sets resolve Full-stack --json | jq '.resolved_artifacts[].artifact_name'"))
    .action(
      wrap(async ({ out, backend }, wanted: string) => {
        const api = await backend();
        const resolution = await api.resolve((await findSet(api, wanted)).id);
        if (out.json) return out.data(resolution);
        out.line(resolutionTree(resolution, out.colors, new Set((await allGroups(api)).map((group) => group.name))));
      }),
    );
}
