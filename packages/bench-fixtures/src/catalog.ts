import type { IdFactory } from "./ids.js";
import type { Random } from "./random.js";
import type { FixtureArtifact, FixtureGroup } from "./types.js";

const TYPES = ["skill", "command", "agent", "hook", "mcp"] as const;
const FOLDERS = { skill: "skills", command: "commands", agent: "agents", hook: "hooks", mcp: "mcp" } as const;

/** `count` artifacts named `artifact-00000`..., their types cycling through the five artifact types. */
export function makeArtifacts(count: number, newId: IdFactory): FixtureArtifact[] {
  const artifacts: FixtureArtifact[] = [];
  for (let i = 0; i < count; i++) {
    const type = TYPES[i % TYPES.length]!;
    const name = `artifact-${String(i).padStart(5, "0")}`;
    artifacts.push({ uuid: newId(), name, type, description: null, tags: [], path: `${FOLDERS[type]}/${name}` });
  }
  return artifacts;
}

/** `count` groups of `size` distinct artifacts drawn at random from `artifacts` (`size <= artifacts.length`). */
export function makeGroups(
  count: number,
  size: number,
  artifacts: readonly FixtureArtifact[],
  random: Random,
  newId: IdFactory,
): FixtureGroup[] {
  const groups: FixtureGroup[] = [];
  for (let i = 0; i < count; i++) {
    const picked = new Set<string>();
    while (picked.size < size) picked.add(artifacts[random.int(artifacts.length)]!.uuid);
    const name = `Group ${String(i).padStart(4, "0")}`;
    groups.push({ id: newId(), name, description: null, artifactUuids: [...picked] });
  }
  return groups;
}
