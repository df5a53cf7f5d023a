// A control character: C0, DEL or C1 (Unicode general category Cc).
const CONTROL = /\p{Cc}/u;

/** True when `text` holds a control character (C0, DEL or C1). */
export function hasControlCharacter(text: string): boolean {
  return CONTROL.test(text);
}

/**
 * Why `name` cannot name an artifact, or `null` when it can. An artifact's name becomes a file or folder name
 * in a project (`skills/<name>/`, `commands/<name>.md`), so unsafe names are refused: empty,
 * containing `/`, `\`, `..` or a control character, or starting with `.`. The catalog skips such artifacts; the
 * deployer checks again because any catalog may be plugged in.
 *
 * @param name - the artifact's name
 * @param subject - how the reason names it (`"the name"` in catalog warnings, `"the artifact name"` in deploy
 *   reports)
 * @returns a short reason, or `null` when the name is safe
 */
export function unsafeNameReason(name: string, subject = "the name"): string | null {
  if (name.length === 0) return `${subject} is empty`;
  if (name.includes("/") || name.includes("\\")) return `${subject} contains a path separator`;
  if (name.includes("..")) return `${subject} contains '..'`;
  if (name.startsWith(".")) return `${subject} starts with '.'`;
  if (hasControlCharacter(name)) return `${subject} contains a control character`;
  return null;
}
