import { Slot, type BodyPlan } from "./plan-types.js";

/** The value of a body that is empty or blank: no body, as the server reads it. */
export const ABSENT = Symbol("absent");
/** The value of a body that is not JSON at all. */
export const MALFORMED = Symbol("malformed");

/** A body ready to send, with what a correct server reads from it. */
export interface EncodedBody {
  readonly bytes: Buffer;
  readonly value: unknown;
  /** Whether the bytes carry `value` exactly (no replacement characters from invalid UTF-8). */
  readonly exact: boolean;
}

/** Replaces every {@link Slot} of a JSON-ish value with what `resolve` gives. */
export function resolveSlots(value: unknown, resolve: (slot: Slot) => string): unknown {
  if (value instanceof Slot) return resolve(value);
  if (Array.isArray(value)) return value.map((item) => resolveSlots(item, resolve));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, resolveSlots(field, resolve)]));
  }
  return value;
}

/**
 * Encodes a body plan. The value is read back from the bytes the way the server does (UTF-8 with replacement,
 * blank text is no body, then `JSON.parse`), so the oracle judges what the server really receives.
 */
export function encodeBody(plan: BodyPlan, resolve: (slot: Slot) => string): EncodedBody {
  switch (plan.kind) {
    case "json": {
      const value = resolveSlots(plan.value, resolve);
      const text = JSON.stringify(value) ?? "";
      return { bytes: Buffer.from(text, "utf8"), value: value === undefined ? ABSENT : value, exact: true };
    }
    case "text":
      return readBack(Buffer.from(plan.text, "utf8"), plan.text);
    case "latin1":
      return readBack(Buffer.from(plan.bytes, "latin1"));
    case "many-keys": {
      const parts: string[] = [];
      for (let i = 0; i < plan.count; i++) parts.push(`"k${i}":${i % 7}`);
      return readBack(Buffer.from(`{${parts.join(",")}}`, "utf8"));
    }
    case "deep":
      return readBack(Buffer.from(`${"[".repeat(plan.depth)}${"]".repeat(plan.depth)}`, "utf8"));
    case "oversized": {
      const bytes = Buffer.alloc(plan.bytes, "x");
      bytes.write('{"name":"', 0);
      bytes.write('"}', plan.bytes - 2);
      return { bytes, value: MALFORMED, exact: false };
    }
  }
}

function readBack(bytes: Buffer, source?: string): EncodedBody {
  const text = bytes.toString("utf8");
  const exact = source === undefined ? false : text === source;
  if (text.trim() === "") return { bytes, value: ABSENT, exact };
  try {
    return { bytes, value: JSON.parse(text) as unknown, exact };
  } catch {
    return { bytes, value: MALFORMED, exact };
  }
}
