import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hasErrorCode } from "../errors/deployment-sets-error.js";
import type { Artifact } from "../domain/model.js";
import { catalogArb, longChainArb, reverseMembers, worldArb } from "../../test/graph-arbitraries.js";
import { observedResolution } from "../../test/observed-resolution.js";
import { allChains, hasEdge, referenceDepth, referenceResolve, unfoldedResolve } from "../../test/reference-model.js";
import type { CatalogView, SetGraph } from "./graph.js";
import { resolveSet } from "./resolve.js";

const NUM_RUNS = 200;

/** A world with a root picked among its sets (often the topmost one) and an optional, small `maxDepth`. */
const caseArb = fc.record({
  world: worldArb(),
  root: fc.oneof(fc.constant(0), fc.nat()),
  maxDepth: fc.option(fc.integer({ min: 1, max: 7 }), { nil: undefined }),
});

/** Resolves, returning the depth error's data instead of throwing it. */
function attempt(graph: SetGraph, catalog: CatalogView, rootId: string, maxDepth?: number) {
  try {
    return { resolution: resolveSet(graph, catalog, rootId, maxDepth === undefined ? {} : { maxDepth }) };
  } catch (error) {
    if (hasErrorCode(error, "depth_limit_exceeded")) return { depthError: error.data };
    throw error;
  }
}

/** Expects `path` to be a real chain of nested sets from `rootId` of the maximal length. */
function expectLongestChain(graph: SetGraph, rootId: string, path: readonly string[]) {
  expect(path[0]).toBe(rootId);
  expect(path.length).toBe(referenceDepth(graph, rootId));
  for (let i = 0; i + 1 < path.length; i++) expect(hasEdge(graph, path[i]!, path[i + 1]!)).toBe(true);
  expect(allChains(graph, rootId).map((chain) => chain.join(">"))).toContain(path.join(">"));
}

describe("resolveSet against the reference model", () => {
  it("resolves every random DAG as the reference does, or throws depth_limit_exceeded with a longest chain", () => {
    fc.assert(
      fc.property(caseArb, ({ world, root, maxDepth }) => {
        const rootId = world.setIds[root % world.setIds.length]!;
        const want = referenceResolve(world.graph, world.catalog, rootId);
        const got = attempt(world.graph, world.catalog, rootId, maxDepth);
        if (want.depth > (maxDepth ?? 20)) {
          expect(got.depthError).toBeDefined();
          expect(got.depthError!.limit).toBe(maxDepth ?? 20);
          expectLongestChain(world.graph, rootId, got.depthError!.path);
        } else {
          expect(got.depthError).toBeUndefined();
          expect(observedResolution(got.resolution!)).toEqual(want);
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it("walks each set once without changing what the full unfolding of every path yields", () => {
    fc.assert(
      fc.property(caseArb, ({ world, root }) => {
        const rootId = world.setIds[root % world.setIds.length]!;
        const { artifacts, missing } = observedResolution(resolveSet(world.graph, world.catalog, rootId));
        expect({ artifacts, missing }).toEqual(unfoldedResolve(world.graph, world.catalog, rootId));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it("lists each artifact once, and counts every emission as either kept or dropped", () => {
    fc.assert(
      fc.property(caseArb, ({ world, root }) => {
        const rootId = world.setIds[root % world.setIds.length]!;
        const resolution = resolveSet(world.graph, world.catalog, rootId);
        const uuids = resolution.artifacts.map((a) => a.uuid);
        expect(new Set(uuids).size).toBe(uuids.length);
        const keys = resolution.missing.map((m) => `${m.kind}:${m.id}`);
        expect(new Set(keys).size).toBe(keys.length);
        for (const a of resolution.artifacts) expect(a.artifact).toBe(world.catalog.artifacts.get(a.uuid));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it("never lets member order change the depth or the depth verdict", () => {
    fc.assert(
      fc.property(caseArb, ({ world, root, maxDepth }) => {
        const rootId = world.setIds[root % world.setIds.length]!;
        const forward = attempt(world.graph, world.catalog, rootId, maxDepth);
        const backward = attempt(reverseMembers(world.graph), world.catalog, rootId, maxDepth);
        expect(forward.resolution?.depth).toBe(backward.resolution?.depth);
        expect(forward.depthError?.path.length).toBe(backward.depthError?.path.length);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it("accepts depth 20 and rejects 21+ under the default limit, with a longest chain root first", () => {
    const artifact = (uuid: string): Artifact => ({
      uuid,
      name: uuid,
      type: "skill",
      description: null,
      tags: [],
      path: uuid,
    });
    fc.assert(
      fc.property(longChainArb(17, 24), catalogArb, (graph, random) => {
        const catalog: CatalogView = {
          artifacts: new Map(["a0", "a1"].map((u) => [u, artifact(u)])),
          groups: random.groups,
        };
        const got = attempt(graph, catalog, "c0");
        if (graph.size > 20) {
          expect(got.depthError?.limit).toBe(20);
          expect(got.depthError?.path).toEqual([...graph.keys()]);
          expectLongestChain(graph, "c0", got.depthError!.path);
        } else {
          expect(observedResolution(got.resolution!)).toEqual(referenceResolve(graph, catalog, "c0"));
          expect(got.resolution!.depth).toBe(graph.size);
        }
      }),
      { numRuns: 100 },
    );
  });
});
