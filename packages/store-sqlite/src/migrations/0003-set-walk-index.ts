import type { Kysely, Migration } from "kysely";

/**
 * A covering index for the graph walks: a set's owner and name by its id. The recursive reach checks the owner
 * of every set it steps into (20,000 steps on a 10,000-set graph) and the graph document reads each reached set's
 * name; through the primary key each costs an index search and then a table search, through this index one. The
 * queries name it (`indexed by`): without statistics SQLite's planner prefers the unique primary key. About a
 * fifth of the reach, a sixteenth of a 10,000-set load.
 */
export const setWalkIndex: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.createIndex("deployment_sets_walk_idx").on("deployment_sets").columns(["id", "owner_id", "name"]).execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex("deployment_sets_walk_idx").execute();
  },
};
