import type fc from "fast-check";
import type { ApiClient } from "./api-client.js";
import type { ReferenceModel } from "./reference-model.js";
import { snapshot, verifyStep } from "./step-check.js";
import type { SetTarget } from "./targets.js";

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
export abstract class StepCommand implements ModelCommand {
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

/** Whether `target` can mean a set now: a gone target always can, a live one when some set lives. */
export const hasLive = (model: Readonly<ReferenceModel>, target: SetTarget) => target.kind === "gone" || model.sets.size > 0;
