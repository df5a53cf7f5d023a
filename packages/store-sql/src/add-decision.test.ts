import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { addMemberContext } from "./add-decision.js";
import type { AddTargetRow } from "./member-queries.js";
import type { StoreDialect } from "./store-dialect.js";

const JSON_TAGS: StoreDialect = {
  tagList: sql`tags`,
  decodeTags: (value) => JSON.parse(value as string) as string[],
  nextSeq: undefined,
  textPosition: () => sql<number>`0`,
  idList: () => sql<string>`()`,
};

describe("addMemberContext", () => {
  it("describes a missing set as no set, no members and no existing member", () => {
    expect(addMemberContext(undefined, JSON_TAGS, undefined)).toEqual({
      set: undefined,
      memberCount: 0,
      existingMemberId: undefined,
      graph: undefined,
    });
  });

  it("maps the target row, its tags decoded by the dialect, and passes the graph on", () => {
    const target: AddTargetRow = {
      id: "s", owner_id: "o", name: "S", description: null, icon: "i", color: null, created_at: 1, updated_at: 2,
      tags: '["a","b"]', member_count: 4, existing_member_id: "m",
    };
    const graph = new Map();
    expect(addMemberContext(target, JSON_TAGS, graph)).toEqual({
      set: {
        id: "s", ownerId: "o", name: "S", description: null, icon: "i", color: null, tags: ["a", "b"],
        createdAt: new Date(1), updatedAt: new Date(2),
      },
      memberCount: 4,
      existingMemberId: "m",
      graph,
    });
  });
});
