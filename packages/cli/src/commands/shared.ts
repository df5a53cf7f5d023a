import { type Command, InvalidArgumentError } from "commander";

/** The "Examples:" block of a command's help. */
export function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((line) => `  $ ${line}`).join("\n")}`;
}

/** `--limit` and `--offset` of a paged list. */
export function pageOptions(command: Command): Command {
  return command
    .option("--limit <n>", "page size, 1..200 (default 50)", wholeNumber)
    .option("--offset <n>", "entries to skip", wholeNumber);
}

/** A paged list's query from its options. */
export function parsePage(options: { limit?: string | number; offset?: string | number }): { limit?: number; offset?: number } {
  return {
    ...(options.limit !== undefined ? { limit: Number(options.limit) } : {}),
    ...(options.offset !== undefined ? { offset: Number(options.offset) } : {}),
  };
}

/** Commander's parser of a whole number (`0`, `12`). */
export function wholeNumber(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError("must be a whole number");
  return Number(value);
}
