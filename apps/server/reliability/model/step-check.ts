import type { ApiClient } from "./api-client.js";
import { expectedSet } from "./expected-dto.js";
import type { ReferenceModel } from "./reference-model.js";
import { resolveInModel } from "./resolution.js";
import { verifyGet, verifyGone, verifyList, verifyMembers, verifyResolve } from "./verify.js";

/** What the model expects of every live set, as text to diff: its full view and its resolution. */
export interface Snapshot {
  readonly views: ReadonlyMap<string, string>;
  readonly resolutions: ReadonlyMap<string, string>;
}

/** The model's expectations now, to find afterwards which sets a command changed. */
export function snapshot(model: ReferenceModel): Snapshot {
  const views = new Map<string, string>();
  const resolutions = new Map<string, string>();
  for (const set of model.live()) {
    views.set(set.id, JSON.stringify(expectedSet(model, set, true)));
    resolutions.set(set.id, JSON.stringify(resolveInModel(model, set.id)));
  }
  return { views, resolutions };
}

/**
 * The check after each command: the list of sets (every set's fields, counts, `resolved_count` and `updated_at`)
 * always; the full set of every set whose expected view the command changed, and of the sets it targeted
 * (`focus`) even when it changed nothing; deleted focus sets must be gone. Resolutions are compared for the focus
 * sets and for the top-level sets (nested in none) whose resolution changed: their walk passes through every
 * changed set below them, so a long chain is not resolved once per level.
 */
export async function verifyStep(model: ReferenceModel, api: ApiClient, before: Snapshot, focus: readonly string[]): Promise<void> {
  const after = snapshot(model);
  await verifyList(model, api);
  const changedViews = [...after.views].filter(([id, view]) => before.views.get(id) !== view).map(([id]) => id);
  const nested = new Set(model.live().flatMap((set) => set.members.filter((m) => m.ref.kind === "set").map((m) => m.ref.id)));
  const changedResolutions = [...after.resolutions]
    .filter(([id, text]) => before.resolutions.get(id) !== text && !nested.has(id))
    .map(([id]) => id);
  for (const id of new Set([...focus, ...changedViews])) {
    if (model.sets.has(id)) await verifyGet(model, api, id);
    else await verifyGone(api, id);
  }
  for (const id of new Set([...focus, ...changedResolutions])) if (model.sets.has(id)) await verifyResolve(model, api, id);
}

/**
 * The check at the end of a run: the list (every set's fields), every set's members (`GET .../members`) and
 * resolution, every deleted set gone.
 */
export async function verifyEverything(model: ReferenceModel, api: ApiClient): Promise<void> {
  await verifyList(model, api);
  for (const set of model.live()) {
    await verifyMembers(model, api, set.id);
    await verifyResolve(model, api, set.id);
  }
  for (const id of model.deleted) await verifyGone(api, id);
}
