import { sep } from "node:path";

/**
 * True when `path` is `root` itself or lies under it. Both must be absolute, normalised real paths (symbolic
 * links resolved), so the comparison is a plain prefix test on whole components.
 *
 * @param path - the candidate
 * @param root - the folder it must stay in
 */
export function isInside(path: string, root: string): boolean {
  if (path === root) return true;
  const prefix = root.endsWith(sep) ? root : root + sep;
  return path.startsWith(prefix);
}

/** True when `path` lies strictly under `root` (not `root` itself); same preconditions as {@link isInside}. */
export function isStrictlyInside(path: string, root: string): boolean {
  return path !== root && isInside(path, root);
}

/** The `code` of a Node.js system error, or `undefined`. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/** A short readable reason for an I/O error: its message without Node's `syscall` noise when possible. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
