/**
 * Random operation sequences for the service's property test: fast-check generates operations holding plain
 * numbers ("picks"), and {@link toCommand} turns each into a {@link Command} with concrete ids against the model's
 * state at that moment, mostly valid ones, sometimes another owner's, deleted, unknown or malformed ones.
 */
import fc from "fast-check";
import type { Artifact, Group, MemberRef, OwnerId } from "../src/domain/model.js";
import { SET_NAMES } from "./graph-arbitraries.js";
import type { Command, ModelPatch, ServiceModel } from "./service-model.js";

/** The owners operations run as. */
export const OWNERS: readonly OwnerId[] = ["alice", "bob"];
/** Well-formed ids that never exist. */
export const UNKNOWN_SET_ID = "f".repeat(32);
const UNKNOWN_MEMBER_ID = "e".repeat(32);
const UNKNOWN_ARTIFACT_ID = "d".repeat(32);
const MALFORMED_ID = "not-an-id";

const artifact = (i: number, name: string, type: Artifact["type"]): Artifact => ({
  uuid: `${"a".repeat(31)}${i}`,
  name,
  type,
  description: null,
  tags: [],
  path: `${type}s/${name}`,
});

/** The catalog's artifacts: duplicate names on purpose. */
export const ARTIFACTS: readonly Artifact[] = [
  artifact(1, "pdf", "skill"),
  artifact(2, "review", "command"),
  artifact(3, "pdf", "agent"),
  artifact(4, "lint", "hook"),
];
/** The catalog's groups, one listing an artifact the catalog does not know. */
export const GROUPS: readonly Group[] = [
  { id: "g-docs", name: "Docs toolkit", description: null, artifactUuids: [ARTIFACTS[0]!.uuid, ARTIFACTS[1]!.uuid] },
  {
    id: "g-backend",
    name: "Backend",
    description: null,
    artifactUuids: [ARTIFACTS[1]!.uuid, ARTIFACTS[2]!.uuid, ARTIFACTS[0]!.uuid],
  },
  { id: "g-broken", name: "Broken", description: null, artifactUuids: [ARTIFACTS[3]!.uuid, UNKNOWN_ARTIFACT_ID] },
];

/** One random operation; numbers are picks resolved by {@link toCommand}. */
export type Op =
  | { readonly kind: "create"; readonly owner: OwnerId; readonly name: string }
  | {
      readonly kind: "add";
      readonly owner: OwnerId;
      readonly set: number;
      readonly type: MemberRef["type"];
      readonly ref: number;
      readonly position?: number;
    }
  | { readonly kind: "remove"; readonly owner: OwnerId; readonly set: number; readonly member: number }
  | {
      readonly kind: "move";
      readonly owner: OwnerId;
      readonly set: number;
      readonly member: number;
      readonly position: number;
    }
  | { readonly kind: "delete"; readonly owner: OwnerId; readonly set: number }
  | { readonly kind: "clone"; readonly owner: OwnerId; readonly set: number; readonly name?: string }
  | { readonly kind: "update"; readonly owner: OwnerId; readonly set: number; readonly patch: ModelPatch };

const owner = fc.oneof(
  { weight: 6, arbitrary: fc.constant<OwnerId>("alice") },
  { weight: 1, arbitrary: fc.constant<OwnerId>("bob") },
);
const name = fc.constantFrom(...SET_NAMES);
const pick = fc.nat({ max: 999 });
/** A position: mostly small, sometimes past the end, rarely negative (invalid). */
const position = fc.oneof({ weight: 1, arbitrary: fc.constant(-1) }, { weight: 12, arbitrary: fc.nat(6) });
const patch: fc.Arbitrary<ModelPatch> = fc.record(
  {
    name: fc.constantFrom(...SET_NAMES, "   "),
    description: fc.constantFrom(null, "Backend bits", "Docs"),
    color: fc.constantFrom(null, "#abc", "teal"),
    tags: fc.array(fc.constantFrom("api", "API", "web", "ops"), { maxLength: 3 }),
  },
  { requiredKeys: [] },
);

