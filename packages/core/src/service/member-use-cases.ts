import { findCycle } from "../cycles/find-cycle.js";
import { isId } from "../domain/ids.js";
import { LIMITS } from "../domain/limits.js";
import { AddMemberInput, MoveMemberInput } from "../domain/member-inputs.js";
import type { MemberRef, OwnerId } from "../domain/model.js";
import { parseInput } from "../domain/parse-input.js";
import {
  CycleDetectedError,
  DuplicateMemberError,
  MemberNotFoundError,
  SetNotFoundError,
  TooManyMembersError,
  UnknownReferenceError,
} from "../errors/errors.js";
import type { AddMemberContext } from "../ports/deployment-set-store.js";
import { loadCatalogView } from "./catalog-view.js";
import { readAfterWrite } from "./read-after-write.js";
import { catalogEntry, catalogName, loadSetGraph, requireSet, setName, type ServiceContext } from "./service-context.js";
import { memberView, memberViews } from "./set-views.js";
import type { MemberView } from "./views.js";

// The member use cases: list, add, remove and move (see {@link DeploymentSets} for each one's contract).

/** See `DeploymentSets.listMembers`. */
export async function listMembers(ctx: ServiceContext, owner: OwnerId, setId: string): Promise<MemberView[]> {
  const graph = await loadSetGraph(ctx, owner, setId);
  return memberViews(graph, await loadCatalogView(ctx.catalog, graph.sets), setId);
}

/** See `DeploymentSets.addMember`. */
export async function addMember(ctx: ServiceContext, owner: OwnerId, setId: string, input: AddMemberInput): Promise<MemberView> {
  const { ref: asked, position } = parseInput(AddMemberInput, input);
  if (!isId(setId)) throw new SetNotFoundError(setId);
  // undefined for a nested set, null for an artifact or group the catalog does not know.
  const found = asked.type === "set" ? undefined : await catalogEntry(ctx, asked);
  // An artifact is stored under its canonical uuid, whichever id it was asked by (its derived id is an alias),
  // so the same artifact cannot become two members under two spellings.
  const ref: MemberRef = asked.type === "artifact" && found ? { type: "artifact", id: found.uuid } : asked;
  // A nested set's name, as the write's own transaction saw it: the answer needs no read after the commit.
  let nestedName: string | null = null;
  const decide = (context: AddMemberContext) => {
    if (!context.set) throw new SetNotFoundError(setId);
    if (found === null) throw new UnknownReferenceError(ref.type, ref.id);
    if (ref.type === "set" && !context.graph?.has(ref.id)) throw new UnknownReferenceError("set", ref.id);
    if (context.existingMemberId !== undefined) throw new DuplicateMemberError(context.existingMemberId);
    if (context.memberCount >= LIMITS.maxMembers) throw new TooManyMembersError(LIMITS.maxMembers);
    if (ref.type === "set") {
      const cycle = findCycle(context.graph!, setId, ref.id);
      if (cycle) {
        const holder = context.set;
        const names = cycle.map((id) => (id === holder.id ? holder.name : (context.graph!.get(id)?.name ?? id)));
        ctx.logger.warn({ set_id: setId, path: cycle, set_names: names }, "rejected a member that would create a cycle");
        throw new CycleDetectedError(cycle, names);
      }
    }
    if (ref.type === "set") nestedName = context.graph!.get(ref.id)?.name ?? null;
    return { position: Math.min(position ?? context.memberCount, context.memberCount) };
  };
  const member = await ctx.store.addMember(owner, setId, { id: ctx.ids(), ref, addedAt: ctx.clock() }, decide);
  return memberView(member, ref.type === "set" ? nestedName : (found?.name ?? null));
}

/** See `DeploymentSets.removeMember`. */
export async function removeMember(ctx: ServiceContext, owner: OwnerId, setId: string, memberId: string): Promise<void> {
  if (!isId(setId)) throw new SetNotFoundError(setId);
  if (!isId(memberId)) {
    await requireSet(ctx, owner, setId);
    throw new MemberNotFoundError(memberId);
  }
  await ctx.store.removeMember(owner, setId, memberId, ctx.clock());
}

/** See `DeploymentSets.moveMember`. */
export async function moveMember(ctx: ServiceContext, owner: OwnerId, setId: string, memberId: string, move: MoveMemberInput): Promise<MemberView> {
  const { position } = parseInput(MoveMemberInput, move);
  if (!isId(setId)) throw new SetNotFoundError(setId);
  if (!isId(memberId)) {
    await requireSet(ctx, owner, setId);
    throw new MemberNotFoundError(memberId);
  }
  const member = await ctx.store.moveMember(owner, setId, memberId, position, ctx.clock());
  const nested = member.ref.type === "set" ? member.ref.id : null;
  const name = nested !== null ? await readAfterWrite(() => setName(ctx, owner, nested)) : await catalogName(ctx, member.ref);
  return memberView(member, name);
}

