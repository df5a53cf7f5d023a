import type { Artifact, DeployAction, DeployProfile, DeployResult } from "@deployment-sets/core";
import type { FileTree } from "../fs/file-tree.js";
import type { DestinationState } from "../target/destination.js";
import type { DecidedAction } from "../decide.js";
import { statusOf } from "../decide.js";
import { PLACEMENTS, PROFILE_ROOTS, type ConvertPlacement, type CopyPlacement, type MergePlacement } from "../placement/placements.js";
import type { ProfileDestination } from "../target/destination.js";
import type { SourceSnapshot } from "../fs/source-reader.js";
import { keyString } from "../tracking/tracking-file.js";
import { unsafeNameReason } from "../../safe-name.js";
import type { Entry } from "./config-file.js";

/** Which tracking file records a job: SkillMeat's (plain copies inside the profile root) or this deployer's own. */
export type LedgerName = "skillmeat" | "own";

/** What every job has: the artifact, where its result goes, its record key and what happened. */
interface JobBase {
  /** Its index in the request (results keep request order). */
  readonly index: number;
  readonly artifact: Artifact;
  /** The result's `path`: relative to the project (`.claude/skills/pdf`, `.mcp.json`). */
  readonly label: string;
  /** The tracking-record key (`keyString`). */
  readonly key: string;
  /** Which tracking file records it. */
  readonly ledger: LedgerName;
  action?: DecidedAction;
  /** Set when the artifact failed; the result is then `error` with this message. */
  error?: string;
  /** Where the user's version was backed up before `force` replaced it (relative to the project). */
  backupPath?: string;
  /** A hint for the result. */
  hint?: string;
}

/** An artifact written as a file or folder of its own: copied as it is, or converted. */
export interface FileJob extends JobBase {
  readonly kind: "file";
  readonly placement: CopyPlacement | ConvertPlacement;
  /** The folder under the project that the type folder lives in (`.claude`, `.agents`), its first component. */
  readonly base: string;
  /** The type folder under `base`, the shape and the suffix. */
  readonly destination: ProfileDestination;
  /** The destination's name (`pdf`, `review.md`). */
  readonly leaf: string;
  /** The record's path: relative to the profile root for SkillMeat's file (`skills/pdf`), else to the project. */
  readonly recordPath: string;
  source?: SourceSnapshot;
  state?: DestinationState;
  /** What was written: its hash, tree (stat data) and fingerprint. */
  written?: { readonly hash: string; readonly tree: FileTree; readonly fingerprint: string };
}

/** An artifact merged as entries into an assistant's config file (and, for a hook, its scripts copied). */
export interface MergeJob extends JobBase {
  readonly kind: "merge";
  readonly placement: MergePlacement;
  /** The entries to write, once the definition was read. */
  entries?: readonly Entry[];
  /** A hook's scripts: the artifact's folder, copied to `<scriptsDir>/<name>`. */
  scripts?: SourceSnapshot;
  /** The hash of what would be written: the entries and the scripts. */
  desiredHash?: string;
  /** Set when the hook's scripts folder in the project was changed by someone else (kept, or backed up by force). */
  scriptsEdited?: boolean;
}

/** A job of a deploy. */
export type Job = FileJob | MergeJob;

/**
 * Splits a request's artifacts by placement: a job for each one that lands somewhere, an immediate result for
 * the others: `unsupported` (the reason as its hint), an `error` for an unsafe name or a second artifact with the
 * same name and type.
 */
export function prepareJobs(artifacts: readonly Artifact[], profile: DeployProfile): { jobs: Job[]; results: DeployResult[] } {
  const results: DeployResult[] = [];
  const jobs: Job[] = [];
  const keys = new Set<string>();
  artifacts.forEach((artifact, index) => {
    const placement = PLACEMENTS[profile][artifact.type];
    if (placement.kind === "unsupported") {
      results[index] = deployResult(artifact, "unsupported", null, { hint: placement.reason });
      return;
    }
    const unsafe = unsafeNameReason(artifact.name, "the artifact name");
    if (unsafe !== null) {
      results[index] = deployResult(artifact, "error", null, { error: unsafe });
      return;
    }
    const key = keyString({ name: artifact.name, type: artifact.type, profile });
    if (keys.has(key)) {
      results[index] = deployResult(artifact, "error", null, { error: "another artifact of this deploy has the same name and type" });
      return;
    }
    keys.add(key);
    if (placement.kind === "merge") {
      jobs.push({ kind: "merge", index, artifact, placement, label: placement.file, key, ledger: "own" });
      return;
    }
    const [base, ...rest] = placement.dir.split("/");
    const folder = rest.join("/");
    const shape = placement.kind === "copy" ? placement.shape : "file";
    const leaf = `${artifact.name}${placement.suffix}`;
    const inRoot = placement.kind === "copy" && base === PROFILE_ROOTS[profile];
    jobs.push({
      kind: "file",
      index,
      artifact,
      placement,
      base: base!,
      destination: { folder, kind: shape, suffix: placement.suffix },
      leaf,
      label: `${placement.dir}/${leaf}`,
      recordPath: inRoot ? `${folder}/${leaf}` : `${placement.dir}/${leaf}`,
      key,
      ledger: inRoot ? "skillmeat" : "own",
    });
  });
  return { jobs, results };
}

/** One line of a report. */
export function deployResult(
  artifact: { readonly uuid: string; readonly name: string; readonly type: Artifact["type"] },
  action: DeployAction,
  path: string | null,
  extra: { readonly error?: string; readonly hint?: string; readonly backupPath?: string } = {},
): DeployResult {
  return {
    artifactUuid: artifact.uuid,
    artifactName: artifact.name,
    artifactType: artifact.type,
    status: statusOf(action),
    action,
    path,
    error: action === "error" ? (extra.error ?? "unknown error") : null,
    ...(extra.backupPath !== undefined ? { backupPath: extra.backupPath } : {}),
    ...(extra.hint !== undefined ? { hint: extra.hint } : {}),
  };
}

/** The result of a finished job. */
export function jobResult(job: Job): DeployResult {
  const action: DeployAction = job.error !== undefined ? "error" : job.action!;
  return deployResult(job.artifact, action, job.label, {
    ...(job.error !== undefined ? { error: job.error } : {}),
    ...(job.hint !== undefined ? { hint: job.hint } : job.error === undefined ? hintFor(job.action!, job.label) : {}),
    ...(job.backupPath !== undefined ? { backupPath: job.backupPath } : {}),
  });
}

/** The standard hint of an action that leaves something as it was. */
function hintFor(action: DecidedAction, label: string): { hint?: string } {
  if (action === "kept_local_changes") {
    return { hint: `${label} was changed in the project since it was deployed; deploy with force to replace it (a backup of your version is kept)` };
  }
  if (action === "conflict") {
    return { hint: `${label} holds something Deployment Sets did not deploy; move it aside, or deploy with force to replace it (a backup is kept)` };
  }
  return {};
}
