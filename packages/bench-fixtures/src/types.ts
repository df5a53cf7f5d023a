/** What a member points at; structurally a core `MemberRef`. */
export interface FixtureMemberRef {
  readonly type: "artifact" | "group" | "set";
  /** An artifact uuid, a group id or a set id of the same fixture. */
  readonly id: string;
}

/** One member row; structurally usable wherever core expects `{ ref: MemberRef }` (a `GraphSet` member). */
export interface FixtureMember {
  readonly ref: FixtureMemberRef;
}

/** One set with its members in position order; structurally a core `GraphSet`. */
export interface FixtureSet {
  readonly id: string;
  readonly name: string;
  readonly members: readonly FixtureMember[];
}

/** A catalog artifact; structurally a core `Artifact`. */
export interface FixtureArtifact {
  readonly uuid: string;
  readonly name: string;
  readonly type: "skill" | "command" | "agent" | "hook" | "mcp";
  readonly description: null;
  readonly tags: readonly string[];
  readonly path: string;
}

/** A catalog group; structurally a core `Group`. */
export interface FixtureGroup {
  readonly id: string;
  readonly name: string;
  readonly description: null;
  /** Artifact uuids of the same fixture, in group order. */
  readonly artifactUuids: readonly string[];
}

/** A generated set graph and the catalog its members reference: plain data, no behaviour. */
export interface Fixture {
  /** The set the benchmarks resolve; it reaches every set of `sets`. */
  readonly rootId: string;
  /** Every set; `sets[0]` is the root. */
  readonly sets: readonly FixtureSet[];
  /** Every artifact the members or groups reference. */
  readonly artifacts: readonly FixtureArtifact[];
  /** Every group the members reference. */
  readonly groups: readonly FixtureGroup[];
}

/** A nested-set edge someone proposes to add: set `from` would gain member set `to`. */
export interface ProposedEdge {
  readonly from: string;
  readonly to: string;
}
