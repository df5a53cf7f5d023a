import type { MemberRef, OwnerId } from "@deployment-sets/core";
import { sql, type CompiledQuery, type Kysely } from "kysely";
import type { MemberRow, SetRow } from "./rows.js";
import { REF_COLUMN, type StoreSchema } from "./schema.js";
import { setColumns } from "./set-queries.js";

type Db = Kysely<StoreSchema>;

const memberColumns = ["id", "set_id", "artifact_uuid", "group_id", "nested_set_id", "position", "added_at"] as const;

/** The members of `setId` in position order. */
export function selectMembers(db: Db, setId: string): CompiledQuery<MemberRow> {
  return db.selectFrom("deployment_set_members").select(memberColumns).where("set_id", "=", setId).orderBy("position").compile();
}

/** The member `memberId` of `setId` (a member of another set is not found). */
export function selectMember(db: Db, setId: string, memberId: string): CompiledQuery<MemberRow> {
  return db
    .selectFrom("deployment_set_members")
    .select(memberColumns)
    .where("id", "=", memberId)
    .where("set_id", "=", setId)
    .compile();
}

/** The number of members of `setId`. */
export function countMembers(db: Db, setId: string): CompiledQuery<{ count: number }> {
  return db
    .selectFrom("deployment_set_members")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("set_id", "=", setId)
    .compile();
}

/** The id of the member of `setId` holding `ref`. */
export function selectMemberByRef(db: Db, setId: string, ref: MemberRef): CompiledQuery<{ id: string }> {
  return db
    .selectFrom("deployment_set_members")
    .select("id")
    .where("set_id", "=", setId)
    .where(REF_COLUMN[ref.type], "=", ref.id)
    .compile();
}

/** A set row plus its member count and the id of its member holding `ref` (null when none), in one query. */
export interface AddTargetRow extends SetRow {
  member_count: number;
  existing_member_id: string | null;
}

/** The target of an add: the set of `owner`, its member count and the member already holding `ref`. */
export function selectAddTarget(db: Db, owner: OwnerId, setId: string, ref: MemberRef): CompiledQuery<AddTargetRow> {
  return db
    .selectFrom("deployment_sets as s")
    .select(setColumns)
    .select((eb) => [
      eb
        .selectFrom("deployment_set_members as m")
        .select(eb.fn.countAll<number>().as("count"))
        .whereRef("m.set_id", "=", "s.id")
        .$asScalar()
        .$notNull()
        .as("member_count"),
      eb
        .selectFrom("deployment_set_members as m")
        .select("m.id")
        .whereRef("m.set_id", "=", "s.id")
        .where(`m.${REF_COLUMN[ref.type]}`, "=", ref.id)
        .$asScalar()
        .as("existing_member_id"),
    ])
    .where("s.id", "=", setId)
    .where("s.owner_id", "=", owner)
    .compile() as CompiledQuery<AddTargetRow>;
}

/** Adds `delta` to the positions of `setId` in `from..to` (inclusive; `to` omitted: to the end). */
export function shiftPositions(db: Db, setId: string, delta: 1 | -1, from: number, to?: number): CompiledQuery {
  let q = db
    .updateTable("deployment_set_members")
    .set({ position: sql<number>`position + ${delta}` })
    .where("set_id", "=", setId)
    .where("position", ">=", from);
  if (to !== undefined) q = q.where("position", "<=", to);
  return q.compile();
}

/** A new member row. */
export function insertMember(
  db: Db,
  setId: string,
  member: { id: string; ref: MemberRef; addedAt: Date },
  position: number,
): CompiledQuery {
  return db
    .insertInto("deployment_set_members")
    .values({
      id: member.id,
      set_id: setId,
      artifact_uuid: member.ref.type === "artifact" ? member.ref.id : null,
      group_id: member.ref.type === "group" ? member.ref.id : null,
      nested_set_id: member.ref.type === "set" ? member.ref.id : null,
      position,
      added_at: member.addedAt.getTime(),
    })
    .compile();
}

/** Deletes one member. */
export function deleteMember(db: Db, memberId: string): CompiledQuery {
  return db.deleteFrom("deployment_set_members").where("id", "=", memberId).compile();
}

/** Puts one member at `position`. */
export function setPosition(db: Db, memberId: string, position: number): CompiledQuery {
  return db.updateTable("deployment_set_members").set({ position }).where("id", "=", memberId).compile();
}

/**
 * Deletes every member of the owner's other sets that references `setId` and returns where each was, so the
 * gaps can be closed (one row per parent: the reference is unique per set).
 */
export function deleteReferences(
  db: Db,
  owner: OwnerId,
  setId: string,
): CompiledQuery<{ set_id: string; position: number }> {
  return db
    .deleteFrom("deployment_set_members")
    .where("nested_set_id", "=", setId)
    .where("set_id", "!=", setId)
    // Per parent row, a lookup by id (`+owner_id` keeps the owner index, i.e. every set of the owner, out).
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("deployment_sets as p")
          .select(sql.lit(1).as("one"))
          .whereRef("p.id", "=", "deployment_set_members.set_id")
          .where(sql<string>`+p.owner_id`, "=", owner),
      ),
    )
    .returning(["set_id", "position"])
    .compile();
}

/**
 * Copies the members of `sourceId` in order into `targetId`, the i-th member getting `ids[i]` and `addedAt`:
 * one statement (positions are dense, so position i pairs with `ids[i]`). `cross join` keeps the ids outside:
 * each then finds its member by index, where the other order would scan the id list once per member.
 */
export function copyMembers(db: Db, sourceId: string, targetId: string, ids: readonly string[], addedAt: Date): CompiledQuery {
  return sql`
    insert into deployment_set_members (id, set_id, artifact_uuid, group_id, nested_set_id, position, added_at)
    select j.value, ${targetId}, m.artifact_uuid, m.group_id, m.nested_set_id, m.position, ${addedAt.getTime()}
    from json_each(${JSON.stringify(ids)}) j
    cross join deployment_set_members m on m.set_id = ${sourceId} and m.position = j.key`.compile(db);
}
