/**
 * A plain model of what the `DeploymentSets` service stores, for property-based tests: every owner's sets with
 * their fields and member lists (a member's position is its index), the expected outcome of each command
 * (per the domain rules, with the service's documented precedence of errors) and its effect.
 */
import type { MemberRef, OwnerId } from "../src/domain/model.js";
import type { ErrorCode } from "../src/errors/error-codes.js";
import type { GraphSet, SetGraph } from "../src/resolver/graph.js";
import {
  closesCycle,
  insertAt,
  moveTo,
  referenceCloneName,
  removeAt,
  shortestCycleLength,
  withoutNestedSet,
} from "./reference-model.js";

/** A member in the model: its id (as the service assigned it) and its reference. */
export interface ModelMember {
  readonly id: string;
  readonly ref: MemberRef;
}

/** A set in the model. */
export interface ModelSet {
  readonly id: string;
  readonly owner: OwnerId;
  name: string;
  description: string | null;
  icon: string | null;
  color: string | null;
  tags: string[];
  members: ModelMember[];
}

/** The editable fields a command may change (already normalised, except a blank name, which is invalid). */
export interface ModelPatch {
  readonly name?: string;
  readonly description?: string | null;
  readonly color?: string | null;
  readonly tags?: readonly string[];
}

/** One service call with concrete ids. */
export type Command =
  | { readonly kind: "create"; readonly owner: OwnerId; readonly name: string }
  | {
      readonly kind: "add";
      readonly owner: OwnerId;
      readonly setId: string;
      readonly ref: MemberRef;
      readonly position?: number;
    }
  | { readonly kind: "remove"; readonly owner: OwnerId; readonly setId: string; readonly memberId: string }
  | {
      readonly kind: "move";
      readonly owner: OwnerId;
      readonly setId: string;
      readonly memberId: string;
      readonly position: number;
    }
  | { readonly kind: "delete"; readonly owner: OwnerId; readonly setId: string }
  | { readonly kind: "clone"; readonly owner: OwnerId; readonly setId: string; readonly name?: string }
  | { readonly kind: "update"; readonly owner: OwnerId; readonly setId: string; readonly patch: ModelPatch };

/** A rejection the model expects: the code, the data it pins, and for cycles the shortest cycle's length. */
export interface ExpectedRejection {
  readonly code: ErrorCode;
  readonly data?: Record<string, unknown>;
  readonly cycleLength?: number;
}

/** What the service returned on success, as far as the model needs it (new ids, final positions). */
export interface CommandResult {
  readonly id?: string;
  readonly position?: number;
  readonly memberIds?: readonly string[];
}

const sameRef = (a: MemberRef, b: MemberRef) => a.type === b.type && a.id === b.id;

/** Tags de-duplicated case-insensitively (`toLowerCase`), first spelling and order kept. */
export function dedupeTagsModel(tags: readonly string[]): string[] {
  return tags.filter((tag, i) => tags.findIndex((t) => t.toLowerCase() === tag.toLowerCase()) === i);
}

/** The model of one service's store, over a catalog that knows `artifactIds` and `groupIds`. */
export class ServiceModel {
  readonly sets = new Map<string, ModelSet>();

  /** @param artifactIds - ids the catalog answers to @param groupIds - group ids the catalog knows */
  constructor(readonly artifactIds: ReadonlySet<string>, readonly groupIds: ReadonlySet<string>) {}

  /** The set if it exists for `owner` (another owner's set does not). */
  visible(owner: OwnerId, setId: string): ModelSet | undefined {
    const set = this.sets.get(setId);
    return set?.owner === owner ? set : undefined;
  }

  /** The owner's sets. */
  setsOf(owner: OwnerId): ModelSet[] {
    return [...this.sets.values()].filter((set) => set.owner === owner);
  }

  /** The owner's sets as a graph for the reference model. */
  graph(owner: OwnerId): SetGraph {
    return new Map(
      this.setsOf(owner).map((set): [string, GraphSet] => [
        set.id,
        { id: set.id, name: set.name, members: set.members },
      ]),
    );
  }

