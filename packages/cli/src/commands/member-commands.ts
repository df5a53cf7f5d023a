import type { Member } from "@deployment-sets/client";
import type { Command } from "commander";
import type { Wrap } from "../command-context.js";
import { findMember, findMemberTarget, findSet } from "../lookup.js";
import { examples, wholeNumber } from "./shared.js";

/** `add`, `remove`, `move`: a set's members. */
export function registerMemberCommands(program: Command, wrap: Wrap): void {
  program
    .command("add")
    .description("add artifacts, groups or sets to a set (in order, at the end or from --position)")
    .argument("<set>", "the set's name or id")
    .argument("<member...>", "artifact, group or set names; kind:name when a name is ambiguous (skill:pdf, group:docs, set:Backend)")
    .option("--position <n>", "where the first goes (0 is first; default the end)", wholeNumber)
    .addHelpText("after", examples("deployment-sets add Backend code-reviewer skill:pdf", "deployment-sets add Full-stack set:Backend Frontend"))
    .action(
      wrap(async ({ out, backend }, wanted: string, members: string[], options: { position?: number }) => {
        const api = await backend();
        const set = await findSet(api, wanted);
        const targets = [];
        for (const member of members) targets.push(await findMemberTarget(api, member));
        const added: Member[] = [];
        for (const [index, target] of targets.entries()) {
          const position = options.position !== undefined ? { position: options.position + index } : {};
          added.push(await api.addMember(set.id, { ...target.body, ...position }));
          if (!out.json) out.line(`Added ${target.label} to ${set.name} at position ${added.at(-1)!.position}`);
        }
        if (out.json) out.data(added);
      }),
    );

  program
    .command("remove")
    .alias("rm")
    .description("remove a member from a set")
    .argument("<set>", "the set's name or id")
    .argument("<member>", "the member's name (kind:name when two share it) or id")
    .addHelpText("after", examples("deployment-sets remove Backend code-reviewer"))
    .action(
      wrap(async ({ out, backend }, wanted: string, memberName: string) => {
        const api = await backend();
        const set = await findSet(api, wanted);
        const member = findMember(set, memberName);
        await api.removeMember(set.id, member.id);
        if (!out.json) out.line(`Removed ${member.member_type}:${member.name ?? member.id} from ${set.name}`);
      }),
    );

  program
    .command("move")
    .description("move a member to another position (0 is first)")
    .argument("<set>", "the set's name or id")
    .argument("<member>", "the member's name (kind:name when two share it) or id")
    .argument("<position>", "its new position, 0-based", wholeNumber)
    .addHelpText("after", examples("deployment-sets move Backend code-reviewer 0"))
    .action(
      wrap(async ({ out, backend }, wanted: string, memberName: string, position: number) => {
        const api = await backend();
        const set = await findSet(api, wanted);
        const member = findMember(set, memberName);
        const moved = await api.moveMember(set.id, member.id, { position });
        if (out.json) return out.data(moved);
        out.line(`Moved ${member.member_type}:${member.name ?? member.id} to position ${moved.position} of ${set.name}`);
      }),
    );
}
