import type { Artifact, DeploymentSet, DeploymentSetSummary, Group, Member, MemberCreate } from "@deployment-sets/client";
import { ARTIFACT_TYPES, isId } from "@deployment-sets/core";
import { distance } from "fastest-levenshtein";
import type { Backend } from "./backend/backend.js";
import { CliError } from "./cli-error.js";
import { EXIT } from "./exit-codes.js";

const PAGE = 200;

/** Every page of a paged list, in order. */
async function all<T>(page: (offset: number) => Promise<{ items: T[]; total: number }>): Promise<T[]> {
  const items: T[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const answer = await page(offset);
    items.push(...answer.items);
    if (answer.items.length === 0 || items.length >= answer.total) return items;
  }
}

/** Every set of the owner (newest first), or those whose name contains `name`. */
export function allSets(backend: Backend, name?: string): Promise<DeploymentSetSummary[]> {
  return all((offset) => backend.listSets({ limit: PAGE, offset, ...(name ? { name } : {}) }));
}

/** Every group of the collection, in catalog order. */
export function allGroups(backend: Backend): Promise<Group[]> {
  return all((offset) => backend.listGroups({ limit: PAGE, offset }));
}

/**
 * The candidates close to `wanted` (a typo away, any case), closest first, at most three: each a name, or a name
 * with the label to suggest for it (`group:Code review`).
 */
export function nearMisses(wanted: string, candidates: Iterable<string | readonly [name: string, label: string]>): string[] {
  const lower = wanted.toLowerCase();
  const limit = Math.max(2, Math.floor(wanted.length / 3));
  const labels = new Map<string, number>();
  for (const candidate of candidates) {
    const [name, label] = typeof candidate === "string" ? [candidate, candidate] : candidate;
    const d = distance(lower, name.toLowerCase());
    if (d <= limit && !(labels.get(label)! <= d)) labels.set(label, d);
  }
  return [...labels]
    .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
    .slice(0, 3)
    .map(([label]) => label);
}

function didYouMean(wanted: string, names: Iterable<string | readonly [string, string]>): string[] {
  const near = nearMisses(wanted, names);
  return near.length > 0 ? [`did you mean ${near.map((name) => JSON.stringify(name)).join(" or ")}?`] : [];
}

/** A set as a command names it: its id and name (with its members when it was read whole). */
export type SetRef = Pick<DeploymentSetSummary, "id" | "name"> & { readonly members?: DeploymentSet["members"] };

/**
 * The set a command names, by id or by name (exact, else the only case-insensitive match): its id and name, from
 * one request (a name is looked up in the name-filtered list, an id read directly).
 * @throws CliError exit 3 (with "did you mean") when none, exit 2 listing the candidates when several
 */
export async function findSet(backend: Backend, wanted: string): Promise<SetRef> {
  if (isId(wanted)) {
    try {
      return await backend.getSet(wanted);
    } catch {
      // Not a set's id: a name that looks like one, looked up below.
    }
  }
  const named = await allSets(backend, wanted);
  let matches = named.filter((set) => set.name === wanted);
  if (matches.length === 0) matches = named.filter((set) => set.name.toLowerCase() === wanted.toLowerCase());
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) {
    throw new CliError(`${matches.length} sets are named ${JSON.stringify(wanted)}; name one by its id`, EXIT.usage, undefined, [
      ...matches.map((set) => `${set.id}  ${set.name}`),
    ]);
  }
  const names = (await allSets(backend)).map((set) => set.name);
  throw new CliError(
    `no set named ${JSON.stringify(wanted)}`,
    EXIT.notFound,
    { code: "set_not_found", detail: `no set named ${JSON.stringify(wanted)}` },
    didYouMean(wanted, names),
  );
}

/** The set a command names ({@link findSet}), read whole: its fields and members. */
export async function findSetWithMembers(backend: Backend, wanted: string): Promise<DeploymentSet> {
  const found = await findSet(backend, wanted);
  return found.members !== undefined ? (found as DeploymentSet) : backend.getSet(found.id);
}

