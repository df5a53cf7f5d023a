import { randomUUID } from "node:crypto";
import type { OwnerId } from "@deployment-sets/core";
import Database from "better-sqlite3";

/** A set to load: structurally a bench-fixtures `FixtureSet` (and a core `GraphSet`). */
export interface LoadableSet {
  readonly id: string;
  readonly name: string;
  readonly members: readonly { readonly ref: { readonly type: "artifact" | "group" | "set"; readonly id: string } }[];
}

/**
 * Writes `sets` and their members for `owner` straight into an initialised store file, in one transaction:
 * loading 100,000 members through `addMember` would take minutes and is not what the benchmarks measure.
 * Sets get increasing creation times from `createdAt`.
 */
export function bulkLoad(filename: string, owner: OwnerId, sets: readonly LoadableSet[], createdAt = Date.UTC(2026, 0, 1)): void {
  const db = new Database(filename);
  try {
    db.pragma("busy_timeout = 5000");
    db.pragma("foreign_keys = ON");
    const insertSet = db.prepare(
      `insert into deployment_sets (id, owner_id, seq, name, name_folded, created_at, updated_at)
       values (?, ?, (select coalesce(max(seq), 0) + 1 from deployment_sets), ?, ?, ?, ?)`,
    );
    const insertMember = db.prepare(
      `insert into deployment_set_members (id, set_id, artifact_uuid, group_id, nested_set_id, position, added_at)
       values (?, ?, ?, ?, ?, ?, ?)`,
    );
    db.transaction(() => {
      sets.forEach((set, index) => {
        const at = createdAt + index;
        insertSet.run(set.id, owner, set.name, set.name.toLowerCase(), at, at);
      });
      for (const set of sets) {
        set.members.forEach(({ ref }, position) => {
          insertMember.run(
            randomUUID().replaceAll("-", ""),
            set.id,
            ref.type === "artifact" ? ref.id : null,
            ref.type === "group" ? ref.id : null,
            ref.type === "set" ? ref.id : null,
            position,
            createdAt,
          );
        });
      }
    }).immediate();
  } finally {
    db.close();
  }
}
