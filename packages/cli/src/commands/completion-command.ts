import type { Command } from "commander";
import { examples } from "./shared.js";

/**
 * Shell completion (bash, zsh, fish, PowerShell) from @bomb.sh/tab, which reads the commands and options off the
 * program: loaded only when a completion is asked for; otherwise a stand-in lists the command in the help.
 */
export async function registerCompletion(program: Command, first: string | undefined): Promise<void> {
  if (first === "completion" || first === "complete") {
    const { default: tab } = await import("@bomb.sh/tab/commander");
    tab(program, { completionCommandName: "completion" });
    program.commands.find((command) => command.name() === "completion")?.addHelpText("after", COMPLETION_EXAMPLES);
    return;
  }
  program.command("completion").description("print the shell completion script").argument("<shell>", "zsh, bash, fish or powershell").addHelpText("after", COMPLETION_EXAMPLES);
}

const COMPLETION_EXAMPLES = examples(
  "deployment-sets completion bash > ~/.local/share/bash-completion/completions/deployment-sets",
  'deployment-sets completion zsh > "${fpath[1]}/_deployment-sets"',
  "deployment-sets completion fish > ~/.config/fish/completions/deployment-sets.fish",
);