/** A `kind:name` reference split (`skill:pdf`, `group:backend`, `set:Backend`); no known kind means a bare name. */
export function splitKind(wanted: string): { kind: string | undefined; name: string } {
  const colon = wanted.indexOf(":");
  const kind = colon > 0 ? wanted.slice(0, colon) : undefined;
  if (kind && (kind === "artifact" || kind === "group" || kind === "set" || (ARTIFACT_TYPES as readonly string[]).includes(kind))) {
    return { kind, name: wanted.slice(colon + 1) };
  }
  return { kind: undefined, name: wanted };
}

/** What `add` adds: the member body and a label for messages (`skill:pdf`). */
export interface MemberTarget {
  readonly body: MemberCreate;
  readonly label: string;
}

/**
 * The artifact, group or set `add` names: by name, `kind:name` when a name is ambiguous across kinds, or an id.
 * @throws CliError exit 3 when nothing matches, exit 2 listing the candidates when several do
 */
export async function findMemberTarget(backend: Backend, wanted: string): Promise<MemberTarget> {
  const { kind, name } = splitKind(wanted);
  const artifactKind = kind === undefined || kind === "artifact" || (ARTIFACT_TYPES as readonly string[]).includes(kind);
  const candidates: MemberTarget[] = [];
  const names: (readonly [string, string])[] = [];
  if (artifactKind) {
    const artifacts: Artifact[] = await all((offset) => backend.listArtifacts({ q: name, limit: PAGE, offset }));
    for (const artifact of artifacts) {
      names.push([artifact.name, artifact.name]);
      const typeMatches = kind === undefined || kind === "artifact" || kind === artifact.type;
      if (typeMatches && (artifact.name === name || artifact.uuid === name)) {
        candidates.push({ body: { artifact_uuid: artifact.uuid }, label: `${artifact.type}:${artifact.name}` });
      }
    }
  }
  if (kind === undefined || kind === "group") {
    for (const group of await allGroups(backend)) {
      names.push([group.name, `group:${group.name}`]);
      if (group.name === name || group.id === name) candidates.push({ body: { group_id: group.id }, label: `group:${group.name}` });
    }
  }
  if (kind === undefined || kind === "set") {
    const sets = await allSets(backend);
    for (const set of sets) {
      names.push([set.name, `set:${set.name}`]);
      if (set.name === name || set.id === name) candidates.push({ body: { nested_set_id: set.id }, label: `set:${set.name}` });
    }
  }
  if (candidates.length === 1) return candidates[0]!;
  if (candidates.length > 1) {
    throw new CliError(`${JSON.stringify(wanted)} names ${candidates.length} things; say which with a prefix`, EXIT.usage, undefined, [
      ...candidates.map((candidate) => candidate.label),
    ]);
  }
  if (artifactKind && kind === undefined) {
    // Near misses among every artifact, not only those containing the name.
    const every: Artifact[] = await all((offset) => backend.listArtifacts({ limit: PAGE, offset }));
    names.push(...every.map((artifact) => [artifact.name, artifact.name] as const));
  }
  const message = `no ${kind === undefined ? "artifact, group or set" : kind} named ${JSON.stringify(name)}`;
  throw new CliError(message, EXIT.notFound, { code: "not_found", detail: message }, didYouMean(name, names));
}

/**
 * The member of `set` a command names: its id, or its name (`kind:name` when two members share a name; the kind is
 * `artifact`, `group`, `set` or an artifact type).
 * @throws CliError exit 3 when none, exit 2 listing the candidates when several
 */
export function findMember(set: DeploymentSet, wanted: string): Member {
  const byId = set.members.find((member) => member.id === wanted);
  if (byId) return byId;
  const { kind, name } = splitKind(wanted);
  const memberKind = kind === undefined ? undefined : kind === "group" || kind === "set" ? kind : "artifact";
  const matches = set.members.filter((member) => member.name === name && (memberKind === undefined || member.member_type === memberKind));
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) {
    throw new CliError(`${set.name} has ${matches.length} members named ${JSON.stringify(name)}; name one by its id`, EXIT.usage, undefined, [
      ...matches.map((member) => `${member.id}  ${member.member_type}:${member.name ?? ""}`),
    ]);
  }
  const message = `${set.name} has no member ${JSON.stringify(wanted)}`;
  throw new CliError(
    message,
    EXIT.notFound,
    { code: "member_not_found", detail: message },
    didYouMean(name, set.members.map((member) => member.name ?? "")),
  );
}
