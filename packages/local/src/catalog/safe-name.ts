// A control character: C0, DEL or C1 (Unicode general category Cc).
const CONTROL = /\p{Cc}/u;

/**
 * Why `name` cannot name an artifact, or `null` when it can. An artifact's name becomes a file or folder name
 * in a project (`skills/<name>/`, `commands/<name>.md`), so the unsafe names of deploy.md are refused: empty,
 * containing `/`, `\`, `..` or a control character, or starting with `.`.
 *
 * @param name - the name as written in `collection.toml`
 * @returns a short reason for the warning, or `null` when the name is safe
 */
export function unsafeNameReason(name: string): string | null {
  if (name.length === 0) return "the name is empty";
  if (name.includes("/") || name.includes("\\")) return "the name contains a path separator";
  if (name.includes("..")) return "the name contains '..'";
  if (name.startsWith(".")) return "the name starts with '.'";
  if (CONTROL.test(name)) return "the name contains a control character";
  return null;
}
