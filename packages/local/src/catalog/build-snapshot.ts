import { ARTIFACT_TYPES } from "@deployment-sets/core";
import type { Artifact, ArtifactType, Group } from "@deployment-sets/core";
import { CatalogSnapshot } from "./catalog-snapshot.js";
import { derivedArtifactId, groupId } from "./identity.js";
import { isTable, type CollectionDocument } from "./parse-collection.js";
import { hasControlCharacter, unsafeNameReason } from "../safe-name.js";
import type { SourceChecker } from "./source-path.js";

/** A snapshot built from a parsed collection, and what was wrong with its entries. */
export interface BuiltSnapshot {
  /** The catalog's new contents. */
  readonly snapshot: CatalogSnapshot;
  /** One readable line per skipped entry or suspicious source, in file order. */
  readonly warnings: readonly string[];
}

/**
 * Where each type's source sits when an entry has no `path`, in the order tried (see docs/collection-format.md):
 * a hook or an MCP server is a folder; a command or an agent a markdown file, or a folder holding it.
 */
const DEFAULT_PATHS: Readonly<Record<ArtifactType, readonly ((name: string) => string)[]>> = {
  skill: [(name) => `skills/${name}`],
  command: [(name) => `commands/${name}.md`, (name) => `commands/${name}`],
  agent: [(name) => `agents/${name}.md`, (name) => `agents/${name}`],
  hook: [(name) => `hooks/${name}`, (name) => `hooks/${name}.md`],
  mcp: [(name) => `mcp/${name}`, (name) => `mcp/${name}.json`],
};

/** The types whose source must be a folder (the others may be a file or a folder). */
const FOLDER_TYPES: ReadonlySet<ArtifactType> = new Set(["skill"]);
const TYPES: ReadonlySet<string> = new Set(ARTIFACT_TYPES);
const HEX32 = /^[0-9a-f]{32}$/i;
const DASHED_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Checks every entry of a parsed `collection.toml` and indexes the good ones. Never throws for a bad entry: it
 * is skipped with a warning (unsafe name, unknown type, source leaving the collection, duplicate, group member
 * naming no artifact). A missing source or one of the wrong kind (a file where a folder is expected) is kept
 * with a warning: deploying it then fails for that artifact alone.
 *
 * @param doc - the parsed file
 * @param sources - checks source paths against the collection folder
 */
export function buildSnapshot(doc: CollectionDocument, sources: SourceChecker): BuiltSnapshot {
  const warnings: string[] = [];
  if (doc.collection === undefined) warnings.push("collection.toml has no [collection] table");
  for (const [i, server] of doc.mcpServers.entries()) {
    const name = isTable(server) && typeof server.name === "string" ? `"${printable(server.name)}"` : `entry ${i + 1}`;
    warnings.push(`mcp_servers ${name}: SkillMeat's [[mcp_servers]] entries are not artifacts and are not deployed; add the server as an mcp artifact (a folder with mcp.json) to deploy it`);
  }

  const artifacts: Artifact[] = [];
  const aliases = new Map<string, string>();
  const byKey = new Map<string, Artifact>();
  const byUuid = new Map<string, Artifact>();
  for (const [i, entry] of doc.artifacts.entries()) {
    const read = readArtifact(entry, sources, warnings, i + 1);
    if (read === null) continue;
    const { artifact, derivedId, label } = read;
    const key = `${artifact.type}:${artifact.name}`;
    const holder = byKey.get(key) ?? byUuid.get(artifact.uuid);
    if (holder !== undefined) {
      const clash = byKey.has(key)
        ? `an earlier entry already defines ${printable(key)}`
        : `uuid ${artifact.uuid} is already used by ${holder.type}:${printable(holder.name)}`;
      warnings.push(`${label()}: skipped: ${clash}`);
      continue;
    }
    byKey.set(key, artifact);
    byUuid.set(artifact.uuid, artifact);
    if (derivedId !== artifact.uuid) aliases.set(derivedId, artifact.uuid);
    artifacts.push(artifact);
  }
  for (const [alias, uuid] of aliases) {
    const holder = byUuid.get(alias);
    if (holder === undefined) continue;
    const artifact = byUuid.get(uuid)!;
    warnings.push(
      `artifact ${artifact.type}:${printable(artifact.name)}: its derived id ${alias} is the uuid of ` +
        `${holder.type}:${printable(holder.name)}, so that id finds the latter`,
    );
  }

  const groups: { group: Group; position: number }[] = [];
  const groupNames = new Set<string>();
  for (const [i, entry] of doc.groups.entries()) {
    const read = readGroup(entry, byKey, warnings, i + 1);
    if (read === null) continue;
    if (groupNames.has(read.group.name)) {
      warnings.push(`group "${printable(read.group.name)}": skipped: a group of that name is already defined`);
      continue;
    }
    groupNames.add(read.group.name);
    groups.push(read);
  }

  return { snapshot: new CatalogSnapshot(artifacts, aliases, groups), warnings };
}

