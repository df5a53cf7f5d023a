import { z } from "zod";
import { LIMITS } from "./limits.js";
import { charLength, foldCase, unstorableText } from "./text.js";

/**
 * The field rules of the domain, one schema each, shared by the library's inputs and the server's wire schemas.
 * Lengths count characters (code points), as JSON Schema's `maxLength` does, so the `maxLength` metadata is exact.
 */

const atMost = (max: number) => (value: string) => charLength(value) <= max;

/**
 * A string every store keeps exactly as given: no NUL character and no lone surrogate (both rejected rather than
 * altered, so what a client sent is what it reads back, on every adapter).
 */
const text = () =>
  z.string().check((ctx) => {
    const problem = unstorableText(ctx.value);
    if (problem !== null) ctx.issues.push({ code: "custom", message: problem, input: ctx.value });
  });

/** A set name: trimmed, 1..255 characters after trimming. */
export const SetName = text()
  .transform((value) => value.trim())
  .refine((value) => value.length > 0, "must not be empty")
  .refine(atMost(LIMITS.maxNameLength), `must be at most ${LIMITS.maxNameLength} characters`)
  .meta({
    description: `The set's name: trimmed, 1..${LIMITS.maxNameLength} characters, not unique.`,
    minLength: 1,
    maxLength: LIMITS.maxNameLength,
    examples: ["Backend"],
  });

/** A description: at most 4,000 characters. */
export const SetDescription = text()
  .refine(atMost(LIMITS.maxDescriptionLength), `must be at most ${LIMITS.maxDescriptionLength} characters`)
  .meta({
    description: `Free text, at most ${LIMITS.maxDescriptionLength} characters.`,
    maxLength: LIMITS.maxDescriptionLength,
    examples: ["Everything a backend service needs"],
  });

/** An icon (an emoji or an icon name): at most 64 characters. */
export const SetIcon = text()
  .refine(atMost(LIMITS.maxIconLength), `must be at most ${LIMITS.maxIconLength} characters`)
  .meta({
    description: `An emoji or an icon name, at most ${LIMITS.maxIconLength} characters.`,
    maxLength: LIMITS.maxIconLength,
    examples: ["🛠️"],
  });

/** A color: `#rgb`, `#rrggbb` or a lowercase CSS color word. */
export const SetColor = z
  .string()
  .regex(/^(#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}|[a-z]{1,32})$/, "must be #rgb, #rrggbb or a lowercase color word")
  .meta({ description: "`#rgb`, `#rrggbb` or a lowercase CSS color word.", maxLength: 32, examples: ["#3b82f6"] });

/** One tag: trimmed, 1..64 characters. */
export const SetTag = text()
  .transform((value) => value.trim())
  .refine((value) => value.length > 0, "must not be empty")
  .refine(atMost(LIMITS.maxTagLength), `must be at most ${LIMITS.maxTagLength} characters`)
  .meta({ description: `A tag: trimmed, 1..${LIMITS.maxTagLength} characters.`, minLength: 1, maxLength: LIMITS.maxTagLength });

/**
 * A tag list: each tag trimmed, de-duplicated case-insensitively keeping the first spelling and the order, at most
 * 32 distinct tags. The list sent may repeat tags, up to 64 entries before de-duplication.
 */
export const SetTags = z
  .array(SetTag)
  .max(LIMITS.maxTagEntries, `must hold at most ${LIMITS.maxTagEntries} entries`)
  .transform(dedupeTags)
  .refine((tags) => tags.length <= LIMITS.maxTags, `must hold at most ${LIMITS.maxTags} distinct tags`)
  .meta({
    description: `Tags, in order: trimmed, de-duplicated case-insensitively (first spelling kept), at most ${LIMITS.maxTags}.`,
    examples: [["api", "python"]],
  });

/** Tags de-duplicated case-insensitively, first spelling and order kept. */
export function dedupeTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const tag of tags) {
    const key = foldCase(tag);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(tag);
  }
  return out;
}

/** A 0-based member position: an integer from 0; a position past the end means the end. */
export const Position = z
  .number()
  .int("must be an integer")
  .min(0, "must be >= 0")
  .max(LIMITS.maxPosition, `must be at most ${LIMITS.maxPosition}`)
  .meta({ description: "0-based position; a position past the end means the end.", examples: [0] });

/** The id of what a member references: an artifact uuid (or derived id), a group id or a set id. */
export const ReferenceId = text()
  .min(1, "must not be empty")
  .max(LIMITS.maxReferenceLength, `must be at most ${LIMITS.maxReferenceLength} characters`)
  .meta({ description: "An artifact uuid (or its derived id), a group id or a set id.", examples: ["5f0c1c4e9b7a4d2e8f6a3b1c0d9e8f7a"] });

/** An absolute path of a project folder. */
export const ProjectPath = text()
  .min(1, "must not be empty")
  .max(LIMITS.maxPathLength, `must be at most ${LIMITS.maxPathLength} characters`)
  .meta({ description: "Absolute path of the project folder, inside one of the server's allowed project roots.", examples: ["/home/alice/projects/api"] });

/** A list's name filter: a case-insensitive substring of the name. */
export const NameFilter = text()
  .max(LIMITS.maxNameLength, `must be at most ${LIMITS.maxNameLength} characters`)
  .meta({ description: "Only entries whose name contains this text, case-insensitively." });

/** A set-list tag filter: one tag, matched case-insensitively and exactly. */
export const TagFilter = text()
  .max(LIMITS.maxTagLength, `must be at most ${LIMITS.maxTagLength} characters`)
  .meta({ description: "Only sets carrying this tag (case-insensitive, exact)." });
