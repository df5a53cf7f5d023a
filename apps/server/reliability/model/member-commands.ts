import type { ApiClient } from "./api-client.js";
import { addMember, moveMember, removeMember } from "./operations.js";
import type { MemberRef, ReferenceModel } from "./reference-model.js";
import { hasLive, StepCommand } from "./step-command.js";
import { memberId, showPick, showTarget, targetId, type MemberPick, type SetTarget } from "./targets.js";

/**
 * What a new member references: by index into the catalog or the live sets, what one of the target's members
 * already references (a duplicate, in the other spelling for an artifact when `derived`), or something unknown.
 */
export type RefPick =
  | { readonly kind: "artifact"; readonly index: number; readonly derived: boolean }
  | { readonly kind: "group"; readonly index: number }
  | { readonly kind: "set"; readonly index: number }
  | { readonly kind: "again"; readonly index: number; readonly derived: boolean }
  | { readonly kind: "unknown"; readonly as: MemberRef["kind"]; readonly index: number };

function sentReference(model: Readonly<ReferenceModel>, setId: string, pick: RefPick): { kind: MemberRef["kind"]; id: string } | undefined {
  const { artifacts, groups } = model.catalog;
  switch (pick.kind) {
    case "again": {
      const members = model.sets.get(setId)?.members ?? [];
      if (members.length === 0) return undefined;
      const { ref } = members[pick.index % members.length]!;
      const artifact = ref.kind === "artifact" && pick.derived ? artifacts.find((a) => a.uuid === ref.id) : undefined;
      return { kind: ref.kind, id: artifact ? artifact.derivedId : ref.id };
    }
    case "artifact": {
      const artifact = artifacts[pick.index % artifacts.length]!;
      return { kind: "artifact", id: pick.derived ? artifact.derivedId : artifact.uuid };
    }
    case "group":
      return { kind: "group", id: groups[pick.index % groups.length]!.id };
    case "set":
      return { kind: "set", id: model.pick(pick.index)!.id };
    case "unknown": {
      const deleted = pick.as === "set" && model.deleted.length > 0 ? model.deleted[pick.index % model.deleted.length] : undefined;
      return { kind: pick.as, id: deleted ?? (pick.index.toString(16) + "e".repeat(32)).slice(0, 32) };
    }
  }
}

/** Adds a member, at `position` when given (`null` also appends); `echoNulls` sends the unused keys as `null`. */
export class AddMemberCommand extends StepCommand {
  constructor(
    readonly target: SetTarget,
    readonly ref: RefPick,
    readonly position: number | null | undefined,
    readonly echoNulls: boolean,
  ) {
    super();
  }
  check(model: Readonly<ReferenceModel>): boolean {
    if (this.ref.kind === "again") return this.target.kind === "live" && sentReference(model, model.pick(this.target.index)?.id ?? "", this.ref) !== undefined;
    return this.ref.kind === "set" || this.target.kind === "live" ? model.sets.size > 0 : true;
  }
  toString(): string {
    return `addMember(${showTarget(this.target)}, ${JSON.stringify(this.ref)}${this.position === undefined ? "" : `, position ${this.position}`}${this.echoNulls ? ", other keys null" : ""})`;
  }
  protected async act(model: ReferenceModel, api: ApiClient) {
    const id = targetId(model, this.target)!;
    const ref = sentReference(model, id, this.ref)!;
    await addMember(model, api, id, ref.kind, ref.id, this.position, this.echoNulls);
    return [id];
  }
}

/** Moves a member to `position`. */
export class MoveMemberCommand extends StepCommand {
  constructor(
    readonly target: SetTarget,
    readonly member: MemberPick,
    readonly position: number,
    readonly method: "PUT" | "PATCH",
  ) {
    super();
  }
  check(model: Readonly<ReferenceModel>): boolean {
    const id = hasLive(model, this.target) ? targetId(model, this.target) : undefined;
    return id !== undefined && memberId(model, id, this.member) !== undefined;
  }
  toString(): string {
    return `moveMember(${showTarget(this.target)}, ${showPick(this.member)}, ${this.method} position ${this.position})`;
  }
  protected async act(model: ReferenceModel, api: ApiClient) {
    const id = targetId(model, this.target)!;
    await moveMember(model, api, id, memberId(model, id, this.member)!, this.position, this.method);
    return [id];
  }
}

/** Removes a member. */
export class RemoveMemberCommand extends StepCommand {
  constructor(
    readonly target: SetTarget,
    readonly member: MemberPick,
  ) {
    super();
  }
  check(model: Readonly<ReferenceModel>): boolean {
    const id = hasLive(model, this.target) ? targetId(model, this.target) : undefined;
    return id !== undefined && memberId(model, id, this.member) !== undefined;
  }
  toString(): string {
    return `removeMember(${showTarget(this.target)}, ${showPick(this.member)})`;
  }
  protected async act(model: ReferenceModel, api: ApiClient) {
    const id = targetId(model, this.target)!;
    await removeMember(model, api, id, memberId(model, id, this.member)!);
    return [id];
  }
}
