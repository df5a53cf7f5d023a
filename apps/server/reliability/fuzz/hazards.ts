import fc from "fast-check";

const LONG = 10_000;

/**
 * Strings that break naive code: NUL, lone and reversed UTF-16 surrogates, 10,000-character strings, right-to-left
 * overrides and stacks of combining marks, path traversal, Unicode whitespace the server trims, case-folding
 * traps (tags are de-duplicated case-insensitively), SQL `LIKE` wildcards (list filters), injection-looking text
 * and the bounds of every documented length.
 */
export const HAZARDS: readonly string[] = [
  "",
  " ",
  "\t\r\n",
  "\u0000",
  "a\u0000b",
  "\u0000\u0000\u0000",
  "\uD800",
  "\uDFFF",
  "a\uDC00b",
  "\uDBFF\uDBFF",
  "\uDC00\uD800",
  "x".repeat(LONG),
  "\u{1F600}".repeat(LONG / 2),
  "\u0000".repeat(LONG),
  "\u202Eevil\u202C",
  "\u200F\u05E9\u05DC\u05D5\u05DD \u0645\u0631\u062D\u0628\u0627",
  `e${"\u0301".repeat(200)}`,
  `Z${"\u0336\u0337\u0338\u0489".repeat(50)}`,
  "../../etc",
  "../../../../etc/passwd",
  "..\\..\\windows\\system32",
  "%2e%2e%2f%2e%2e%2f",
  "/etc/passwd",
  "~/.ssh",
  "....//....//",
  "\u2028\u2029",
  "\uFEFFbom",
  "\u00A0\u3000\u200B",
  "'; DROP TABLE deployment_sets; --",
  "%",
  "_",
  "\\",
  "%_%\\_",
  "<script>alert(1)</script>",
  "${jndi:ldap://x/a}",
  "__proto__",
  "constructor",
  "null",
  "NaN",
  "\u0001\u001F\u007F\u0085",
  "\r\nX-Injected: 1",
  "\u{1F468}\u200D\u{1F469}\u200D\u{1F467}\u200D\u{1F466}",
  "\u0130",
  "\u00DF",
  "SS",
  "\u212A",
  "\uFFFD",
  "\uFFFF",
  "A".repeat(255),
  "A".repeat(256),
  ` ${"A".repeat(255)} `,
  "t".repeat(64),
  "t".repeat(65),
  "d".repeat(4000),
  "d".repeat(4001),
];

/** A hazard, random text (any code unit, lone surrogates included), or a hazard glued to random text. */
export const hazardString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HAZARDS) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 24 }) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 24 }) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.string({ unit: "grapheme-ascii", maxLength: 8 }), fc.constantFrom(...HAZARDS.filter((h) => h.length < 300)))
      .map(([text, hazard]) => `${text}${hazard}${text}`),
  },
);

/** Ordinary text: what a valid request mostly carries. */
export const plainString: fc.Arbitrary<string> = fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 16 });
