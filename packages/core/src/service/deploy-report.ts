import type { DeployProfile } from "../domain/model.js";
import type { DeployReport, DeployResult } from "../ports/deployer.js";
import type { MissingReference } from "../resolver/resolve.js";

/** What a deploy or an undeploy report is made of besides its results. */
export interface ReportContext {
  readonly setId: string;
  readonly setName: string;
  readonly projectPath: string;
  readonly profile: DeployProfile;
  readonly dryRun: boolean;
  readonly durationMs: number;
  readonly missing: readonly MissingReference[];
}

/** A report: the results counted by status (`total` is the number of results). */
export function deployReport(context: ReportContext, results: readonly DeployResult[]): DeployReport {
  let succeeded = 0;
  let skipped = 0;
  let failed = 0;
  for (const { status } of results) {
    if (status === "success") succeeded++;
    else if (status === "skipped") skipped++;
    else failed++;
  }
  return { ...context, total: results.length, succeeded, skipped, failed, results };
}

/** The structured fields of a report's log line. */
export function reportLogFields(report: DeployReport): object {
  return {
    set_id: report.setId,
    project_path: report.projectPath,
    profile: report.profile,
    dry_run: report.dryRun,
    total: report.total,
    succeeded: report.succeeded,
    skipped: report.skipped,
    failed: report.failed,
    duration_ms: report.durationMs,
  };
}
