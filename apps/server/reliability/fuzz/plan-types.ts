/**
 * What the generators produce: plans, plain data resolved against the live server state only when sent (ids are
 * random, so a plan says "the 3rd live set", not an id). Printing a failure prints the concrete request instead.
 */

/** Where a `project_path` points, relative to the fuzz world's folders (see `fuzz-world.ts`). */
export type ProjectPlace =
  | "inside"
  | "inside-nested"
  | "inside-missing"
  | "root"
  | "traversal-in"
  | "traversal-out"
  | "outside-existing"
  | "outside-missing"
  | "sibling-prefix"
  | "symlink-out"
  | "collection"
  | "etc"
  | "relative"
  | "trailing-slash";

/** A value known only at send time: a live set, an artifact, a group, or a project folder. */
export class Slot {
  constructor(
    readonly slot: "set" | "artifact" | "artifact-derived" | "group" | "project",
    readonly index: number,
    readonly place: ProjectPlace = "inside",
  ) {}

  toJSON(): string {
    return `<${this.slot}${this.slot === "project" ? `:${this.place}` : `#${this.index}`}>`;
  }
}

/** A path id: a live one, a near miss, or text that is no id at all. */
export type IdChoice =
  | { readonly kind: "live"; readonly index: number }
  | { readonly kind: "foreign"; readonly index: number }
  | { readonly kind: "upper"; readonly index: number }
  | { readonly kind: "hex"; readonly hex: string }
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "raw"; readonly raw: string };

/** One query parameter: `encoded` text is percent-encoded from UTF-8, raw text goes into the target as is. */
export interface QueryPart {
  readonly name: string;
  readonly value: string | Slot;
  readonly raw: boolean;
}

/** A request body. */
export type BodyPlan =
  | { readonly kind: "json"; readonly value: unknown }
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "latin1"; readonly bytes: string }
  | { readonly kind: "many-keys"; readonly count: number }
  | { readonly kind: "deep"; readonly depth: number }
  | { readonly kind: "oversized"; readonly bytes: number };

/** A request to one operation of the document, perhaps with its method, ids, query, body or headers bent. */
export interface ApiPlan {
  readonly kind: "api";
  readonly operation: string;
  readonly method: string;
  readonly setId: IdChoice;
  readonly memberId: IdChoice;
  readonly query: readonly QueryPart[];
  readonly body?: BodyPlan;
  /** `null`: no content-type header. */
  readonly contentType: string | null;
  readonly headers: readonly (readonly [string, string])[];
  /** What the response must be, for the special cases that know (`413` for an oversized body). */
  readonly expectStatus?: number;
}

/** A target outside the operations (`/`, `/docs/...`, traversal), sent with fetch or raw. */
export interface PathPlan {
  readonly kind: "path";
  readonly method: string;
  readonly target: string;
}

/** Bytes written on a raw socket: malformed request lines, bad framing, oversized headers. */
export interface RawPlan {
  readonly kind: "raw";
  readonly label: string;
  /** The request; `{host}` is replaced by the server's address. Sent as latin1 bytes. */
  readonly payload: string;
  /** What the answer must be: that status, any 4xx, or anything but a 5xx (a well-formed oddity). */
  readonly expect: number | "4xx" | "any";
  /** Sent like a blocking client, which reads the answer only once it has written everything. */
  readonly blocking?: boolean;
}

/** Anything the fuzzer sends. */
export type Plan = ApiPlan | PathPlan | RawPlan;
