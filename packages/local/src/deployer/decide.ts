import type { DeployAction, DeployStatus } from "@deployment-sets/core";

/** What the decision for one artifact is made from (see the per-artifact decision table in docs/deploying.md). */
export interface DecisionInput {
  /** The content hash of what would be written (the source). */
  readonly sourceHash: string;
  /** The content hash of what is at the destination now; `null` when nothing is there. */
  readonly destinationHash: string | null;
  /** The tracking record's `content_hash`; `null` when there is no record with one. */
  readonly recordedHash: string | null;
  /**
   * Hashes a deploy announced it was about to write here and never confirmed (it was interrupted). Content
   * equal to one of them was written by a deploy, not edited by hand, so it counts as recorded.
   * @defaultValue none
   */
  readonly pendingHashes?: readonly string[];
  /** Overwrite local changes and conflicts. */
  readonly force: boolean;
}

/** The actions {@link decide} can choose: every action but `unsupported` and `error`. */
export type DecidedAction = Exclude<DeployAction, "unsupported" | "error">;

/**
 * Deploy.md's decision table for one supported artifact whose source and destination could be read.
 * Pure: it compares hashes and touches nothing.
 *
 * @example
 * ```ts
 * decide({ sourceHash: "b", destinationHash: "a", recordedHash: "a", force: false }); // "updated"
 * decide({ sourceHash: "b", destinationHash: "c", recordedHash: "a", force: false }); // "kept_local_changes"
 * ```
 */
export function decide(input: DecisionInput): DecidedAction {
  const { sourceHash, destinationHash, force } = input;
  if (destinationHash === null) return "created";
  if (destinationHash === sourceHash) return "unchanged";
  const writtenByUs = input.pendingHashes?.includes(destinationHash) ?? false;
  const recordedHash = writtenByUs ? destinationHash : input.recordedHash;
  if (recordedHash === null) return force ? "overwritten" : "conflict";
  if (destinationHash === recordedHash) return "updated";
  return force ? "overwritten" : "kept_local_changes";
}

/** True for the actions that write the artifact: `created`, `updated` and `overwritten`. */
export function writesContent(action: DeployAction): action is "created" | "updated" | "overwritten" {
  return action === "created" || action === "updated" || action === "overwritten";
}

/** The status an action is reported with: writes and removals succeed, errors fail, everything else is skipped. */
export function statusOf(action: DeployAction): DeployStatus {
  if (action === "error") return "failed";
  return writesContent(action) || action === "removed" ? "success" : "skipped";
}
