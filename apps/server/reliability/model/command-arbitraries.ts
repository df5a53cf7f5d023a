import fc from "fast-check";
import { AddMemberCommand, MoveMemberCommand, RemoveMemberCommand, type RefPick } from "./member-commands.js";
import { ListSetsCommand, ResolveCommand, type FilterPick } from "./read-commands.js";
import { CloneSetCommand, CreateSetCommand, DeleteSetCommand, NestChainCommand, UpdateSetCommand } from "./set-commands.js";
import type { ModelCommand } from "./step-command.js";
import type { CloneBody } from "./operations.js";
import type { SetBody } from "./reference-model.js";
import type { MemberPick, SetTarget } from "./targets.js";

const MAX_POSITION = 2_147_483_647;

/** A name with spaces around it sometimes (trimmed by the server), short words, or a long one near 255 characters. */
const name = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom("Backend", "Docs", "Review", "Base", "Full-stack", "Ops", "backend") },
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.constantFrom("", " ", "  "), fc.string({ unit: fc.constantFrom("a", "Z", "é", "É", "😀", "-", " ", "→", "%", "_", "\\", "ß", "İ"), maxLength: 12 }), fc.constantFrom("", " "))
      .map(([before, core, after]) => `${before}S${core}s${after}`),
  },
  // 250..255 characters with astral code points near the cut of a default clone name (248 + " (copy)").
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 245, max: 253 }), fc.constantFrom("x", "😀", "é")).map(([n, c]) => "N".repeat(n) + c + c) },
);
const description = fc.oneof(fc.constant(null), fc.string({ maxLength: 40 }));
const icon = fc.constantFrom(null, "🛠️", "server", "database");
const color = fc.constantFrom(null, "#fff", "#2563EB", "#abc123", "red", "rebeccapurple");
const tags = fc.oneof(
  fc.constant(null),
  fc.array(fc.constantFrom("api", "API", " python ", "db", "Ops", "ops", "x", "Ünï", "ünï", "İ", "a_b", "a%b"), { maxLength: 6 }),
);

/** Optional fields of a set body: each absent or given. */
const optionalFields = fc.record({ description, icon, color, tags }, { requiredKeys: [] });

const target: fc.Arbitrary<SetTarget> = fc.oneof(
  { weight: 12, arbitrary: fc.nat().map((index) => ({ kind: "live" as const, index })) },
  { weight: 1, arbitrary: fc.nat().map((index) => ({ kind: "gone" as const, index })) },
);
const member: fc.Arbitrary<MemberPick> = fc.oneof(
  { weight: 12, arbitrary: fc.nat().map((index) => ({ kind: "own" as const, index })) },
  { weight: 1, arbitrary: fc.nat().map((index) => ({ kind: "foreign" as const, index })) },
  { weight: 1, arbitrary: fc.constant({ kind: "unknown" as const }) },
);
const position = fc.oneof(fc.nat({ max: 12 }), fc.constant(MAX_POSITION));
const method = fc.constantFrom("PUT" as const, "PATCH" as const);

// Small indexes, so that the same artifact, group or set comes back often (duplicates, diamonds, cycles).
const ref: fc.Arbitrary<RefPick> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant("artifact" as const), index: fc.nat({ max: 6 }), derived: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("group" as const), index: fc.nat({ max: 2 }) }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant("set" as const), index: fc.nat({ max: 8 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("again" as const), index: fc.nat(), derived: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("unknown" as const), as: fc.constantFrom("artifact" as const, "group" as const, "set" as const), index: fc.nat() }) },
);

const cloneBody: fc.Arbitrary<CloneBody> = fc.oneof(
  fc.constant({ kind: "none" as const }),
  fc.constant({ kind: "empty" as const }),
  name.map((value) => ({ kind: "named" as const, name: value })),
);

// List filters: mostly cut from what the sets hold (so they match), sometimes LIKE's special characters and
// letters whose case mapping is not one to one.
const filter: fc.Arbitrary<FilterPick> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("name-part" as const),
      index: fc.nat({ max: 20 }),
      start: fc.nat({ max: 6 }),
      length: fc.integer({ min: 1, max: 6 }),
      upper: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("tag-of" as const), index: fc.nat({ max: 20 }), tag: fc.nat({ max: 5 }), upper: fc.boolean() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("text" as const),
      text: fc.constantFrom("", "%", "_", "\\", "a%", "S_s", "ß", "SS", "İ", "i\u0307", "É", "😀", "(copy)", "Level 1"),
    }),
  },
);

/** The command arbitraries, weighted towards members (where the graph rules live). */
const commandArbitraries: fc.Arbitrary<ModelCommand>[] = [
  fc.tuple(name, optionalFields).map(([n, rest]) => new CreateSetCommand({ name: n, ...rest })),
  fc
    .tuple(target, fc.record({ name, description, icon, color, tags }, { requiredKeys: [] }), fc.subarray(["name", "description", "icon", "color", "tags"] as (keyof SetBody)[]), method)
    .map(([t, body, echo, m]) => new UpdateSetCommand(t, body as SetBody, echo, m)),
  ...Array.from({ length: 4 }, () =>
    fc
      .tuple(target, ref, fc.option(fc.option(position, { nil: null }), { nil: undefined }), fc.nat({ max: 4 }).map((n) => n === 0))
      .map(([t, r, p, nulls]) => new AddMemberCommand(t, r, p, nulls)),
  ),
  fc.tuple(target, member, position, method).map(([t, m, p, verb]) => new MoveMemberCommand(t, m, p, verb)),
  fc.tuple(target, member, position, method).map(([t, m, p, verb]) => new MoveMemberCommand(t, m, p, verb)),
  fc.tuple(target, member).map(([t, m]) => new RemoveMemberCommand(t, m)),
  target.map((t) => new DeleteSetCommand(t)),
  fc.tuple(target, cloneBody).map(([t, body]) => new CloneSetCommand(t, body)),
  target.map((t) => new ResolveCommand(t)),
  fc
    .tuple(fc.option(filter, { nil: undefined }), fc.option(filter, { nil: undefined }), fc.oneof(fc.integer({ min: 1, max: 4 }), fc.constant(200)), fc.nat({ max: 6 }))
    .map(([name, tag, limit, offset]) => new ListSetsCommand(name, tag, limit, offset)),
  fc.tuple(target, fc.integer({ min: 4, max: 12 }), fc.boolean()).map(([t, length, onDeepest]) => new NestChainCommand(t, length, onDeepest)),
];

/**
 * Sequences of up to `maxCommands` commands for `fc.asyncModelRun`, creates weighted up. `replayPath` is the one a
 * counterexample prints (`/*replayPath="..."*\/`), to replay it exactly with its seed and path.
 */
export function modelCommands(maxCommands: number, replayPath?: string) {
  const arbitraries = [...commandArbitraries, commandArbitraries[0]!, commandArbitraries[0]!];
  return fc.commands(arbitraries, { maxCommands, size: "max", ...(replayPath ? { replayPath } : {}) });
}
