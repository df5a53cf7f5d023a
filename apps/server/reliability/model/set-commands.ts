import type { ApiClient } from "./api-client.js";
import { addMember, cloneSet, createSet, deleteSet, updateSet, type CloneBody } from "./operations.js";
import type { ReferenceModel, SetBody } from "./reference-model.js";
import { hasLive, MAX_SETS, StepCommand } from "./step-command.js";
import { showTarget, targetId, type SetTarget } from "./targets.js";

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
