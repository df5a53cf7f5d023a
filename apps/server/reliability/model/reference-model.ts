import type { ModelCatalog } from "./catalog.js";
import { depthOf, shortestNestingPath } from "./graph.js";

/** What a member points at, by canonical id (an artifact's uuid, never its derived id). */
export interface MemberRef {
  readonly kind: "artifact" | "group" | "set";
  readonly id: string;
}

/** A direct member of a set; its position is its index in {@link ModelSet.members}. */
export interface ModelMember {
  readonly id: string;
  readonly ref: MemberRef;
  readonly addedAt: string;
}

/**
 * What the model knows of a set's `updated_at`: the exact value, or that a change happened between `from` and
 * `to` (ms since the epoch) after `previous`. A pending stamp is pinned to the server's value once that value was
 * checked against it.
 */
export type Stamp =
  | { readonly exact: string }
  | { readonly previous: string; readonly from: number; readonly to: number };

/** The editable fields of a set, normalised as the server stores them. */
export interface SetFields {
  readonly name: string;
  readonly description: string | null;
  readonly icon: string | null;
  readonly color: string | null;
  readonly tags: readonly string[];
}

/** A set of the model. */
export interface ModelSet extends SetFields {
  readonly id: string;
  readonly createdAt: string;
  updatedAt: Stamp;
  members: ModelMember[];
}

/** An error the model says a request must answer: status, problem `code`, data fields, and extra checks. */
export interface ExpectedProblem {
  readonly problem: true;
  readonly status: number;
  readonly code: string;
  readonly data: Readonly<Record<string, unknown>>;
  /** Checks of data fields the model cannot predict exactly (one of several shortest cycles, say). */
  readonly check?: (body: Record<string, unknown>) => void;
}

/** The body fields of a set create or update, as sent (before normalisation). */
export interface SetBody {
  readonly name?: string;
  readonly description?: string | null;
  readonly icon?: string | null;
  readonly color?: string | null;
  readonly tags?: readonly string[] | null;
}

/** The nesting depth a set may have and still resolve (sets on the longest chain, root included). */
export const DEPTH_LIMIT = 20;

const problem = (status: number, code: string, data: Record<string, unknown>, check?: ExpectedProblem["check"]): ExpectedProblem =>
  check ? { problem: true, status, code, data, check } : { problem: true, status, code, data };

/** Tags as stored: each trimmed, then de-duplicated case-insensitively keeping the first spelling and the order. */
export function normalizeTags(tags: readonly string[] | null | undefined): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of tags ?? []) {
    const tag = raw.trim();
    if (seen.has(tag.toLowerCase())) continue;
    seen.add(tag.toLowerCase());
    out.push(tag);
  }
  return out;
}

/** A clone's default name: `"<name> (copy)"`, the name cut to whole code points so the result fits 255. */
export function defaultCloneName(name: string): string {
  const suffix = " (copy)";
  const points = [...name];
  const room = 255 - [...suffix].length;
  return (points.length > room ? points.slice(0, room).join("") : name) + suffix;
}

/** The fields of a new set created with `body`: absent or `null` optional fields mean none. */
export function fieldsOfCreate(body: SetBody & { readonly name: string }): SetFields {
  return {
    name: body.name.trim(),
    description: body.description ?? null,
    icon: body.icon ?? null,
    color: body.color ?? null,
    tags: normalizeTags(body.tags),
  };
}

const sameTags = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((tag, i) => tag === b[i]);

/**
 * The independent reference model of one owner's deployment sets: plain maps and arrays, no product code. Ids
 * and times are the server's (the model learns them from answers); everything else it predicts. `plan*` methods
 * say what a request must answer without changing anything; `apply*` methods record a success.
 */
export class ReferenceModel {
  /** Live sets in creation order. */
  readonly sets = new Map<string, ModelSet>();
  /** Ids of deleted sets, oldest first: references that must now be unknown. */
  readonly deleted: string[] = [];

  constructor(
    readonly catalog: ModelCatalog,
    readonly owner: string,
  ) {}

  /** Live sets, oldest first. */
  live(): ModelSet[] {
    return [...this.sets.values()];
  }

