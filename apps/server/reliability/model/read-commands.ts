import type { ApiClient } from "./api-client.js";
import { listSets } from "./operations.js";
import type { ReferenceModel } from "./reference-model.js";
import { hasLive, StepCommand } from "./step-command.js";
import { showTarget, targetId, type SetTarget } from "./targets.js";
import { verifyResolve } from "./verify.js";

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
 * A filter text: cut from a live set's name or tags (code points `start`, `length`; upper-cased when `upper`),
 * so that filters match often, or given as is.
 */
export type FilterPick =
  | { readonly kind: "name-part"; readonly index: number; readonly start: number; readonly length: number; readonly upper: boolean }
  | { readonly kind: "tag-of"; readonly index: number; readonly tag: number; readonly upper: boolean }
  | { readonly kind: "text"; readonly text: string };

function filterText(model: Readonly<ReferenceModel>, pick: FilterPick): string {
  if (pick.kind === "text") return pick.text;
  const set = model.pick(pick.index);
  let text = "";
  if (set && pick.kind === "name-part") text = [...set.name].slice(pick.start, pick.start + pick.length).join("");
  if (set && pick.kind === "tag-of" && set.tags.length > 0) text = set.tags[pick.tag % set.tags.length]!;
  return pick.upper ? text.toUpperCase() : text;
}

/** Lists sets with a name and/or tag filter and a page (compared with the model's filter, then sliced). */
export class ListSetsCommand extends StepCommand {
  constructor(
    readonly name: FilterPick | undefined,
    readonly tag: FilterPick | undefined,
    readonly limit: number,
    readonly offset: number,
  ) {
    super();
  }
  check(): boolean {
    return true;
  }
  toString(): string {
    return `listSets(name ${JSON.stringify(this.name)}, tag ${JSON.stringify(this.tag)}, limit ${this.limit}, offset ${this.offset})`;
  }
  protected async act(model: ReferenceModel, api: ApiClient) {
    const name = this.name && filterText(model, this.name);
    const tag = this.tag && filterText(model, this.tag);
    await listSets(model, api, { ...(name === undefined ? {} : { name }), ...(tag === undefined || tag === "" ? {} : { tag }), limit: this.limit, offset: this.offset });
    return [];
  }
}
