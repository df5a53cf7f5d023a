import { Command, CommanderError } from "commander";
import pkg from "../package.json" with { type: "json" };
import { openBackend } from "./backend/open-backend.js";
import type { Backend } from "./backend/backend.js";
import type { CommandContext, Wrap } from "./command-context.js";
import { registerCatalogCommands } from "./commands/catalog-commands.js";
import { registerCompletion } from "./commands/completion-command.js";
import { registerDeployCommands } from "./commands/deploy-commands.js";
import { registerMemberCommands } from "./commands/member-commands.js";
import { registerResolveCommand } from "./commands/resolve-command.js";
import { registerSetCommands } from "./commands/set-commands.js";
import { examples } from "./commands/shared.js";
import { EXIT, type ExitCode } from "./exit-codes.js";
import { createOutput, type Streams } from "./output.js";
import { toCliError } from "./to-cli-error.js";

const ABOUT = `Build, resolve and deploy sets of AI-assistant artifacts (skills, commands, agents, hooks, MCP servers).

Without --server it runs embedded: the same SQLite database and collection as the server's \`npm start\`
(DATABASE_URL, DS_COLLECTION, DS_PROJECT_ROOTS). With --server (or DS_SERVER, and DS_TOKEN) it talks to a server.

Exit codes: 0 ok, 1 failed (an artifact, bad input, status --check out of sync), 2 usage, 3 not found,
4 conflict or cycle, 5 server or storage unreachable.`;

/** Where a run reads and writes: its arguments, streams, environment and working directory. */
export interface RunOptions extends Streams {
  /** The arguments after the program's name (`["sets", "list", "--json"]`). */
  readonly argv: readonly string[];
  /** The folder `--project` is relative to (and defaults to). */
  readonly cwd: string;
}

/**
 * Runs one `deployment-sets` command line and returns its exit code (nothing is left open afterwards).
 * @example
 * ```ts
 * const code = await run({ argv: ["sets", "list", "--json"], stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() });
 * ```
 */
export async function run(options: RunOptions): Promise<ExitCode> {
  const json = options.argv.includes("--json");
  const out = createOutput(options, json);
  let exitCode: ExitCode = EXIT.ok;
  let opened: Promise<Backend> | undefined;
  let mode: "embedded" | "remote" = "embedded";

  const program = new Command("deployment-sets")
    .description(ABOUT)
    .version(pkg.version, "-V, --version")
    .option("--json", "print the API's JSON answer (and nothing else) on stdout")
    .option("--server <url>", "a Deployment Sets server to use instead of the embedded database (or DS_SERVER)")
    .showHelpAfterError("(add --help for usage)")
    .exitOverride()
    .configureOutput({
      writeOut: (text) => void options.stdout.write(text),
      writeErr: (text) => void options.stderr.write(text),
      outputError: (text, write) => write(out.colors.red(text)),
    })
    .addHelpText("after", examples("deployment-sets sets create Backend", "deployment-sets add Backend code-reviewer", "deployment-sets deploy Backend --dry-run"));

  const context: CommandContext = {
    out,
    cwd: options.cwd,
    backend: () => (opened ??= openBackend({ server: program.opts<{ server?: string }>().server, env: options.env }).then((backend) => {
      mode = backend.mode;
      return backend;
    })),
  };
  const wrap: Wrap = (action) => async (...args) => {
    exitCode = (await action(context, ...args)) ?? EXIT.ok;
  };
  registerSetCommands(program, wrap);
  registerMemberCommands(program, wrap);
  registerResolveCommand(program, wrap);
  registerDeployCommands(program, wrap);
  registerCatalogCommands(program, wrap);
  await registerCompletion(program, options.argv[0]);
  for (const command of program.commands) command.copyInheritedSettings(program);

  try {
    await program.parseAsync(options.argv, { from: "user" });
  } catch (error) {
    exitCode = report(error);
  } finally {
    if (opened) await opened.then((backend) => backend.close()).catch(() => {});
  }
  return exitCode;

  function report(error: unknown): ExitCode {
    if (error instanceof CommanderError) {
      // Help and version exit 0; every parsing error (already printed by commander) is a usage error.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    const failure = toCliError(error, mode);
    if (json) out.data(failure.problem);
    options.stderr.write(`${out.colors.red("error:")} ${failure.message}\n`);
    for (const hint of failure.hints) options.stderr.write(`  ${hint}\n`);
    return failure.exitCode;
  }
}
