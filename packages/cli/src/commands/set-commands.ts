import type { Command } from "commander";
import type { Wrap } from "../command-context.js";
import { findSet, findSetWithMembers } from "../lookup.js";
import { table } from "../render/table.js";
import { examples, pageOptions, parsePage } from "./shared.js";

/** `sets list | show | create | rename | rm | clone`. */
export function registerSetCommands(program: Command, wrap: Wrap): void {
  const sets = program.command("sets").description("list, show, create, rename, remove and clone sets");
  for (const register of [listCommand, showCommand, createCommand, renameCommand, removeCommand, cloneCommand]) register(sets, wrap);
}

/** `sets list`: a page of the caller's sets, newest first. */
function listCommand(sets: Command, wrap: Wrap): void {
  pageOptions(
    sets
      .command("list")
      .alias("ls")
      .description("list your sets, newest first")
      .option("--name <text>", "only sets whose name contains text (any case)")
      .option("--tag <tag>", "only sets with this tag"),
  )
    .addHelpText("after", examples("deployment-sets sets list", "deployment-sets sets list --tag api --json"))
    .action(
      wrap(async ({ out, backend }, options: { name?: string; tag?: string; limit?: string; offset?: string }) => {
        const page = await (await backend()).listSets({ ...parsePage(options), ...(options.name ? { name: options.name } : {}), ...(options.tag ? { tag: options.tag } : {}) });
        if (out.json) return out.data(page);
        if (page.total === 0) return out.line("No sets yet. Create one: deployment-sets sets create <name>");
        out.line(
          table(
            out.colors,
            ["NAME", "ID", "MEMBERS", "ARTIFACTS", "TAGS"],
            page.items.map((set) => [set.name, set.id, set.member_count, set.resolved_count ?? "?", set.tags.join(", ")]),
          ),
        );
        if (page.items.length < page.total) out.line(out.colors.dim(`showing ${page.items.length} of ${page.total}; see --limit and --offset`));
      }),
    );
}

/** `sets show`: a set and its members. */
function showCommand(sets: Command, wrap: Wrap): void {
  sets
    .command("show")
    .description("show a set and its members")
    .argument("<set>", "the set's name or id")
    .addHelpText("after", examples("deployment-sets sets show Backend"))
    .action(
      wrap(async ({ out, backend }, wanted: string) => {
        const set = await findSetWithMembers(await backend(), wanted);
        if (out.json) return out.data(set);
        out.line(`${out.colors.bold(set.name)}  ${out.colors.dim(set.id)}`);
        if (set.description) out.line(set.description);
        if (set.tags.length > 0) out.line(`tags: ${set.tags.join(", ")}`);
        out.line(`${set.member_count} member${set.member_count === 1 ? "" : "s"}, ${set.resolved_count ?? "?"} artifacts resolved`);
        if (set.members.length === 0) return;
        out.line();
        out.line(
          table(
            out.colors,
            ["POS", "KIND", "NAME", "ID"],
            set.members.map((member) => [
              member.position,
              member.member_type,
              member.name ?? out.colors.red("(missing)"),
              member.artifact_uuid ?? member.group_id ?? member.nested_set_id,
            ]),
          ),
        );
      }),
    );
}

/** `sets create`: an empty set. */
function createCommand(sets: Command, wrap: Wrap): void {
  sets
    .command("create")
    .description("create an empty set")
    .argument("<name>", "the new set's name")
    .option("--description <text>", "what the set is for")
    .option("--tag <tag...>", "tags (repeat or list several)")
    .option("--icon <icon>", "an emoji or icon name")
    .option("--color <color>", "#rgb, #rrggbb or a CSS colour word")
    .addHelpText("after", examples('deployment-sets sets create Backend --tag api --description "API work"'))
    .action(
      wrap(async ({ out, backend }, name: string, options: { description?: string; tag?: string[]; icon?: string; color?: string }) => {
        const set = await (await backend()).createSet({
          name,
          ...(options.description !== undefined ? { description: options.description } : {}),
          ...(options.tag ? { tags: options.tag } : {}),
          ...(options.icon !== undefined ? { icon: options.icon } : {}),
          ...(options.color !== undefined ? { color: options.color } : {}),
        });
        if (out.json) return out.data(set);
        out.line(`Created set ${out.colors.bold(set.name)} (${set.id})`);
      }),
    );
}

/** `sets rename`. */
function renameCommand(sets: Command, wrap: Wrap): void {
  sets
    .command("rename")
    .description("rename a set")
    .argument("<set>", "the set's name or id")
    .argument("<new-name>", "its new name")
    .addHelpText("after", examples('deployment-sets sets rename Backend "Backend API"'))
    .action(
      wrap(async ({ out, backend }, wanted: string, newName: string) => {
        const api = await backend();
        const set = await findSet(api, wanted);
        const renamed = await api.updateSet(set.id, { name: newName });
        if (out.json) return out.data(renamed);
        out.line(`Renamed ${set.name} to ${out.colors.bold(renamed.name)}`);
      }),
    );
}

/** `sets rm`: delete a set. */
function removeCommand(sets: Command, wrap: Wrap): void {
  sets
    .command("rm")
    .alias("delete")
    .description("delete a set (sets that nest it lose that member; deployed files stay)")
    .argument("<set>", "the set's name or id")
    .addHelpText("after", examples("deployment-sets sets rm Backend"))
    .action(
      wrap(async ({ out, backend }, wanted: string) => {
        const api = await backend();
        const set = await findSet(api, wanted);
        await api.deleteSet(set.id);
        if (!out.json) out.line(`Deleted set ${set.name}`);
      }),
    );
}

/** `sets clone`: copy a set with its members. */
function cloneCommand(sets: Command, wrap: Wrap): void {
  sets
    .command("clone")
    .description("copy a set with its members")
    .argument("<set>", "the set's name or id")
    .option("--name <name>", 'the copy\'s name (default "<name> (copy)")')
    .addHelpText("after", examples('deployment-sets sets clone Backend --name "Backend v2"'))
    .action(
      wrap(async ({ out, backend }, wanted: string, options: { name?: string }) => {
        const api = await backend();
        const set = await findSet(api, wanted);
        const copy = await api.cloneSet(set.id, options.name !== undefined ? { name: options.name } : {});
        if (out.json) return out.data(copy);
        out.line(`Cloned ${set.name} as ${out.colors.bold(copy.name)} (${copy.id})`);
      }),
    );
}
