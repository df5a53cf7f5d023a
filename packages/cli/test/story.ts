import { appendFileSync } from "node:fs";
import { join } from "node:path";
import { cli, normalize, type Mode } from "./cli-harness.js";

/** One step of the story: a command line, or something the user does to the project between commands. */
export type Step = readonly string[] | { readonly edit: string };

/**
 * The story both modes are told: build two sets from the example collection, nest one, look at them, deploy with a
 * dry run, deploy, see the project's status, change a deployed file, check, undeploy (a dry run, then for real:
 * the changed file stays), and tidy up;
 * with `--json` variants along the way.
 */
export const STORY: readonly Step[] = [
  ["sets", "list", "--json"],
  ["sets", "list"],
  ["sets", "create", "Backend", "--tag", "api", "--description", "API work"],
  ["sets", "create", "Full-stack", "--json"],
  ["add", "Backend", "code-reviewer", "api-design"],
  ["add", "Full-stack", "set:Backend", "changelog", "group:Docs toolkit"],
  ["sets", "list"],
  ["sets", "list", "--json"],
  ["sets", "show", "Full-stack"],
  ["sets", "show", "Backend", "--json"],
  ["resolve", "Full-stack"],
  ["resolve", "Full-stack", "--json"],
  ["move", "Full-stack", "changelog", "0"],
  ["move", "Full-stack", "group:Docs toolkit", "1", "--json"],
  ["sets", "show", "Full-stack"],
  ["deploy", "Full-stack", "--dry-run"],
  ["deploy", "Full-stack"],
  ["deploy", "Full-stack", "--json"],
  ["status"],
  ["status", "--check"],
  { edit: ".claude/skills/changelog/SKILL.md" },
  ["status", "--check"],
  ["status", "--json"],
  ["undeploy", "Full-stack", "--dry-run"],
  ["undeploy", "Full-stack"],
  ["status"],
  ["deploy", "Backend", "--profile", "codex", "--dry-run"],
  ["sets", "clone", "Backend", "--name", "Backend v2"],
  ["sets", "rename", "Backend v2", "Backend 2", "--json"],
  ["sets", "rm", "Backend 2"],
  ["remove", "Full-stack", "changelog"],
  ["remove", "Full-stack", "set:Backend", "--json"],
  ["artifacts", "--type", "skill"],
  ["artifacts", "--search", "review", "--json"],
  ["groups"],
  ["groups", "--limit", "1", "--json"],
];

/** What a step printed, normalized, as one block of text for comparisons and snapshots. */
export async function tell(mode: Mode, steps: readonly Step[] = STORY): Promise<string[]> {
  const transcript: string[] = [];
  for (const step of steps) {
    if ("edit" in step) {
      appendFileSync(join(mode.project, step.edit), "\nA line the user added.\n");
      transcript.push(`(edited ${step.edit})`);
      continue;
    }
    const result = await cli(mode, step);
    transcript.push(
      normalize(`$ deployment-sets ${step.join(" ")}\n[exit ${result.code}]\n${result.stdout}${result.stderr ? `[stderr]\n${result.stderr}` : ""}`, mode.project),
    );
  }
  return transcript;
}