  /** The live set at `index` modulo their number, if there is any. */
  pick(index: number): ModelSet | undefined {
    const live = this.live();
    return live.length === 0 ? undefined : live[index % live.length];
  }

  /**
   * The live sets a list with these filters shows, newest first: `name` a case-insensitive substring of the name
   * (empty: no filter), `tag` equal to one of the tags case-insensitively; both with `toLowerCase()`, as plain text.
   */
  filter(name: string | undefined, tag: string | undefined): ModelSet[] {
    return this.live()
      .reverse()
      .filter((set) => !name || set.name.toLowerCase().includes(name.toLowerCase()))
      .filter((set) => tag === undefined || set.tags.some((t) => t.toLowerCase() === tag.toLowerCase()));
  }

  /** The set or a `set_not_found` problem. */
  find(setId: string): ModelSet | ExpectedProblem {
    return this.sets.get(setId) ?? problem(404, "set_not_found", { set_id: setId });
  }

  /** Records a new set (created or cloned) with its server id and time. */
  applyCreate(id: string, fields: SetFields, createdAt: string, members: ModelMember[] = []): ModelSet {
    const set: ModelSet = { id, ...fields, tags: [...fields.tags], createdAt, updatedAt: { exact: createdAt }, members };
    this.sets.set(id, set);
    return set;
  }

  /** The fields after an update with `body`, and whether anything really changes (`updated_at` moves only then). */
  planUpdate(setId: string, body: SetBody): ExpectedProblem | { fields: SetFields; changed: boolean } {
    const set = this.find(setId);
    if ("problem" in set) return set;
    const fields: SetFields = {
      name: body.name !== undefined ? body.name.trim() : set.name,
      description: body.description !== undefined ? body.description : set.description,
      icon: body.icon !== undefined ? body.icon : set.icon,
      color: body.color !== undefined ? body.color : set.color,
      tags: body.tags !== undefined ? normalizeTags(body.tags) : set.tags,
    };
    const changed =
      fields.name !== set.name ||
      fields.description !== set.description ||
      fields.icon !== set.icon ||
      fields.color !== set.color ||
      !sameTags(fields.tags, set.tags);
    return { fields, changed };
  }

  /** Records an update. */
  applyUpdate(setId: string, fields: SetFields, changed: boolean, window: Window): void {
    const set = this.sets.get(setId)!;
    this.sets.set(setId, { ...set, ...fields, tags: [...fields.tags] });
    if (changed) this.touch(setId, window);
  }

  /** The canonical reference and the position a new member takes, or the problem adding it must answer. */
  planAdd(setId: string, kind: MemberRef["kind"], sentId: string, position: number | null | undefined): ExpectedProblem | { ref: MemberRef; position: number } {
    const set = this.find(setId);
    if ("problem" in set) return set;
    const canonical = this.canonicalId(kind, sentId);
    if (canonical === undefined) return problem(422, "unknown_reference", { kind, id: sentId });
    const existing = set.members.find((m) => m.ref.kind === kind && m.ref.id === canonical);
    if (existing) return problem(409, "duplicate_member", { member_id: existing.id });
    if (kind === "set") {
      const back = canonical === setId ? [setId] : shortestNestingPath(this.sets, canonical, setId);
      if (back) return this.cycleProblem(setId, back);
    }
    const count = set.members.length;
    return { ref: { kind, id: canonical }, position: position == null ? count : Math.min(position, count) };
  }

  /** Records a new member. */
  applyAdd(setId: string, member: ModelMember, position: number, window: Window): void {
    this.sets.get(setId)!.members.splice(position, 0, member);
    this.touch(setId, window);
  }

  /** Where a moved member ends, and whether it really moves, or the problem moving it must answer. */
  planMove(setId: string, memberId: string, position: number): ExpectedProblem | { from: number; to: number } {
    const set = this.find(setId);
    if ("problem" in set) return set;
    const from = set.members.findIndex((m) => m.id === memberId);
    if (from < 0) return problem(404, "member_not_found", { member_id: memberId });
    return { from, to: Math.min(position, set.members.length - 1) };
  }

