/**
 * The exit codes of `deployment-sets`, stable for scripts: 0 ok, 1 failed (an artifact failed, bad input, a project
 * not in sync for `status --check`), 2 usage (unknown command or option, an ambiguous name, bad settings), 3 not
 * found, 4 conflict or cycle, 5 server or storage unreachable.
 */
export const EXIT = {
  /** Done. */
  ok: 0,
  /** An artifact failed, the input was refused, or `status --check` found something not in sync. */
  failed: 1,
  /** An unknown command or option, an ambiguous name, a bad setting. */
  usage: 2,
  /** A set, member, artifact or group does not exist. */
  notFound: 3,
  /** A cycle, a duplicate member, nesting too deep, a project another deploy holds. */
  conflict: 4,
  /** The server or the database cannot be reached. */
  unreachable: 5,
} as const;

/** One of {@link EXIT}'s values. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

const BY_ERROR_CODE: Readonly<Record<string, ExitCode>> = {
  set_not_found: EXIT.notFound,
  member_not_found: EXIT.notFound,
  unknown_reference: EXIT.notFound,
  route_not_found: EXIT.notFound,
  cycle_detected: EXIT.conflict,
  duplicate_member: EXIT.conflict,
  depth_limit_exceeded: EXIT.conflict,
  project_unavailable: EXIT.conflict,
  storage_unavailable: EXIT.unreachable,
};

/** The exit code of an API error code: not found 3, conflicts and cycles 4, storage unavailable 5, else 1. */
export function exitCodeOf(code: string): ExitCode {
  return BY_ERROR_CODE[code] ?? EXIT.failed;
}