interface ReadArtifact {
  readonly artifact: Artifact;
  readonly derivedId: string;
  /** How warnings name the entry (built only when there is one). */
  readonly label: () => string;
}

function readArtifact(entry: unknown, sources: SourceChecker, warnings: string[], index: number): ReadArtifact | null {
  const where = `artifacts entry ${index}`;
  if (!isTable(entry)) return skip(warnings, where, "an [[artifacts]] entry must be a table");
  const { name, type } = entry;
  if (typeof name !== "string") return skip(warnings, where, "`name` must be a string");
  if (typeof type !== "string") return skip(warnings, where, "`type` must be a string");
  const label = () => `artifact ${printable(type)}:${printable(name)} (${where})`;
  if (type === "composite") return skip(warnings, label(), "composite artifacts (plugins) are not deployed; add their parts as artifacts");
  if (!TYPES.has(type)) return skip(warnings, label(), `unknown type "${printable(type)}" (expected ${ARTIFACT_TYPES.join(", ")})`);
  const artifactType = type as ArtifactType;
  const unsafe = unsafeNameReason(name);
  if (unsafe !== null) return skip(warnings, label(), unsafe);

  const rawPath: unknown = entry.path ?? defaultPath(artifactType, name, sources);
  if (typeof rawPath !== "string") return skip(warnings, label(), "`path` must be a string");
  const source = sources.check(rawPath);
  if (!source.ok) return skip(warnings, label(), `${source.reason} (path "${printable(rawPath)}")`);
  if (source.kind === null) {
    warnings.push(`${label()}: its source ${source.path} does not exist; deploying it will fail`);
  } else if (FOLDER_TYPES.has(artifactType) && source.kind !== "folder") {
    warnings.push(`${label()}: its source ${source.path} is a file, expected a folder; deploying it will fail`);
  } else if (artifactType === "hook" && source.kind === "file") {
    warnings.push(`${label()}: its source ${source.path} is a single file; a hook needs a folder with hooks.json or settings.json, so no assistant can take it`);
  }

  const derivedId = derivedArtifactId(artifactType, name);
  let uuid = derivedId;
  if (entry.uuid !== undefined) {
    const given = typeof entry.uuid === "string" ? entry.uuid : "";
    if (HEX32.test(given) || DASHED_UUID.test(given)) uuid = given.replaceAll("-", "").toLowerCase();
    else warnings.push(`${label()}: its uuid is not 32 hex characters; the derived id ${derivedId} is used instead`);
  }

  const metadata = isTable(entry.metadata) ? entry.metadata : {};
  return {
    artifact: {
      uuid,
      name,
      type: artifactType,
      description: text(entry.description) ?? text(metadata.description),
      tags: tags(entry.tags) ?? tags(metadata.tags) ?? [],
      path: source.path,
    },
    derivedId,
    label,
  };
}

