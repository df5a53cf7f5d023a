import { describe, expect, it } from "vitest";
import { decide, statusOf, type DecisionInput } from "./decide.js";

const S = "source";
const R = "recorded";
const L = "local";

describe("decide (the deploy decision table)", () => {
  it.each<[string, DecisionInput, string]>([
    ["nothing at the destination", { sourceHash: S, destinationHash: null, recordedHash: null, force: false }, "created"],
    ["nothing there, even with a record", { sourceHash: S, destinationHash: null, recordedHash: R, force: false }, "created"],
    ["destination equals the source", { sourceHash: S, destinationHash: S, recordedHash: S, force: false }, "unchanged"],
    ["equal, no record", { sourceHash: S, destinationHash: S, recordedHash: null, force: false }, "unchanged"],
    ["equal, stale record", { sourceHash: S, destinationHash: S, recordedHash: R, force: true }, "unchanged"],
    ["recorded, unedited, source changed", { sourceHash: S, destinationHash: R, recordedHash: R, force: false }, "updated"],
    ["recorded, unedited, with force", { sourceHash: S, destinationHash: R, recordedHash: R, force: true }, "updated"],
    ["recorded, edited", { sourceHash: S, destinationHash: L, recordedHash: R, force: false }, "kept_local_changes"],
    ["present, no record", { sourceHash: S, destinationHash: L, recordedHash: null, force: false }, "conflict"],
    ["edited, with force", { sourceHash: S, destinationHash: L, recordedHash: R, force: true }, "overwritten"],
    ["no record, with force", { sourceHash: S, destinationHash: L, recordedHash: null, force: true }, "overwritten"],
    [
      "content an interrupted deploy announced counts as recorded",
      { sourceHash: S, destinationHash: L, recordedHash: R, pendingHashes: [L], force: false },
      "updated",
    ],
    [
      "announced content without a record",
      { sourceHash: S, destinationHash: L, recordedHash: null, pendingHashes: ["other", L], force: false },
      "updated",
    ],
    [
      "an announcement for other content changes nothing",
      { sourceHash: S, destinationHash: L, recordedHash: R, pendingHashes: ["other"], force: false },
      "kept_local_changes",
    ],
  ])("%s -> %s", (_name, input, want) => {
    expect(decide(input)).toBe(want);
  });

  it.each([
    ["created", "success"],
    ["updated", "success"],
    ["overwritten", "success"],
    ["unchanged", "skipped"],
    ["kept_local_changes", "skipped"],
    ["conflict", "skipped"],
    ["unsupported", "skipped"],
    ["error", "failed"],
  ] as const)("%s is reported %s", (action, status) => {
    expect(statusOf(action)).toBe(status);
  });
});
