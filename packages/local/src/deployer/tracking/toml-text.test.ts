import fc from "fast-check";
import { parse, stringify, TomlDate, type TomlTable } from "smol-toml";
import { describe, expect, it } from "vitest";
import { tomlDocument } from "./toml-text.js";

const plainValue = fc.oneof(
  fc.string({ unit: "binary" }),
  fc.string(),
  fc.boolean(),
  fc.integer(),
  fc.constantFrom("", '"', "\\", "a\"b\\c", "\u0000\u0007\u001f\u007f", "line\nbreak\ttab\rcr", "\u{1F600} ～"),
);
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const key = fc.oneof(fc.stringMatching(/^[a-z_][a-z0-9_-]{0,12}$/), fc.string({ minLength: 1, maxLength: 8 }));
const plainTable = fc.dictionary(key, plainValue, { maxKeys: 8 }) as fc.Arbitrary<TomlTable>;

/** What smol-toml reads back for a value (lone surrogates cannot be written and fall back to smol-toml). */
function roundTrip(document: string): unknown {
  return JSON.parse(JSON.stringify(parse(document)));
}

describe("tomlDocument", () => {
  it("writes plain tables that smol-toml reads back exactly", () => {
    fc.assert(
      fc.property(fc.array(plainTable, { maxLength: 6 }), fc.array(plainTable, { maxLength: 3 }), (deployed, pending) => {
        const wellFormed = (table: TomlTable) =>
          Object.entries(table).every(([k, v]) => !LONE_SURROGATE.test(k) && (typeof v !== "string" || !LONE_SURROGATE.test(v)));
        fc.pre(deployed.every(wellFormed) && pending.every(wellFormed));
        const text = tomlDocument({}, [
          ["deployed", deployed],
          ["deployment_sets_pending", pending],
        ]);
        const expected: Record<string, unknown> = {};
        if (deployed.length > 0) expected["deployed"] = deployed;
        if (pending.length > 0) expected["deployment_sets_pending"] = pending;
        expect(roundTrip(text)).toEqual(JSON.parse(JSON.stringify(expected)));
      }),
      { numRuns: 300 },
    );
  });

  it("passes other top-level keys and tables of any shape through smol-toml", () => {
    const foreign: TomlTable = {
      artifact_name: "x",
      version_lineage: ["a", "b"],
      nested: { deep: true },
      ratio: 1.5,
      when: new TomlDate("2024-05-01T08:00:00Z"),
    };
    const text = tomlDocument({ schema: 2, meta: { owner: "me" } }, [["deployed", [{ artifact_name: "plain" }, foreign]]]);
    const parsed = parse(text);
    expect(parsed["schema"]).toBe(2);
    expect(parsed["meta"]).toEqual({ owner: "me" });
    expect(JSON.parse(JSON.stringify(parsed["deployed"]))).toEqual([
      { artifact_name: "plain" },
      JSON.parse(JSON.stringify(parse(stringify({ t: [foreign] }))["t"]))[0],
    ]);
  });
});
