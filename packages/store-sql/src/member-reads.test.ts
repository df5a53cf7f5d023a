import { hasErrorCode } from "@deployment-sets/core";
import { describe, expect, it } from "vitest";
import { ownedDeployments } from "./deployment-queries.js";
import { ownedMember, ownedMembers, type CountedMemberRow } from "./member-reads.js";

const row = { id: "m", set_id: "s", artifact_uuid: "a", group_id: null, nested_set_id: null, position: 0, added_at: 0 };
const none = { id: null, set_id: "s", artifact_uuid: null, group_id: null, nested_set_id: null, position: null, added_at: null };

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return hasErrorCode(error, "set_not_found") ? "set_not_found" : hasErrorCode(error, "member_not_found") ? "member_not_found" : "other";
  }
  return undefined;
}

describe("reads through the owner's set row", () => {
  it("no row means the owner has no such set", () => {
    expect(codeOf(() => ownedMembers([], "s"))).toBe("set_not_found");
    expect(codeOf(() => ownedMember(undefined, "s", "m"))).toBe("set_not_found");
    expect(codeOf(() => ownedDeployments([], "s"))).toBe("set_not_found");
  });

  it("a row of nulls means the set has no member (or no such member, or no deployment)", () => {
    expect(ownedMembers([none], "s")).toEqual([]);
    expect(codeOf(() => ownedMember({ ...none, member_count: 2 }, "s", "m"))).toBe("member_not_found");
    expect(ownedDeployments([{ set_id: "s", project_path: null, profile: null, deployed_at: null }], "s")).toEqual([]);
  });

  it("member rows come back as they are, with the set's member count", () => {
    expect(ownedMembers([row, { ...row, id: "n", position: 1 }], "s")).toEqual([row, { ...row, id: "n", position: 1 }]);
    const counted: CountedMemberRow = { ...row, member_count: 2 };
    expect(ownedMember(counted, "s", "m")).toEqual({ member: row, count: 2 });
  });
});
