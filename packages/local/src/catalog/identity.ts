import { hash } from "node:crypto";
import type { ArtifactType } from "@deployment-sets/core";

/**
 * The derived id of an artifact: the first 32 hex characters of SHA-256 of the UTF-8 string
 * `artifact:<type>:<name>` (see docs/collection-format.md, Identity). It is persisted in member rows, so it
 * never changes.
 *
 * @param type - the artifact's type
 * @param name - the artifact's name, exactly as written in `collection.toml`
 * @returns 32 lowercase hex characters
 *
 * @example
 * ```ts
 * derivedArtifactId("skill", "pdf"); // the id SkillMeat derives for `skill:pdf`
 * ```
 */
export function derivedArtifactId(type: ArtifactType, name: string): string {
  return sha256Prefix(`artifact:${type}:${name}`);
}

/**
 * The id of a catalog group: the first 32 hex characters of SHA-256 of the UTF-8 string `group:<name>`.
 *
 * @param name - the group's name, exactly as written in `collection.toml`
 * @returns 32 lowercase hex characters
 *
 * @example
 * ```ts
 * groupId("Backend essentials");
 * ```
 */
export function groupId(name: string): string {
  return sha256Prefix(`group:${name}`);
}

function sha256Prefix(text: string): string {
  return hash("sha256", text, "hex").slice(0, 32);
}
