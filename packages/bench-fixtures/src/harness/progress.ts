/** Prints one line of a bench's progress. */
export type Progress = (message: string) => void;

/**
 * A progress printer for one bench: `[prefix] message` on stderr, so stdout stays parseable.
 *
 * @example
 * ```ts
 * const progress = progressFor("bench store-sqlite");
 * progress("loading the DAG"); // [bench store-sqlite] loading the DAG
 * ```
 */
export function progressFor(prefix: string): Progress {
  return (message) => process.stderr.write(`[${prefix}] ${message}\n`);
}
