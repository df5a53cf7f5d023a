import type { z } from "zod";
import { ValidationError } from "../errors/errors.js";
import type { FieldError } from "../errors/error-codes.js";

/** Where an input came from; prefixes every error path (`body.tags.3`, `query.limit`). */
export type InputSource = "body" | "query" | "params";

/**
 * Parses `input` with `schema`, or throws a {@link ValidationError} listing every issue with its dotted path
 * prefixed by `source`. Unknown keys are reported one per key, each naming the field.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, source: InputSource): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(toFieldErrors(result.error, source));
}

/** Converts a zod error into field errors with prefixed dotted paths. */
export function toFieldErrors(error: z.ZodError, source: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const issue of error.issues) {
    const base = [source, ...issue.path.map(String)];
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) errors.push({ path: [...base, key].join("."), message: "unknown field" });
    } else {
      errors.push({ path: base.join("."), message: issue.message });
    }
  }
  return errors;
}
