import type fc from "fast-check";
import type { ApiClient } from "./api-client.js";
import { addMember, cloneSet, createSet, deleteSet, moveMember, removeMember, updateSet, type CloneBody } from "./operations.js";
import type { MemberRef, ReferenceModel, SetBody } from "./reference-model.js";
import { snapshot, verifyStep } from "./step-check.js";
import { memberId, showPick, showTarget, targetId, type MemberPick, type SetTarget } from "./targets.js";
import { verifyResolve } from "./verify.js";

/** The system under test of one run: a client acting as the run's own owner, and what the run did. */
export interface ModelReal {
  readonly api: ApiClient;
  /** Commands run so far (over all runs of the part), in all and by operation. */
  readonly counts: { commands: number; readonly mix: Record<string, number> };
  /** The commands of this run as they ran, with the ids they meant: shown when a check fails. */
  readonly trace: string[];
}

/** A command of the part, run by `fc.asyncModelRun` against the model and the server. */
export type ModelCommand = fc.AsyncCommand<ReferenceModel, ModelReal>;

/** Most sets a run holds (the list check reads one page of 200). */
export const MAX_SETS = 120;

/**
 * What every command does around its operation: note it in the trace, run it, then compare the server with the
 * model (see {@link verifyStep}). A failed check carries the run's trace.
 */
abstract class StepCommand implements ModelCommand {
  abstract check(model: Readonly<ReferenceModel>): boolean;
  abstract toString(): string;
  /** Applies the operation to both sides; returns the ids of the sets it targeted. */
  protected abstract act(model: ReferenceModel, api: ApiClient): Promise<string[]>;

  async run(model: ReferenceModel, real: ModelReal): Promise<void> {
    const text = this.toString();
    const operation = text.slice(0, text.indexOf("("));
    real.counts.commands++;
    real.counts.mix[operation] = (real.counts.mix[operation] ?? 0) + 1;
    real.trace.push(text);
    const before = snapshot(model);
    try {
      const focus = await this.act(model, real.api);
      real.trace[real.trace.length - 1] += ` -> ${focus.map((id) => `${id} ${JSON.stringify(model.sets.get(id)?.name ?? "(gone)")}`).join(", ")}`;
      await verifyStep(model, real.api, before, focus);
    } catch (error) {
      if (error instanceof Error) error.message += `\n  run so far (${model.owner}):\n    ${real.trace.join("\n    ")}`;
      throw error;
    }
  }
}

const hasLive = (model: Readonly<ReferenceModel>, target: SetTarget) => target.kind === "gone" || model.sets.size > 0;

/** Creates a set with `body`. */
export class CreateSetCommand extends StepCommand {
  constructor(readonly body: SetBody & { name: string }) {
    super();
  }
  check(model: Readonly<ReferenceModel>): boolean {
    return model.sets.size < MAX_SETS;
  }
  toString(): string {
    return `createSet(${JSON.stringify(this.body)})`;
  }
  protected async act(model: ReferenceModel, api: ApiClient) {
    return [await createSet(model, api, this.body)];
  }
}

/** Updates a set with `body`; the fields named in `echo` send the set's current value instead. */
export class UpdateSetCommand extends StepCommand {
  constructor(
    readonly target: SetTarget,
    readonly body: SetBody,
    readonly echo: readonly (keyof SetBody)[],
    readonly method: "PUT" | "PATCH",
  ) {
    super();
  }
  check(model: Readonly<ReferenceModel>): boolean {
    return hasLive(model, this.target);
  }
  toString(): string {
    return `updateSet(${showTarget(this.target)}, ${this.method} ${JSON.stringify(this.body)}${this.echo.length ? `, echo ${this.echo.join("+")}` : ""})`;
  }
  protected async act(model: ReferenceModel, api: ApiClient) {
    const id = targetId(model, this.target)!;
    const current = model.sets.get(id);
    const body: Record<string, unknown> = { ...this.body };
    // An echoed name gets spaces around it: trimmed, it is still the same name.
    for (const field of this.echo) if (current) body[field] = field === "name" ? ` ${current.name} ` : current[field];
    await updateSet(model, api, id, body as SetBody, this.method);
    return [id];
  }
}

/** Deletes a set. */
export class DeleteSetCommand extends StepCommand {
  constructor(readonly target: SetTarget) {
    super();
  }
  check(model: Readonly<ReferenceModel>): boolean {
    return hasLive(model, this.target);
  }
  toString(): string {
    return `deleteSet(${showTarget(this.target)})`;
  }
  protected async act(model: ReferenceModel, api: ApiClient) {
    const id = targetId(model, this.target)!;
    await deleteSet(model, api, id);
    return [id];
  }
}

/** Clones a set. */
export class CloneSetCommand extends StepCommand {
  constructor(
    readonly target: SetTarget,
    readonly body: CloneBody,
  ) {
    super();
  }
  check(model: Readonly<ReferenceModel>): boolean {
    return hasLive(model, this.target) && model.sets.size < MAX_SETS;
  }
  toString(): string {
    return `cloneSet(${showTarget(this.target)}, ${this.body.kind === "named" ? JSON.stringify(this.body.name) : this.body.kind})`;
  }
  protected async act(model: ReferenceModel, api: ApiClient) {
    const id = targetId(model, this.target)!;
    const clone = await cloneSet(model, api, id, this.body);
    return clone ? [id, clone] : [id];
  }
}

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

/** Resolves a set (its resolution is compared with the model's right away). */
export class ResolveCommand extends StepCommand {
  constructor(readonly target: SetTarget) {
    super();
  }
  check(model: Readonly<ReferenceModel>): boolean {
    return hasLive(model, this.target);
  }
  toString(): string {
    return `resolve(${showTarget(this.target)})`;
  }
  protected async act(model: ReferenceModel, api: ApiClient) {
    const id = targetId(model, this.target)!;
    await verifyResolve(model, api, id);
    return [];
  }
}

/**
 * Creates `length` new sets, each nesting the one before, the first nesting the target (or the deepest set): a
 * quick way to deep nestings, so that runs reach the depth limit (20 sets) within a few dozen commands.
 */
export class NestChainCommand extends StepCommand {
  constructor(
    readonly target: SetTarget,
    readonly length: number,
    readonly onDeepest: boolean,
  ) {
    super();
  }
  check(model: Readonly<ReferenceModel>): boolean {
    return model.sets.size > 0 && model.sets.size + this.length <= MAX_SETS;
  }
  toString(): string {
    return `nestChain(${this.onDeepest ? "deepest set" : showTarget(this.target)}, ${this.length} sets)`;
  }
  protected async act(model: ReferenceModel, api: ApiClient) {
    const live = model.live();
    const deepest = live.reduce((best, set) => (model.depth(set.id) > model.depth(best.id) ? set : best), live[0]!);
    let below = this.onDeepest ? deepest.id : targetId(model, { kind: "live", index: this.target.index })!;
    const start = below;
    for (let level = 1; level <= this.length; level++) {
      const above = await createSet(model, api, { name: `Level ${level}` });
      await addMember(model, api, above, "set", below, undefined);
      below = above;
    }
    return [start, below];
  }
}
