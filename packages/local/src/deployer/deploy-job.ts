import type { Artifact, DeployAction, DeployResult } from "@deployment-sets/core";
import { statusOf, type DecidedAction } from "./decide.js";
import type { DestinationSpec, DestinationState } from "./destination.js";
import type { FileTree } from "./file-tree.js";
import { unsafeNameReason } from "../safe-name.js";
import type { ProfileDestination, ProfileLayout } from "./profiles.js";
import type { SourceSnapshot } from "./source-reader.js";
import { keyString } from "./tracking-file.js";

/** One supported artifact on its way through a deploy: what it is, then what was found, decided and written. */
export interface DeployJob {
  /** Its index in the request (results keep request order). */
  readonly index: number;
  readonly artifact: Artifact;
  readonly destination: ProfileDestination;
  /** The destination's name (`pdf`, `review.md`). */
  readonly leaf: string;
  /** Relative to the profile root (`skills/pdf`): the record's `artifact_path`. */
  readonly rootRel: string;
  /** Relative to the project (`.claude/skills/pdf`): the result's `path`. */
  readonly label: string;
  /** The tracking-record key (`keyString`). */
  readonly key: string;
  source?: SourceSnapshot;
  state?: DestinationState;
  action?: DecidedAction;
  /** Set when the artifact failed; the result is then `error` with this message. */
  error?: string;
  /** What was written: its hash, tree (stat data) and fingerprint. */
  written?: { readonly hash: string; readonly tree: FileTree; readonly fingerprint: string };
}

/** Where a job's artifact lands under the profile root `realRoot`. */
export function jobSpec(job: DeployJob, realRoot: string): DestinationSpec {
  return { realRoot, destination: job.destination, leaf: job.leaf, label: job.label };
}

/**
 * Splits a request's artifacts into jobs for the supported ones and immediate results for the rest: a type the
 * profile does not take is `unsupported` (path `null`), an unsafe name or a second artifact with the same
 * destination is an `error`.
 *
 * @returns the jobs, and the results array (request order) with the immediate results filled in
 */
export function prepareJobs(artifacts: readonly Artifact[], layout: ProfileLayout): { jobs: DeployJob[]; results: DeployResult[] } {
  const results: DeployResult[] = [];
  const jobs: DeployJob[] = [];
  const keys = new Set<string>();
  artifacts.forEach((artifact, index) => {
    const destination = layout.destinations[artifact.type];
    if (!destination) {
      results[index] = deployResult(artifact, "unsupported", null);
      return;
    }
    const unsafe = unsafeNameReason(artifact.name, "the artifact name");
    if (unsafe !== null) {
      results[index] = deployResult(artifact, "error", null, unsafe);
      return;
    }
    const leaf = `${artifact.name}${destination.suffix}`;
    const rootRel = `${destination.folder}/${leaf}`;
    const label = `${layout.root}/${rootRel}`;
    const key = keyString({ name: artifact.name, type: artifact.type, profile: layout.id });
    if (keys.has(key)) {
      results[index] = deployResult(artifact, "error", label, "another artifact of this deploy has the same name and type");
      return;
    }
    keys.add(key);
    jobs.push({ index, artifact, destination, leaf, rootRel, label, key });
  });
  return { jobs, results };
}

/** One line of a deploy report. */
export function deployResult(artifact: Artifact, action: DeployAction, path: string | null, error?: string): DeployResult {
  return {
    artifactUuid: artifact.uuid,
    artifactName: artifact.name,
    artifactType: artifact.type,
    status: statusOf(action),
    action,
    path,
    error: action === "error" ? (error ?? "unknown error") : null,
  };
}
