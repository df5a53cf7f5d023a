const JUNK_NAMES: ReadonlySet<string> = new Set([".git", "node_modules", "__pycache__", ".DS_Store", "Thumbs.db"]);

/**
 * True for a file or folder name that is never copied and never hashed: `.git`,
 * `node_modules`, `__pycache__`, `.DS_Store`, `Thumbs.db` and `*.pyc`, at any depth of a folder artifact.
 *
 * @param name - one path component
 *
 * @example
 * ```ts
 * isJunk("__pycache__"); // true
 * isJunk("SKILL.md"); // false
 * ```
 */
export function isJunk(name: string): boolean {
  return JUNK_NAMES.has(name) || name.endsWith(".pyc");
}
