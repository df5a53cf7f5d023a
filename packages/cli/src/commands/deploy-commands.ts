import { isAbsolute, resolve } from "node:path";
import { DEPLOY_PROFILES } from "@deployment-sets/core";
import { type Command, Option } from "commander";
import type { CommandContext, Wrap } from "../command-context.js";
import { EXIT } from "../exit-codes.js";
import { findSet } from "../lookup.js";
import { deployReportText } from "../render/deploy-report.js";
import { deployIndicator } from "../render/progress.js";
import { table } from "../render/table.js";
import { examples } from "./shared.js";

type Profile = (typeof DEPLOY_PROFILES)[number];

interface TargetOptions {
  project: string;
  profile: Profile;
}

function targetOptions(command: Command): Command {
  return command
    .option("--project <dir>", "the project folder", ".")
    .addOption(new Option("--profile <assistant>", "the assistant to deploy for").choices(DEPLOY_PROFILES).default("claude_code"));
}

/** The project folder as an absolute path (the API takes only those). */
function projectPath(context: CommandContext, project: string): string {
  return isAbsolute(project) ? project : resolve(context.cwd, project);
}

/** `deploy`, `undeploy`, `status`. */
export function registerDeployCommands(program: Command, wrap: Wrap): void {
  for (const register of [deployCommand, undeployCommand, statusCommand]) register(program, wrap);
}

/** `deploy`: a set into a project, or its plan with `--dry-run`. */
function deployCommand(program: Command, wrap: Wrap): void {
  targetOptions(program.command("deploy").description("deploy a set into a project (or, with --dry-run, show what that would do)"))
    .argument("<set>", "the set's name or id")
    .option("--dry-run", "write nothing: show the plan")
    .option("--force", "overwrite local changes and conflicts (keeping a backup)")
    .option("--prune", "also remove what this set deployed there earlier and no longer holds")
    .addHelpText("after", examples("deployment-sets deploy Full-stack --dry-run", "deployment-sets deploy Backend --project ~/code/api --profile codex"))
    .action(
      wrap(async (context, wanted: string, options: TargetOptions & { dryRun?: boolean; force?: boolean; prune?: boolean }) => {
        const { out } = context;
        const api = await context.backend();
        const set = await findSet(api, wanted);
        const indicator = deployIndicator(options.dryRun ? { ...out, interactive: false } : out, api.mode, `Deploying ${set.name}`);
        let report;
        try {
          report = await api.deploy(
            set.id,
            {
              project_path: projectPath(context, options.project),
              profile: options.profile,
              dry_run: options.dryRun === true,
              force: options.force === true,
              prune: options.prune === true,
            },
            (done, total) => indicator.update(done, total),
          );
        } finally {
          indicator.stop();
        }
        if (out.json) out.data(report);
        else out.line(deployReportText(report, out.colors, "deploy"));
        return report.failed > 0 ? EXIT.failed : EXIT.ok;
      }),
    );
}

/** `undeploy`: a set back out of a project. */
function undeployCommand(program: Command, wrap: Wrap): void {
  targetOptions(program.command("undeploy").description("take a set back out of a project (what you changed is kept unless --force)"))
    .argument("<set>", "the set's name or id")
    .option("--dry-run", "remove nothing: show what would go")
    .option("--force", "remove what you changed too (keeping a backup)")
    .addHelpText("after", examples("deployment-sets undeploy Backend --dry-run", "deployment-sets undeploy Backend --project ~/code/api"))
    .action(
      wrap(async (context, wanted: string, options: TargetOptions & { dryRun?: boolean; force?: boolean }) => {
        const { out } = context;
        const api = await context.backend();
        const set = await findSet(api, wanted);
        const report = await api.undeploy(set.id, {
          project_path: projectPath(context, options.project),
          profile: options.profile,
          dry_run: options.dryRun === true,
          force: options.force === true,
        });
        if (out.json) out.data(report);
        else out.line(deployReportText(report, out.colors, "undeploy"));
        return report.failed > 0 ? EXIT.failed : EXIT.ok;
      }),
    );
}

/** `status`: what is deployed in a project, by which sets, and what changed since. */
function statusCommand(program: Command, wrap: Wrap): void {
  targetOptions(program.command("status").description("what is deployed in a project, by which sets, and what changed since"))
    .option("--check", "exit 1 unless every artifact is in sync (for a project's CI)")
    .addHelpText("after", examples("deployment-sets status", "deployment-sets status --check --project ."))
    .action(
      wrap(async (context, options: TargetOptions & { check?: boolean }) => {
        const { out } = context;
        const inventory = await (await context.backend()).inventory({ project_path: projectPath(context, options.project), profile: options.profile });
        const drifted = inventory.artifacts.filter((artifact) => artifact.state !== "in_sync");
        if (out.json) out.data(inventory);
        else if (inventory.artifacts.length === 0) out.line(`Nothing is deployed in ${inventory.project_path} for ${inventory.profile}.`);
        else {
          const state = (value: string) => (value === "in_sync" ? out.colors.green(value) : out.colors.yellow(value));
          out.line(
            table(
              out.colors,
              ["ARTIFACT", "TYPE", "STATE", "PATH", "SETS"],
              inventory.artifacts.map((a) => [a.artifact_name, a.artifact_type, state(a.state), a.path, a.sets.map((set) => set.name).join(", ")]),
            ),
          );
          out.line("");
          out.line(
            drifted.length === 0
              ? `${inventory.artifacts.length} deployed, all in sync`
              : `${inventory.artifacts.length} deployed, ${drifted.length} not in sync`,
          );
        }
        return options.check && drifted.length > 0 ? EXIT.failed : EXIT.ok;
      }),
    );
}
