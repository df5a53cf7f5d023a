/** An owner id: every operation runs as one owner and sees only that owner's sets. */
export type OwnerId = string;

/** The kinds of thing a member can reference. */
export const REFERENCE_KINDS = ["artifact", "group", "set"] as const;

/** The kind of thing a member references: `artifact`, `group` or `set`. */
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];

/** What a member points at: exactly one artifact, group or nested set. */
export interface MemberRef {
  /** `artifact`, `group` or `set` (the wire's `member_type`). */
  readonly type: ReferenceKind;
  /** The artifact uuid, group id or nested set id. */
  readonly id: string;
}

/** A deployment set as stored (without its members). */
export interface DeploymentSet {
  /** 32 lowercase hex characters, assigned by the system. */
  readonly id: string;
  /** The owner; never taken from a request. */
  readonly ownerId: OwnerId;
  /** Trimmed, 1..255 characters. */
  readonly name: string;
  /** At most 4,000 characters, or `null`. */
  readonly description: string | null;
  /** At most 64 characters, or `null`. */
  readonly icon: string | null;
  /** `#rgb`, `#rrggbb` or a lowercase CSS color word, or `null`. */
  readonly color: string | null;
  /** Trimmed, distinct case-insensitively, at most 32, in the order given. */
  readonly tags: readonly string[];
  /** When the set was created (service clock, millisecond precision). */
  readonly createdAt: Date;
  /** When the set or its direct members last really changed. */
  readonly updatedAt: Date;
}

/** A member row: one reference inside a set, at a dense 0-based position. */
export interface Member {
  /** 32 lowercase hex characters, assigned by the system. */
  readonly id: string;
  /** The set holding this member. */
  readonly setId: string;
  /** What the member points at. */
  readonly ref: MemberRef;
  /** 0-based; a set's members always hold the positions 0..n-1. */
  readonly position: number;
  /** When the member was added (a clone's members get the clone's time). */
  readonly addedAt: Date;
}

/** The editable fields of a set, as given to `DeploymentSetStore.createSet`. */
export interface SetFields {
  /** The name. */
  readonly name: string;
  /** Free text, or `null`. */
  readonly description: string | null;
  /** An emoji or icon name, or `null`. */
  readonly icon: string | null;
  /** `#rgb`, `#rrggbb` or a lowercase CSS color word, or `null`. */
  readonly color: string | null;
  /** Tags, in order. */
  readonly tags: readonly string[];
}

/** A change to a set's fields: an absent key is unchanged. */
export type SetPatch = Partial<SetFields>;

/** A read-only artifact of the catalog. */
export interface Artifact {
  /** The artifact's uuid (its `uuid` field, else its derived id). */
  readonly uuid: string;
  /** The name. */
  readonly name: string;
  /** The artifact type. */
  readonly type: ArtifactType;
  /** Free text, or `null`. */
  readonly description: string | null;
  /** Tags, in order. */
  readonly tags: readonly string[];
  /** The source path inside the collection folder, POSIX style. */
  readonly path: string;
}

/** Every artifact type, in the catalog's listing order. */
export const ARTIFACT_TYPES = ["skill", "command", "agent", "hook", "mcp"] as const;

/** The artifact types of the product. */
export type ArtifactType = (typeof ARTIFACT_TYPES)[number];

/** A read-only group of the catalog: an ordered list of artifacts. */
export interface Group {
  /** The group's id (SHA-256 of `group:<name>`, first 32 hex). */
  readonly id: string;
  /** The name. */
  readonly name: string;
  /** Free text, or `null`. */
  readonly description: string | null;
  /** Artifact uuids, in group order. */
  readonly artifactUuids: readonly string[];
}

/** Every assistant layout a set can deploy to. */
export const DEPLOY_PROFILES = ["claude_code", "codex", "gemini", "cursor"] as const;

/** An assistant layout a set can deploy to. */
export type DeployProfile = (typeof DEPLOY_PROFILES)[number];
