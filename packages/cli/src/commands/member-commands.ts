import type { Member } from "@deployment-sets/client";
import type { Command } from "commander";
import { CliError } from "../cli-error.js";
import type { Wrap } from "../command-context.js";
import { EXIT } from "../exit-codes.js";
import { findMember, findMemberTarget, findSetWithMembers } from "../lookup.js";
import { toCliError } from "../to-cli-error.js";
import { examples, wholeNumber } from "./shared.js";

/** `add`, `remove`, `move`: a set's members. */
export function registerMemberCommands(program: Command, wrap: Wrap): void {
  for (const register of [addCommand, removeCommand, moveCommand]) register(program, wrap);
}

/** `add`: artifacts, groups or sets to a set. */
function addCommand(program: Command, wrap: Wrap): void {
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
        const set = await findSetWithMembers(api, wanted);
        // Every name is looked up, and checked against the set, before anything is added.
        const targets = [];
        for (const member of members) targets.push(await findMemberTarget(api, member));
        const present = new Set<string | null | undefined>(set.members.map((member) => member.artifact_uuid ?? member.group_id ?? member.nested_set_id));
        for (const target of targets) {
          const id = target.body.artifact_uuid ?? target.body.group_id ?? target.body.nested_set_id;
          if (present.has(id)) throw new CliError(`${set.name} already holds ${target.label}; nothing was added`, EXIT.conflict);
          present.add(id);
        }
        const added: Member[] = [];
        for (const [index, target] of targets.entries()) {
          const position = options.position !== undefined ? { position: options.position + index } : {};
          try {
            added.push(await api.addMember(set.id, { ...target.body, ...position }));
          } catch (error) {
            // One by one, as the API adds them: what was added before the refusal stays, and is said.
            const failure = toCliError(error, api.mode);
            const before = added.length > 0 ? [`added before this: ${targets.slice(0, added.length).map((t) => t.label).join(", ")}`] : [];
            throw new CliError(`${target.label}: ${failure.message}`, failure.exitCode, failure.problem, [...failure.hints, ...before]);
          }
          if (!out.json) out.line(`Added ${target.label} to ${set.name} at position ${added.at(-1)!.position}`);
        }
        if (out.json) out.data(added);
      }),
    );
}

/** `remove`: a member from a set. */
function removeCommand(program: Command, wrap: Wrap): void {
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
        const set = await findSetWithMembers(api, wanted);
        const member = findMember(set, memberName);
        await api.removeMember(set.id, member.id);
        if (!out.json) out.line(`Removed ${member.member_type}:${member.name ?? member.id} from ${set.name}`);
      }),
    );
}

/** `move`: a member to another position. */
function moveCommand(program: Command, wrap: Wrap): void {
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
        const set = await findSetWithMembers(api, wanted);
        const member = findMember(set, memberName);
        const moved = await api.moveMember(set.id, member.id, { position });
        if (out.json) return out.data(moved);
        out.line(`Moved ${member.member_type}:${member.name ?? member.id} to position ${moved.position} of ${set.name}`);
      }),
    );
}
