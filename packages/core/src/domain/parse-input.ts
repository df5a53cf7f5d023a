import type { z } from "zod";
import { ValidationError } from "../errors/errors.js";
import type { FieldError } from "../errors/error-codes.js";

/**
 * Parses `input` with `schema`, or throws a {@link ValidationError} listing every issue with its dotted path
 * (`tags.3`, `ref.id`). Unknown keys are reported one per key, each naming the field.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(toFieldErrors(result.error));
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
    const dotted = [...(prefix === undefined ? [] : [prefix]), ...path.map(String)].join(".");
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