  /** Records a move (a move to where the member already is changes nothing). */
  applyMove(setId: string, from: number, to: number, window: Window): void {
    if (from === to) return;
    const members = this.sets.get(setId)!.members;
    const [member] = members.splice(from, 1);
    members.splice(to, 0, member!);
    this.touch(setId, window);
  }

  /** The index of a member to remove, or the problem removing it must answer. */
  planRemove(setId: string, memberId: string): ExpectedProblem | { index: number } {
    const planned = this.planMove(setId, memberId, 0);
    return "problem" in planned ? planned : { index: planned.from };
  }

  /** Records a removal. */
  applyRemove(setId: string, index: number, window: Window): void {
    this.sets.get(setId)!.members.splice(index, 1);
    this.touch(setId, window);
  }

  /** Records a deletion: the set goes, and so does every member referencing it (those parents change). */
  applyDelete(setId: string, window: Window): void {
    this.sets.delete(setId);
    this.deleted.push(setId);
    for (const parent of this.sets.values()) {
      const before = parent.members.length;
      parent.members = parent.members.filter((m) => !(m.ref.kind === "set" && m.ref.id === setId));
      if (parent.members.length !== before) this.touch(parent.id, window);
    }
  }

  /** A clone's fields: the source's, named `name` (trimmed) or `"<name> (copy)"`. */
  planClone(setId: string, name: string | undefined): ExpectedProblem | { source: ModelSet; fields: SetFields } {
    const source = this.find(setId);
    if ("problem" in source) return source;
    const { description, icon, color, tags } = source;
    return { source, fields: { name: name !== undefined ? name.trim() : defaultCloneName(source.name), description, icon, color, tags } };
  }

  /** Marks a set changed within `window`, keeping the last exact value as the lower bound. */
  touch(setId: string, window: Window): void {
    const set = this.sets.get(setId)!;
    const stamp = set.updatedAt;
    set.updatedAt =
      "exact" in stamp
        ? { previous: stamp.exact, from: window.from, to: window.to }
        : { previous: stamp.previous, from: Math.min(stamp.from, window.from), to: Math.max(stamp.to, window.to) };
  }

  /** The depth of a set: sets on its longest nesting chain, itself included. */
  depth(setId: string): number {
    return depthOf(this.sets, setId);
  }

  private canonicalId(kind: MemberRef["kind"], id: string): string | undefined {
    if (kind === "artifact") return this.catalog.artifacts.find((a) => a.uuid === id || a.derivedId === id)?.uuid;
    if (kind === "group") return this.catalog.groups.find((g) => g.id === id)?.id;
    return this.sets.has(id) ? id : undefined;
  }

  /** `cycle_detected` for adding `back[0]` to `setId`, where `back` leads from the nested set back to `setId`. */
  private cycleProblem(setId: string, back: readonly string[]): ExpectedProblem {
    const length = back.length + 1;
    return problem(422, "cycle_detected", {}, (body) => {
      const path = body.path as string[];
      const names = body.set_names as string[];
      const fail = (why: string) => {
        throw new Error(`cycle_detected: ${why}; expected a shortest cycle of ${length} ids like ${JSON.stringify([setId, ...back])}, got ${JSON.stringify(body)}`);
      };
      if (!Array.isArray(path) || path.length !== length) fail("path is not a shortest cycle");
      if (path[0] !== setId || path[length - 1] !== setId || path[1] !== back[0]) fail("path does not run from the set through the nested set back to it");
      for (let i = 0; i + 1 < length; i++) {
        const members = this.sets.get(path[i]!)?.members ?? [];
        const linked = i === 0 || members.some((m) => m.ref.kind === "set" && m.ref.id === path[i + 1]);
        if (!linked) fail(`${path[i]} does not nest ${path[i + 1]}`);
      }
      const expectedNames = path.map((id) => this.sets.get(id)?.name);
      if (JSON.stringify(names) !== JSON.stringify(expectedNames)) fail(`set_names ${JSON.stringify(names)} are not the path's names`);
      const detail = body.detail as string;
      if (!expectedNames.every((name) => detail.includes(name!))) fail("detail does not name the sets of the cycle");
    });
  }
}

/** When a request ran: `Date.now()` before it was sent and after its answer was read. */
export interface Window {
  readonly from: number;
  readonly to: number;
}
