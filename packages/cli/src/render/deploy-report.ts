import type { DeployReport } from "@deployment-sets/client";
import type { Colors } from "../output.js";
import { table } from "./table.js";

/** A deploy's (or undeploy's, or plan's) report: one row per artifact, its problems and hints, a one-line summary. */
export function deployReportText(report: DeployReport, colors: Colors, verb: "deploy" | "undeploy"): string {
  const lines: string[] = [];
  if (report.results.length > 0) {
    lines.push(
      table(
        colors,
        ["ARTIFACT", "TYPE", "ACTION", "DESTINATION"],
        report.results.map((result) => [
          result.artifact_name,
          result.artifact_type,
          result.status === "failed" ? colors.red(result.action) : result.status === "skipped" ? colors.yellow(result.action) : colors.green(result.action),
          result.path ?? "-",
        ]),
      ),
    );
  }
  for (const result of report.results) {
    if (result.error) lines.push(`${colors.red("✗")} ${result.artifact_name}: ${result.error}`);
    else if (result.hint) lines.push(`${colors.yellow("!")} ${result.artifact_name}: ${result.hint}`);
    if (result.backup_path) lines.push(`  backup: ${result.backup_path}`);
  }
  for (const missing of report.missing) lines.push(`${colors.red("✗ missing")} ${missing.kind} ${missing.id} (in ${missing.path.join(" › ")})`);
  const counts = new Map<string, number>();
  for (const result of report.results) counts.set(result.action, (counts.get(result.action) ?? 0) + 1);
  const actions = [...counts].map(([action, count]) => `${count} ${action}`).join(", ") || "nothing to do";
  const where = `${report.set_name} → ${report.project_path} (${report.profile})`;
  const summary = report.dry_run
    ? `Dry run of ${verb} ${where}: would be ${actions}; nothing written`
    : `${verb === "deploy" ? "Deployed" : "Undeployed"} ${where}: ${actions}${report.failed > 0 ? colors.red(`; ${report.failed} failed`) : ""}`;
  lines.push(lines.length > 0 ? "" : "", summary);
  return lines.join("\n").replace(/^\n/, "");
}