/** One random operation, weighted towards adding members (nested sets above all). */
export const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("create"), owner, name }) },
  {
    weight: 7,
    arbitrary: fc.record(
      {
        kind: fc.constant("add"),
        owner,
        set: pick,
        type: fc.constantFrom<MemberRef["type"]>("artifact", "artifact", "group", "set", "set", "set", "set"),
        ref: pick,
        position,
      },
      { requiredKeys: ["kind", "owner", "set", "type", "ref"] },
    ),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("remove"), owner, set: pick, member: pick }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("move"), owner, set: pick, member: pick, position }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("delete"), owner, set: pick }) },
  {
    weight: 1,
    arbitrary: fc.record(
      { kind: fc.constant("clone"), owner, set: pick, name },
      { requiredKeys: ["kind", "owner", "set"] },
    ),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("update"), owner, set: pick, patch }) },
);

/** Nine picks in ten choose among `likely` (when not empty), the others among `rest`. */
function choose(likely: readonly string[], rest: readonly string[], p: number): string {
  const pool = p % 10 < 9 && likely.length > 0 ? likely : rest;
  return pool[Math.floor(p / 10) % pool.length]!;
}

/**
 * The holder and nested set of a nested-set add, from the picked ones and a mode. Mode 0 points a live set at the
 * next newer live set (chains grow); mode 1 points the older of two live sets at the newer (diamonds; never a
 * cycle); mode 2 keeps the picked direction (possibly closing a cycle). A live set is pointed at itself only when
 * it is its owner's only live set.
 */
function nestedEdge(live: readonly string[], holder: string, nested: string, mode: number): [string, string] {
  const [h, n] = [live.indexOf(holder), live.indexOf(nested)];
  if (h < 0) return [holder, nested];
  if (mode === 0) return h + 1 < live.length ? [holder, live[h + 1]!] : [live[h - 1] ?? holder, holder];
  if (h === n) return [holder, (mode === 1 ? live[h + 1] ?? live[h - 1] : live[h - 1] ?? live[h + 1]) ?? nested];
  if (mode === 1 && n >= 0) return [live[Math.min(h, n)]!, live[Math.max(h, n)]!];
  return [holder, nested];
}

/** Every set and member id the service has handed out so far, live or not, any owner. */
export interface IssuedIds {
  readonly sets: string[];
  readonly members: string[];
}

/** The command `op` stands for in the model's current state. */
export function toCommand(op: Op, model: ServiceModel, issued: IssuedIds): Command {
  if (op.kind === "create") return op;
  const live = model.setsOf(op.owner).map((s) => s.id);
  const pickSet = (p: number) =>
    choose(live, [...issued.sets.filter((id) => !live.includes(id)), UNKNOWN_SET_ID, MALFORMED_ID], p);
  const setId = pickSet(op.set);
  const pickMember = (p: number) => {
    const own = model.visible(op.owner, setId)?.members.map((m) => m.id) ?? [];
    return choose(own, [...issued.members, UNKNOWN_MEMBER_ID, MALFORMED_ID], p);
  };
  switch (op.kind) {
    case "add": {
      const [known, unknown] =
        op.type === "artifact"
          ? [ARTIFACTS.map((a) => a.uuid), [UNKNOWN_ARTIFACT_ID]]
          : [GROUPS.map((g) => g.id), ["g-unknown"]];
      const [target, id] =
        op.type === "set"
          ? nestedEdge(live, setId, pickSet(op.ref), op.ref % 3)
          : [setId, choose(known, unknown, op.ref)];
      const position = op.position === undefined ? {} : { position: op.position };
      return { kind: "add", owner: op.owner, setId: target, ref: { type: op.type, id }, ...position };
    }
    case "remove":
      return { kind: "remove", owner: op.owner, setId, memberId: pickMember(op.member) };
    case "move":
      return { kind: "move", owner: op.owner, setId, memberId: pickMember(op.member), position: op.position };
    case "delete":
      return { kind: "delete", owner: op.owner, setId };
    case "clone":
      return { kind: "clone", owner: op.owner, setId, ...(op.name === undefined ? {} : { name: op.name }) };
    case "update":
      return { kind: "update", owner: op.owner, setId, patch: op.patch };
  }
}
