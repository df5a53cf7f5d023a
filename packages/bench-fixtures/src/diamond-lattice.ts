import { makeArtifacts } from "./catalog.js";
import { createIdFactory } from "./ids.js";
import { createRandom } from "./random.js";
import type { Fixture, FixtureMember, FixtureSet } from "./types.js";

/** Options of {@link diamondLattice}. */
export interface DiamondLatticeOptions {
  /**
   * Artifact members held by each bottom-level set (distinct artifacts, no two sets share one).
   * @defaultValue 3
   */
  readonly artifactsPerLeaf?: number;
  /**
   * Seed of the ids.
   * @defaultValue 1
   */
  readonly seed?: number;
}

/**
 * A diamond lattice: a root set, then `levels` levels of `width` sets each. The root holds every set of level 1
 * and every set of a level holds every set of the next level, in order; each set of the bottom level holds
 * `artifactsPerLeaf` artifact members of its own. With `levels = 0` the root itself holds the artifacts.
 *
 * What it produces, exactly:
 * - `1 + levels * width` sets (`sets[0]` is the root, then level 1 in order, then level 2, ...);
 * - a longest chain of nested sets of `levels + 1` sets, the root included (the depth a resolution reports);
 * - `width ** levels` distinct root-to-leaf paths;
 * - `width * artifactsPerLeaf` artifacts, each reachable along `width ** (levels - 1)` paths; resolving the root
 *   yields them in bottom-level order, each leaf's artifacts in member order; no groups.
 *
 * So "depth 14, width 3" in the issue is `diamondLattice(14, 3)`: 43 sets, 3^14 = 4,782,969 paths, longest chain
 * 15; "a root plus 19 levels of width 3" is `diamondLattice(19, 3)`: 58 sets, longest chain 20, 3^19 paths.
 *
 * @param levels - levels below the root (the longest chain is `levels + 1`)
 * @param width - sets per level
 *
 * @example
 * ```ts
 * const lattice = diamondLattice(14, 3); // 43 sets, 4.8 million root-to-leaf paths
 * ```
 */
export function diamondLattice(levels: number, width: number, options: DiamondLatticeOptions = {}): Fixture {
  const { artifactsPerLeaf = 3, seed = 1 } = options;
  if (!Number.isInteger(levels) || levels < 0) throw new RangeError(`levels must be an integer >= 0, got ${levels}`);
  if (!Number.isInteger(width) || width < 1) throw new RangeError(`width must be an integer >= 1, got ${width}`);
  const newId = createIdFactory(createRandom(seed));
  const rootId = newId();
  const levelIds: string[][] = [[rootId]];
  for (let level = 1; level <= levels; level++) levelIds.push(Array.from({ length: width }, () => newId()));
  const bottom = levelIds[levels]!;
  const artifacts = makeArtifacts(bottom.length * artifactsPerLeaf, newId);
  const sets: FixtureSet[] = [];
  levelIds.forEach((ids, level) => {
    ids.forEach((id, index) => {
      const name = level === 0 ? "Lattice root" : `Lattice L${level}.${index}`;
      let members: FixtureMember[];
      if (level < levels) members = levelIds[level + 1]!.map((child) => ({ ref: { type: "set", id: child } }));
      else {
        const own = artifacts.slice(index * artifactsPerLeaf, (index + 1) * artifactsPerLeaf);
        members = own.map((artifact) => ({ ref: { type: "artifact", id: artifact.uuid } }));
      }
      sets.push({ id, name, members });
    });
  });
  return { rootId, sets, artifacts, groups: [] };
}
