import { createColors } from "picocolors";

/** Colour functions; all identity when colour is off. */
export type Colors = ReturnType<typeof createColors>;

/** Where a command writes: data to stdout, people's messages to stderr. */
export interface Output {
  /** True with `--json`: stdout carries only the API's JSON. */
  readonly json: boolean;
  readonly colors: Colors;
  /** True when stderr is a terminal and `--json` is off: progress bars and spinners draw only then. */
  readonly interactive: boolean;
  /** Where progress is drawn (stderr). */
  readonly progress: Streams["stderr"];
  /** A line of the command's result: stdout. */
  line(text?: string): void;
  /** The API's JSON answer, on stdout. */
  data(value: unknown): void;
  /** A message for people (progress, summaries of a `--json` run are never printed): stderr. */
  note(text: string): void;
}

/** A stream a run writes to: `process.stdout`, `process.stderr`, or anything with `write`. */
export interface OutputStream {
  /** Writes text. */
  write(text: string): unknown;
  /** True for a terminal: colour (stdout), progress bars and spinners (stderr) only draw on one. */
  readonly isTTY?: boolean;
  /** The terminal's height, for "more than a screenful". */
  readonly rows?: number;
}

/** Where a run writes, and the environment it reads (tests pass their own). */
export interface Streams {
  /** The command's result: tables, or with `--json` the API's JSON. */
  readonly stdout: OutputStream;
  /** Messages for people: errors, hints, progress. */
  readonly stderr: OutputStream;
  /** The variables the run reads (`DS_SERVER`, `DATABASE_URL`, `NO_COLOR`, …). */
  readonly env: NodeJS.ProcessEnv;
}

/** Colour only on a terminal, never with `NO_COLOR` (any value), forced with `FORCE_COLOR` (not `0`). */
export function colorEnabled(stream: { readonly isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== "0";
  return stream.isTTY === true && env.TERM !== "dumb";
}

/** The output of one run. */
export function createOutput(streams: Streams, json: boolean): Output {
  const colors = createColors(!json && colorEnabled(streams.stdout, streams.env));
  return {
    json,
    colors,
    interactive: streams.stderr.isTTY === true && !json,
    progress: streams.stderr,
    line: (text = "") => void streams.stdout.write(`${text}\n`),
    data: (value) => void streams.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
    note: (text) => void streams.stderr.write(`${text}\n`),
  };
}
