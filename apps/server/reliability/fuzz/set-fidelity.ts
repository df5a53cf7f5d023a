import { dedupeTags } from "@deployment-sets/core";
import type { SetWrite } from "./materialize.js";

/**
 * What an accepted set write must have stored, compared with the set as the API reads it back: every field sent,
 * exactly, after the documented normalization (names and tags trimmed, tags de-duplicated case-insensitively, `null`
 * tags an empty list). A lone surrogate or a NUL must come back as sent, or the write must have been refused.
 */
export function setFidelity(write: SetWrite, stored: Record<string, unknown>): string[] {
  const expected: Record<string, unknown> = {};
  const { fields } = write;
  if (typeof fields.name === "string") expected.name = fields.name.trim();
  if (write.kind !== "clone") {
    for (const field of ["description", "icon", "color"]) {
      if (Object.hasOwn(fields, field)) expected[field] = fields[field] ?? null;
      else if (write.kind === "create") expected[field] = null;
    }
    if (Array.isArray(fields.tags)) expected.tags = dedupeTags((fields.tags as string[]).map((tag) => tag.trim()));
    else if (fields.tags === null || write.kind === "create") expected.tags = [];
  }
  const problems: string[] = [];
  for (const [field, want] of Object.entries(expected)) {
    if (JSON.stringify(stored[field]) !== JSON.stringify(want)) {
      problems.push(`${field} stored as ${short(stored[field])}, sent ${short(want)}`);
    }
  }
  return problems;
}

/** A value for a message: JSON with every non-ASCII character escaped, cut to 80 characters. */
export function short(value: unknown, length = 80): string {
  const text = (JSON.stringify(value) ?? "undefined").replace(/[^\x20-\x7e]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return text.length > length ? `${text.slice(0, length)}...(${text.length})` : text;
}