function readGroup(
  entry: unknown,
  artifacts: ReadonlyMap<string, Artifact>,
  warnings: string[],
  index: number,
): { group: Group; position: number } | null {
  const where = `groups entry ${index}`;
  if (!isTable(entry)) return skip(warnings, where, "a [[groups]] entry must be a table");
  const { name } = entry;
  if (typeof name !== "string") return skip(warnings, where, "`name` must be a string");
  const label = () => `group "${printable(name)}"`;
  if (name.trim() === "") return skip(warnings, where, "the group name is empty");
  if (hasControlCharacter(name)) return skip(warnings, label(), "the name contains a control character");

  let position = Number.POSITIVE_INFINITY;
  if (typeof entry.position === "number" && Number.isFinite(entry.position)) position = entry.position;
  else if (entry.position !== undefined) warnings.push(`${label()}: \`position\` must be a number; the group is listed last`);

  const members = Array.isArray(entry.members) ? entry.members : [];
  if (entry.members !== undefined && !Array.isArray(entry.members)) {
    warnings.push(`${label()}: \`members\` must be a list of "type:name" strings; the group is empty`);
  }
  const uuids: string[] = [];
  const seen = new Set<string>();
  for (const member of members) {
    const artifact = typeof member === "string" ? artifacts.get(member) : undefined;
    const missing = typeof member === "string" && artifact === undefined ? missingMemberId(member) : null;
    if (missing !== null) {
      // Kept under the id the artifact would have, so resolving the group reports it as missing rather than
      // dropping it without a trace.
      warnings.push(`${label()}: member "${printable(member as string)}" names no artifact the catalog could load; resolving the group reports it missing`);
      if (!seen.has(missing)) {
        seen.add(missing);
        uuids.push(missing);
      }
    } else if (artifact === undefined) {
      warnings.push(`${label()}: member ${String(member)} is not a "type:name" string; skipped`);
    } else if (seen.has(artifact.uuid)) {
      warnings.push(`${label()}: member "${printable(artifact.type)}:${printable(artifact.name)}" is listed twice; the second is skipped`);
    } else {
      seen.add(artifact.uuid);
      uuids.push(artifact.uuid);
    }
  }
  return {
    group: { id: groupId(name), name, description: text(entry.description), artifactUuids: uuids },
    position,
  };
}

/** Where an artifact without `path` lives: the first of its type's usual places that exists, else the first. */
function defaultPath(type: ArtifactType, name: string, sources: SourceChecker): string {
  const defaults = DEFAULT_PATHS[type].map((path) => path(name));
  return defaults.find((path) => exists(sources.check(path))) ?? defaults[0]!;
}

function exists(check: ReturnType<SourceChecker["check"]>): boolean {
  return check.ok && check.kind !== null;
}

/** The derived id of a `"type:name"` group member, or `null` when it has no such shape. */
function missingMemberId(member: string): string | null {
  const cut = member.indexOf(":");
  if (cut <= 0) return null;
  const type = member.slice(0, cut);
  return TYPES.has(type) ? derivedArtifactId(type as ArtifactType, member.slice(cut + 1)) : null;
}

function skip(warnings: string[], label: string, reason: string): null {
  warnings.push(`${label}: skipped: ${reason}`);
  return null;
}

/** A non-blank string, else `null`. */
function text(value: unknown): string | null {
  return typeof value === "string" && value.trim() !== "" ? value : null;
}

/** The string tags of a list, trimmed, blanks and repeats dropped; `undefined` when `value` is not a list. */
function tags(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out = new Set<string>();
  for (const tag of value) if (typeof tag === "string" && tag.trim() !== "") out.add(tag.trim());
  return [...out];
}

/** A name fit for a log line: control characters escaped, so a warning cannot forge lines. */
function printable(value: string): string {
  return value.replace(/\p{Cc}/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
