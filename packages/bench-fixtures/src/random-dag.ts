import { makeArtifacts, makeGroups } from "./catalog.js";
import { createIdFactory } from "./ids.js";
import { createRandom, type Random } from "./random.js";
import type { Fixture, FixtureMember, FixtureSet } from "./types.js";

/** Options of {@link randomDag}; every count is exact. The defaults describe {@link largeRandomDag}. */
export interface RandomDagOptions {
  /** @defaultValue 1 */
  readonly seed?: number;
  /** Sets, the root included. @defaultValue 10_000 */
  readonly sets?: number;
  /** The longest chain of nested sets, the root included. @defaultValue 20 */
  readonly depth?: number;
  /** Artifact member rows. @defaultValue 70_000 */
  readonly artifactMembers?: number;
  /** Group member rows. @defaultValue 10_000 */
  readonly groupMembers?: number;
  /** Nested-set member rows; at least `sets - 1`. @defaultValue 20_000 */
  readonly setMembers?: number;
  /** Artifacts in the catalog. @defaultValue 20_000 */
  readonly artifacts?: number;
  /** Groups in the catalog. @defaultValue 1_000 */
  readonly groups?: number;
  /** Distinct artifacts per group. @defaultValue 10 */
  readonly groupSize?: number;
}

/**
 * A seeded random DAG of sets, layered so that its shape is guaranteed:
 * - the root is alone on level 0; the other sets are spread evenly over levels `1..depth-1` (`sets` is ordered
 *   by level, root first);
 * - every non-root set is a member of a random set of the level just above it, so the root reaches every set and
 *   the longest chain is exactly `depth` sets; the remaining nested-set rows link a random set to a random set
 *   of any deeper level, so the graph is acyclic and the longest chain cannot grow;
 * - artifact and group rows go to random sets, referencing random catalog artifacts and groups;
 * - no reference appears twice among one set's members; each set's members are shuffled.
 *
 * Every generated id is distinct (sets, artifacts and groups share one id space).
 */
export function randomDag(options: RandomDagOptions = {}): Fixture {
  const o = {
    seed: 1, sets: 10_000, depth: 20, artifactMembers: 70_000, groupMembers: 10_000, setMembers: 20_000,
    artifacts: 20_000, groups: 1_000, groupSize: 10, ...options,
  };
  if (o.depth < 1 || o.sets < o.depth) throw new RangeError("need depth >= 1 and at least one set per level");
  if (o.setMembers < o.sets - 1) throw new RangeError("setMembers must be at least sets - 1");
  if (o.setMembers > o.sets - 1 && o.depth < 2) throw new RangeError("extra nested rows need depth >= 2");
  const random = createRandom(o.seed);
  const newId = createIdFactory(random);
  const levelOf = (index: number) => (index === 0 ? 0 : 1 + Math.floor(((index - 1) * (o.depth - 1)) / (o.sets - 1)));
  const levelStart: number[] = [0];
  for (let index = 1; index < o.sets; index++) if (levelOf(index) !== levelOf(index - 1)) levelStart.push(index);
  levelStart.push(o.sets);
  const ids = Array.from({ length: o.sets }, () => newId());
  const artifacts = makeArtifacts(o.artifacts, newId);
  const groups = makeGroups(o.groups, o.groupSize, artifacts, random, newId);
  const members: FixtureMember[][] = ids.map(() => []);
  const held: Set<string>[] = ids.map(() => new Set());
  const tryAdd = (set: number, type: "artifact" | "group" | "set", id: string) => {
    if (held[set]!.has(id)) return false;
    held[set]!.add(id);
    members[set]!.push({ ref: { type, id } });
    return true;
  };
  for (let child = 1; child < o.sets; child++) {
    const level = levelOf(child);
    tryAdd(random.range(levelStart[level - 1]!, levelStart[level]!), "set", ids[child]!);
  }
  const deepestStart = levelStart[o.depth - 1]!;
  for (let added = o.sets - 1; added < o.setMembers; ) {
    const parent = random.int(deepestStart);
    const child = random.range(levelStart[levelOf(parent) + 1]!, o.sets);
    if (tryAdd(parent, "set", ids[child]!)) added++;
  }
  addRandomRows(o.artifactMembers, o.sets, artifacts.map((a) => a.uuid), "artifact", random, tryAdd);
  addRandomRows(o.groupMembers, o.sets, groups.map((g) => g.id), "group", random, tryAdd);
  const sets: FixtureSet[] = ids.map((id, index) => ({
    id,
    name: `DAG L${levelOf(index)} #${index}`,
    members: random.shuffle(members[index]!),
  }));
  return { rootId: ids[0]!, sets, artifacts, groups };
}

/** Adds `count` rows, each a random reference of `refs` in a random set, retrying on duplicates. */
function addRandomRows(
  count: number,
  setCount: number,
  refs: readonly string[],
  type: "artifact" | "group",
  random: Random,
  tryAdd: (set: number, type: "artifact" | "group", id: string) => boolean,
): void {
  if (refs.length === 0 && count > 0) throw new RangeError(`no ${type}s to reference`);
  for (let added = 0; added < count; ) if (tryAdd(random.int(setCount), type, refs[random.int(refs.length)]!)) added++;
}

/**
 * The large benchmark graph: {@link randomDag} with its defaults. 10,000 sets and 100,000 member rows (70,000
 * artifact, 10,000 group, 20,000 nested-set rows), over a catalog of 20,000 artifacts and 1,000 groups of 10;
 * longest chain exactly 20 sets including the root, which reaches every set.
 *
 * @example
 * ```ts
 * const dag = largeRandomDag(); // same graph on every run and machine
 * ```
 */
export function largeRandomDag(seed = 1): Fixture {
  return randomDag({ seed });
}
