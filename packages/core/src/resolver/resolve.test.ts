import { describe, expect, it } from "vitest";
import { graphOf, chain } from "../../test/fixtures.js";
import { hasErrorCode } from "../errors/deployment-sets-error.js";
import { resolveSet } from "./resolve.js";

type Case = {
  sets: Record<string, string[]>;
  groups?: Record<string, string[]>;
  root: string;
  want: { names: string[]; paths?: string[][]; duplicatesDropped?: number; missing?: unknown[]; depth?: number };
};

const cases: [string, Case][] = [
  [
    "the 3-level example C{c1,c2}, B{b1,C}, A{a1,B}",
    {
      sets: { A: ["a1", "@B"], B: ["b1", "@C"], C: ["c1", "c2"] },
      root: "A",
      want: { names: ["a1", "b1", "c1", "c2"], paths: [["A"], ["A", "B"], ["A", "B", "C"], ["A", "B", "C"]], depth: 3 },
    },
  ],
  [
    "members in position order, groups in group order, nested sets in place",
    {
      sets: { Root: ["x", "#G", "@N", "y"], N: ["n1", "n2"] },
      groups: { G: ["g2", "g1"] },
      root: "Root",
      want: {
        names: ["x", "g2", "g1", "n1", "n2", "y"],
        paths: [["Root"], ["Root", "G"], ["Root", "G"], ["Root", "N"], ["Root", "N"], ["Root"]],
      },
    },
  ],
  [
    "first occurrence wins across groups and nested sets",
    {
      sets: { Root: ["#G", "b", "@N"], N: ["a", "c", "b"] },
      groups: { G: ["a", "b"] },
      root: "Root",
      want: { names: ["a", "b", "c"], paths: [["Root", "G"], ["Root", "G"], ["Root", "N"]], duplicatesDropped: 3 },
    },
  ],
  [
    "a diamond walks the shared set once; its artifacts are not counted as duplicates twice",
    {
      sets: { A: ["@B", "@C"], B: ["@D", "b"], C: ["@D", "c"], D: ["d1", "d2"] },
      root: "A",
      want: { names: ["d1", "d2", "b", "c"], paths: [["A", "B", "D"], ["A", "B", "D"], ["A", "B"], ["A", "C"]], duplicatesDropped: 0, depth: 3 },
    },
  ],
  [
    "missing artifacts, groups and sets are reported once each with the holding path",
    {
      sets: { A: ["?ghost", "#nogroup", "@Gone", "ok", "@B"], B: ["?ghost", "b"] },
      root: "A",
      want: {
        names: ["ok", "b"],
        missing: [
          { kind: "artifact", id: "a-ghost", path: ["A"] },
          { kind: "group", id: "g-nogroup", path: ["A"] },
          { kind: "set", id: "s-Gone", path: ["A"] },
        ],
        duplicatesDropped: 0,
      },
    },
  ],
  ["an empty set resolves to nothing", { sets: { E: [] }, root: "E", want: { names: [], depth: 1, duplicatesDropped: 0 } }],
  ["a chain of 20 sets resolves", { sets: chain(20), root: "S1", want: { names: ["leaf"], depth: 20 } }],
];

