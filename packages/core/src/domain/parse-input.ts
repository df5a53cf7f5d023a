import type { z } from "zod";
import { ValidationError } from "../errors/errors.js";
import type { FieldError } from "../errors/error-codes.js";
import { LIMITS } from "./limits.js";
import { truncateChars } from "./text.js";

/** Longest path segment a field error repeats (an unknown key can be as long as the body). */
const MAX_SEGMENT = 64;

/** A path segment as a field error shows it: cut to {@link MAX_SEGMENT} characters, `…` marking the cut. */
function segment(key: PropertyKey): string {
  const text = String(key);
  const cut = truncateChars(text, MAX_SEGMENT);
  return cut === text ? text : `${cut}…`;
}

/**
 * Parses `input` with `schema`, or throws a {@link ValidationError} listing the issues with their dotted paths
 * (`tags.3`, `ref.id`). Unknown keys are reported one per key, each naming the field.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = safeParseInput(schema, input);
  if (result.success) return result.data;
  throw result.error;
}

/** What {@link safeParseInput} answers: the parsed input, or the validation error. */
export type SafeParseResult<T> =
  | {
      /** Always `true`: the input is valid. */
      readonly success: true;
      /** The parsed input (trimmed, defaults filled in). */
      readonly data: T;
    }
  | {
      /** Always `false`: the input is not valid. */
      readonly success: false;
      /** The error {@link parseInput} would throw. */
      readonly error: ValidationError;
    };

/**
 * Parses `input` with `schema` without throwing: the parsed value, or the {@link ValidationError} that
 * {@link parseInput} would throw, its paths prefixed by `prefix` (the server passes `body` or `query`). An object
 * with more than `LIMITS.maxInputFields` fields is rejected before any field is read, so a body of 80,000
 * unknown keys costs as little, and answers as briefly, as one with a few.
 *
 * @example
 * ```ts
 * const result = safeParseInput(CreateSetInput, body, "body");
 * if (!result.success) console.error(result.error.data.errors);
 * ```
 */
export function safeParseInput<S extends z.ZodType>(schema: S, input: unknown, prefix?: string): SafeParseResult<z.output<S>> {
  if (hasMoreFieldsThan(input, LIMITS.maxInputFields)) {
    const message = `must have at most ${LIMITS.maxInputFields} fields`;
    return { success: false, error: new ValidationError([{ path: prefix ?? "", message }]) };
  }
  const result = schema.safeParse(input);
  if (result.success) return { success: true, data: result.data };
  return { success: false, error: new ValidationError(toFieldErrors(result.error, prefix)) };
}

/** Whether `input` is an object with more than `max` own enumerable keys (counting stops at `max + 1`). */
function hasMoreFieldsThan(input: unknown, max: number): boolean {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return false;
  let count = 0;
  for (const key in input) {
    if (Object.hasOwn(input, key) && ++count > max) return true;
  }
  return false;
}

/**
 * Converts a zod error into field errors with dotted paths, each prefixed by `prefix` when given (the server
 * passes `body` or `query`). Unknown keys give one error per key. When no branch of a union matched, the errors of
 * the branch that came closest (fewest issues) are reported; when several came equally close, the input is
 * ambiguous between them, so their fields are reported with the union's own message (unknown keys still as such).
 */
export function toFieldErrors(error: z.ZodError, prefix?: string): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const push = (path: readonly PropertyKey[], message: string) => {
    const dotted = [...(prefix === undefined ? [] : [prefix]), ...path.map(segment)].join(".");
    const key = `${dotted}\u0000${message}`;
    if (seen.has(key)) return;
    seen.add(key);
    errors.push({ path: dotted, message });
  };
  const collect = (issues: readonly z.core.$ZodIssue[], base: readonly PropertyKey[], override?: string) => {
    for (const issue of issues) {
      const path = [...base, ...issue.path];
      if (issue.code === "unrecognized_keys") {
        for (const key of issue.keys) push([...path, key], "unknown field");
      } else if (issue.code === "invalid_union" && issue.errors.length > 0) {
        const fewest = Math.min(...issue.errors.map((branch) => branch.length));
        const closest = issue.errors.filter((branch) => branch.length === fewest);
        for (const branch of closest) collect(branch, path, closest.length > 1 ? issue.message : undefined);
      } else {
        push(path, override ?? issue.message);
      }
    }
  };
  collect(error.issues, []);
  return errors;
}
