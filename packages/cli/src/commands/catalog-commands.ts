import type { Command } from "commander";
import { ARTIFACT_TYPES } from "@deployment-sets/core";
import { Option } from "commander";
import type { Wrap } from "../command-context.js";
import { table } from "../render/table.js";
import { examples, pageOptions, parsePage } from "./shared.js";

/** `artifacts` and `groups`: the collection. */
export function registerCatalogCommands(program: Command, wrap: Wrap): void {
  pageOptions(
    program
      .command("artifacts")
      .description("list the collection's artifacts")
      .addOption(new Option("--type <type>", "only this type").choices(ARTIFACT_TYPES))
      .option("--search <text>", "only names containing text (any case)"),
  )
    .addHelpText("after", examples("deployment-sets artifacts --type skill", "deployment-sets artifacts --search review --json"))
    .action(
      wrap(async ({ out, backend }, options: { type?: (typeof ARTIFACT_TYPES)[number]; search?: string; limit?: number; offset?: number }) => {
        const page = await (await backend()).listArtifacts({
          ...parsePage(options),
          ...(options.type ? { type: options.type } : {}),
          ...(options.search ? { q: options.search } : {}),
        });
        if (out.json) return out.data(page);
        if (page.total === 0) return out.line("No artifacts match.");
        out.line(table(out.colors, ["NAME", "TYPE", "DESCRIPTION"], page.items.map((a) => [a.name, a.type, a.description ?? ""])));
        if (page.items.length < page.total) out.line(out.colors.dim(`showing ${page.items.length} of ${page.total}; see --limit and --offset`));
      }),
    );

  pageOptions(program.command("groups").description("list the collection's groups"))
    .addHelpText("after", examples("deployment-sets groups"))
    .action(
      wrap(async ({ out, backend }, options: { limit?: number; offset?: number }) => {
        const page = await (await backend()).listGroups(parsePage(options));
        if (out.json) return out.data(page);
        if (page.total === 0) return out.line("The collection has no groups.");
        out.line(
          table(out.colors, ["NAME", "ARTIFACTS", "DESCRIPTION"], page.items.map((g) => [g.name, g.artifact_uuids.length, g.description ?? ""])),
        );
        if (page.items.length < page.total) out.line(out.colors.dim(`showing ${page.items.length} of ${page.total}; see --limit and --offset`));
      }),
    );
}
