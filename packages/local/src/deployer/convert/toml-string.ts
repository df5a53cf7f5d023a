import { ConversionError } from "./front-matter.js";

// Control characters other than tab and newline, and the backslash: escaped in both kinds of basic string.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const ESCAPED = /[\u0000-\u0008\u000b-\u001f\u007f\\]/g;
const SHORT: Readonly<Record<string, string>> = { "\b": "\\b", "\f": "\\f", "\r": "\\r", "\\": "\\\\" };
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const BARE_KEY = /^[A-Za-z0-9_-]+$/;

function escape(char: string): string {
  return SHORT[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

/**
 * A TOML string holding `value` exactly: a basic string (`"..."`) when it has no newline, else a multi-line
 * basic string (`"""` and a newline, the text, `"""`) that keeps the text readable: quotes are escaped only
 * where three would meet or one would touch the closing delimiter.
 *
 * @param value - any string without lone surrogates
 * @throws ConversionError when `value` holds a lone surrogate, which TOML cannot
 */
export function tomlString(value: string): string {
  if (LONE_SURROGATE.test(value)) throw new ConversionError("a value holds a lone UTF-16 surrogate, which TOML cannot represent");
  const escaped = value.replace(ESCAPED, escape);
  if (!value.includes("\n")) return `"${escaped.replace(/\t/g, "\\t").replace(/"/g, '\\"')}"`;
  const quoted = escaped.replace(/"+/g, (run: string, offset: number) => {
    const last = offset + run.length === escaped.length;
    return [...run].map((quote, i) => (last || i % 3 === 2 ? '\\"' : quote)).join("");
  });
  return `"""\n${quoted}"""`;
}

/**
 * A TOML document of top-level string keys, one `key = value` line each, in the order given.
 *
 * @param fields - `[key, value]` pairs; keys must be bare (letters, digits, `_`, `-`)
 */
export function tomlStringTable(fields: readonly (readonly [string, string])[]): string {
  return fields
    .map(([key, value]) => {
      if (!BARE_KEY.test(key)) throw new Error(`not a bare TOML key: ${JSON.stringify(key)}`);
      try {
        return `${key} = ${tomlString(value)}\n`;
      } catch (error) {
        if (error instanceof ConversionError) throw new ConversionError(`${key}: ${error.message}`);
        throw error;
      }
    })
    .join("");
}
