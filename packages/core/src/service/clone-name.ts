import { LIMITS } from "../domain/limits.js";
import { truncateChars } from "../domain/text.js";

const SUFFIX = " (copy)";

/** `"<name> (copy)"`, the base cut (never inside a character) so the result fits the name limit. */
export function cloneName(name: string): string {
  return truncateChars(name, LIMITS.maxNameLength - SUFFIX.length) + SUFFIX;
}