describe("resolveSet", () => {
  it.each(cases)("%s", (_name, { sets, groups, root, want }) => {
    const { graph, catalog } = graphOf(sets, groups);
    const resolution = resolveSet(graph, catalog, `s-${root}`);
    expect(resolution.artifacts.map((a) => a.name)).toEqual(want.names);
    if (want.paths) expect(resolution.artifacts.map((a) => a.sourcePath)).toEqual(want.paths);
    if (want.duplicatesDropped !== undefined) expect(resolution.duplicatesDropped).toBe(want.duplicatesDropped);
    if (want.missing) expect(resolution.missing).toEqual(want.missing);
    if (want.depth !== undefined) expect(resolution.depth).toBe(want.depth);
    expect(resolution.setId).toBe(`s-${root}`);
    expect(resolution.setName).toBe(root);
  });

  it("enriches artifacts with the catalog's uuid, name and type", () => {
    const { graph, catalog } = graphOf({ A: ["pdf"] });
    const [first] = resolveSet(graph, catalog, "s-A").artifacts;
    expect(first).toMatchObject({ uuid: "a-pdf", name: "pdf", type: "skill" });
  });

  it("de-duplicates by canonical uuid when two ids of one artifact are members", () => {
    const { graph, catalog } = graphOf({ A: ["pdf", "alias"] });
    const artifacts = new Map(catalog.artifacts);
    artifacts.set("a-alias", artifacts.get("a-pdf")!);
    const resolution = resolveSet(graph, { ...catalog, artifacts }, "s-A");
    expect(resolution.artifacts.map((a) => a.uuid)).toEqual(["a-pdf"]);
    expect(resolution.duplicatesDropped).toBe(1);
  });

  it("rejects a chain of 21 with depth_limit_exceeded and the full path, root first", () => {
    const { graph, catalog } = graphOf(chain(21));
    let caught: unknown;
    try {
      resolveSet(graph, catalog, "s-S1");
    } catch (error) {
      caught = error;
    }
    expect(hasErrorCode(caught, "depth_limit_exceeded")).toBe(true);
    if (!hasErrorCode(caught, "depth_limit_exceeded")) return;
    expect(caught.data.limit).toBe(20);
    expect(caught.data.path).toEqual(Array.from({ length: 21 }, (_, i) => `s-S${i + 1}`));
  });

  it("measures depth by the longest chain, whatever the member order", () => {
    const long = chain(21);
    const { graph, catalog } = graphOf({ Top: ["@Short", "@S1"], Short: ["x"], ...long });
    expect(() => resolveSet(graph, catalog, "s-Top")).toThrow(/22 levels deep/);
    const shallow = graphOf({ Top: ["@S1", "@Short"], Short: ["x"], ...chain(19) });
    expect(resolveSet(shallow.graph, shallow.catalog, "s-Top").depth).toBe(20);
  });

  it("throws set_not_found for an unknown root", () => {
    const { graph, catalog } = graphOf({ A: [] });
    expect(() => resolveSet(graph, catalog, "s-Nope")).toThrow(expect.objectContaining({ code: "set_not_found" }));
  });

  it("honours a smaller maxDepth", () => {
    const { graph, catalog } = graphOf(chain(3));
    expect(() => resolveSet(graph, catalog, "s-S1", { maxDepth: 2 })).toThrow(
      expect.objectContaining({ code: "depth_limit_exceeded", data: { limit: 2, path: ["s-S1", "s-S2", "s-S3"] } }),
    );
  });

  it("starts afresh after a resolution that threw half-way", () => {
    // Top emits x, drops a duplicate and meets a missing artifact before the too-deep chain stops it.
    const deep = graphOf({ Top: ["x", "@Dup", "?ghost", "#G", "@S1"], Dup: ["x"], ...chain(20), Other: ["x", "leaf"] }, { G: ["g"] });
    expect(() => resolveSet(deep.graph, deep.catalog, "s-Top")).toThrow(expect.objectContaining({ code: "depth_limit_exceeded" }));
    const resolution = resolveSet(deep.graph, deep.catalog, "s-Other");
    expect(resolution.artifacts.map((a) => a.name)).toEqual(["x", "leaf"]);
    expect(resolution).toMatchObject({ duplicatesDropped: 0, missing: [], depth: 1 });
  });

  it("keeps an outer resolution intact when a catalog lookup resolves another set", () => {
    const outer = graphOf({ A: ["a1", "@B", "a2"], B: ["b1", "a1"] });
    const inner = graphOf({ X: ["x1", "x1alias", "?gone"] });
    const innerArtifacts = new Map(inner.catalog.artifacts);
    innerArtifacts.set("a-x1alias", innerArtifacts.get("a-x1")!);
    const innerResults: string[][] = [];
    const artifacts = new Map(outer.catalog.artifacts);
    const get = artifacts.get.bind(artifacts);
    // A catalog backed by something that resolves sets itself: each lookup runs a whole resolution.
    artifacts.get = (id: string) => {
      const nested = resolveSet(inner.graph, { ...inner.catalog, artifacts: innerArtifacts }, "s-X");
      innerResults.push(nested.artifacts.map((a) => a.name).concat(`dropped:${nested.duplicatesDropped}`, `missing:${nested.missing.length}`));
      return get(id);
    };
    const resolution = resolveSet(outer.graph, { ...outer.catalog, artifacts }, "s-A");
    expect(resolution.artifacts.map((a) => a.name)).toEqual(["a1", "b1", "a2"]);
    expect(resolution.artifacts.map((a) => a.sourcePath)).toEqual([["A"], ["A", "B"], ["A"]]);
    expect(resolution).toMatchObject({ duplicatesDropped: 1, missing: [], depth: 2 });
    expect(innerResults).toEqual(Array.from({ length: 3 }, () => ["x1", "dropped:1", "missing:1"]));
  });

  it("never loops on a cyclic graph (which writes never allow): internal_error", () => {
    const { graph, catalog } = graphOf({ A: ["@B"], B: ["@A"] });
    expect(() => resolveSet(graph, catalog, "s-A")).toThrow(expect.objectContaining({ code: "internal_error" }));
  });
});
