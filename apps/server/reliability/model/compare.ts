/** A check of the model-based part that failed: its message says what the server answered and what the model expected. */
export class ModelMismatch extends Error {
  override name = "ModelMismatch";
}

const MAX_SHOWN = 4000;

function show(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}...` : text;
}

/** The path (`.members[2].name`) of the first place `actual` and `expected` differ as JSON values; none when equal. */
export function firstDifference(actual: unknown, expected: unknown, path = ""): string | undefined {
  if (Object.is(actual, expected)) return undefined;
  if (typeof actual !== "object" || typeof expected !== "object" || actual === null || expected === null) return path || "(root)";
  if (Array.isArray(actual) !== Array.isArray(expected)) return path || "(root)";
  if (Array.isArray(actual) && Array.isArray(expected)) {
    for (let i = 0; i < Math.max(actual.length, expected.length); i++) {
      if (i >= actual.length || i >= expected.length) return `${path}.length`;
      const found = firstDifference(actual[i], expected[i], `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  const a = actual as Record<string, unknown>;
  const e = expected as Record<string, unknown>;
  for (const key of new Set([...Object.keys(e), ...Object.keys(a)])) {
    if (!(key in a) || !(key in e)) return `${path}.${key} (${key in a ? "not expected" : "absent"})`;
    const found = firstDifference(a[key], e[key], `${path}.${key}`);
    if (found) return found;
  }
  return undefined;
}

/** Throws a {@link ModelMismatch} naming the first difference when the server's `actual` is not the model's `expected`. */
export function assertSame(label: string, actual: unknown, expected: unknown): void {
  const where = firstDifference(actual, expected);
  if (where === undefined) return;
  throw new ModelMismatch(`${label}: server and model differ at ${where}\n  server: ${show(actual)}\n  model:  ${show(expected)}`);
}

/** Throws a {@link ModelMismatch} with `message` unless `condition` holds. */
export function assertThat(condition: boolean, message: () => string): asserts condition {
  if (!condition) throw new ModelMismatch(message());
}

/** Shortens a body for a message. */
export function brief(value: unknown): string {
  return show(value);
}
