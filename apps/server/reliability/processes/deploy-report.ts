/** The parts of a `DeployReport` the reliability parts read (see docs/deploying.md). */
export interface DeployReport {
  readonly total: number;
  readonly succeeded: number;
  readonly skipped: number;
  readonly failed: number;
  readonly results: readonly {
    readonly artifact_name: string;
    readonly artifact_type: string;
    readonly status: "success" | "skipped" | "failed";
    readonly action: string;
    readonly error: string | null;
    readonly hint?: string;
  }[];
  readonly missing: readonly unknown[];
}

/** Actions that say "someone else changed this": never right for files only our own deploys wrote. */
const FOREIGN = new Set(["kept_local_changes", "conflict"]);

/**
 * What is wrong with a report of a deploy into a project only our deploys wrote into: any `kept_local_changes` or
 * `conflict` (a false local modification), any failed artifact, any missing reference.
 */
export function reportProblems(report: DeployReport): string[] {
  const problems: string[] = [];
  for (const result of report.results) {
    if (FOREIGN.has(result.action)) problems.push(`${result.artifact_type}:${result.artifact_name} reported ${result.action}: ${result.hint ?? ""}`);
    else if (result.status === "failed") problems.push(`${result.artifact_type}:${result.artifact_name} failed: ${result.error ?? ""}`);
  }
  if (report.missing.length > 0) problems.push(`missing references: ${JSON.stringify(report.missing).slice(0, 300)}`);
  return problems;
}