  /** The rejection `command` must meet, or `undefined` when it must succeed. */
  expect(command: Command): ExpectedRejection | undefined {
    if (command.kind === "create") return undefined;
    if ((command.kind === "add" || command.kind === "move") && command.position !== undefined && command.position < 0) {
      return { code: "validation_failed" };
    }
    if (command.kind === "update" && command.patch.name !== undefined && command.patch.name.trim() === "") {
      return { code: "validation_failed" };
    }
    const set = this.visible(command.owner, command.setId);
    if (!set) return { code: "set_not_found", data: { setId: command.setId } };
    if (command.kind === "remove" || command.kind === "move") {
      if (!set.members.some((m) => m.id === command.memberId))
        return { code: "member_not_found", data: { memberId: command.memberId } };
    }
    if (command.kind !== "add") return undefined;
    const { ref } = command;
    const known =
      ref.type === "artifact"
        ? this.artifactIds.has(ref.id)
        : ref.type === "group"
        ? this.groupIds.has(ref.id)
        : !!this.visible(command.owner, ref.id);
    if (!known) return { code: "unknown_reference", data: { kind: ref.type, id: ref.id } };
    const existing = set.members.find((m) => sameRef(m.ref, ref));
    if (existing) return { code: "duplicate_member", data: { memberId: existing.id } };
    const graph = this.graph(command.owner);
    if (ref.type === "set" && closesCycle(graph, set.id, ref.id)) {
      return { code: "cycle_detected", cycleLength: shortestCycleLength(graph, set.id, ref.id)! };
    }
    return undefined;
  }

  /**
   * Applies a command that succeeded; returns the ids of the existing sets whose `updatedAt` must have changed
   * (the set or its direct members really changed).
   */
  apply(command: Command, result: CommandResult): string[] {
    if (command.kind === "create") {
      const set = {
        id: result.id!,
        owner: command.owner,
        name: command.name,
        description: null,
        icon: null,
        color: null,
      };
      this.sets.set(set.id, { ...set, tags: [], members: [] });
      return [];
    }
    const set = this.visible(command.owner, command.setId)!;
    switch (command.kind) {
      case "add":
        set.members = insertAt(set.members, { id: result.memberIds![0]!, ref: command.ref }, command.position);
        return [set.id];
      case "remove":
        set.members = removeAt(
          set.members,
          set.members.findIndex((m) => m.id === command.memberId),
        );
        return [set.id];
      case "move": {
        const index = set.members.findIndex((m) => m.id === command.memberId);
        set.members = moveTo(set.members, index, command.position);
        return set.members[index]!.id === command.memberId ? [] : [set.id];
      }
      case "delete": {
        this.sets.delete(set.id);
        const parents = this.setsOf(command.owner).filter((p) =>
          p.members.some((m) => sameRef(m.ref, { type: "set", id: set.id })),
        );
        for (const parent of parents) parent.members = withoutNestedSet(parent.members, set.id);
        return parents.map((p) => p.id);
      }
      case "clone": {
        const members = set.members.map((m, i) => ({ id: result.memberIds![i]!, ref: m.ref }));
        const name = command.name ?? referenceCloneName(set.name);
        this.sets.set(result.id!, { ...set, id: result.id!, name, tags: [...set.tags], members });
        return [];
      }
      case "update":
        return this.#update(set, command.patch) ? [set.id] : [];
    }
  }

  /** Applies a patch; true when something really changed. */
  #update(set: ModelSet, patch: ModelPatch): boolean {
    let changed = false;
    if (patch.name !== undefined && patch.name !== set.name) [set.name, changed] = [patch.name, true];
    if (patch.description !== undefined && patch.description !== set.description)
      [set.description, changed] = [patch.description, true];
    if (patch.color !== undefined && patch.color !== set.color) [set.color, changed] = [patch.color, true];
    if (patch.tags !== undefined) {
      const tags = dedupeTagsModel(patch.tags);
      if (tags.length !== set.tags.length || tags.some((tag, i) => tag !== set.tags[i]))
        [set.tags, changed] = [tags, true];
    }
    return changed;
  }
}
