import type { MemberRef, OwnerId } from "@deployment-sets/core";
import { sql, type Kysely } from "kysely";
import type { Database } from "./database.js";
import { REF_COLUMN, refColumns, type MemberRow, type SetRow } from "./rows.js";
import { SET_COLUMNS } from "./set-queries.js";

type Db = Kysely<Database>;

const MEMBER_COLUMNS = ["id", "set_id", "artifact_uuid", "group_id", "nested_set_id", "position", "added_at"] as const;

/** The set's members in position order, or `undefined` when the owner has no such set (one statement). */
export async function selectMembers(db: Db, owner: OwnerId, setId: string): Promise<MemberRow[] | undefined> {
  const { rows } = await sql<Partial<MemberRow>>`select m.id, s.id as set_id, m.artifact_uuid, m.group_id,
      m.nested_set_id, m.position, m.added_at
    from deployment_sets s left join deployment_set_members m on m.set_id = s.id
    where s.id = ${setId} and s.owner_id = ${owner}
    order by m.position`.execute(db);
  if (rows.length === 0) return undefined;
  return rows.filter((row): row is MemberRow => row.id != null);
}

/** The target set, its member count and the member already holding `ref`, in one statement. */
export async function selectAddContext(
  db: Db,
  owner: OwnerId,
  setId: string,
  ref: MemberRef,
): Promise<{ set: SetRow; memberCount: number; existingMemberId: string | null } | undefined> {
  const column = sql.ref(`m.${REF_COLUMN[ref.type]}`);
  const { rows } = await sql<SetRow & { member_count: number; existing_member_id: string | null }>`
    select ${SET_COLUMNS},
      (select count(*) from deployment_set_members m where m.set_id = s.id) as member_count,
      (select m.id from deployment_set_members m where m.set_id = s.id and ${column} = ${ref.id}) as existing_member_id
    from deployment_sets s where s.id = ${setId} and s.owner_id = ${owner}`.execute(db);
  const row = rows[0];
  return row && { set: row, memberCount: row.member_count, existingMemberId: row.existing_member_id };
}

/** The id of the set's member holding `ref`, if any (owner already checked). */
export async function selectMemberIdByRef(db: Db, setId: string, ref: MemberRef): Promise<string | undefined> {
  const row = await db
    .selectFrom("deployment_set_members")
    .select("id")
    .where("set_id", "=", setId)
    .where(REF_COLUMN[ref.type], "=", ref.id)
    .executeTakeFirst();
  return row?.id;
}

/** Shifts positions >= `position` down by one and inserts the member there. */
export async function insertMemberAt(db: Db, row: MemberRow): Promise<void> {
  await db
    .updateTable("deployment_set_members")
    .set((eb) => ({ position: eb("position", "+", 1) }))
    .where("set_id", "=", row.set_id)
    .where("position", ">=", row.position)
    .execute();
  await db.insertInto("deployment_set_members").values(row).execute();
}

/** A new member row from its parts. */
export function memberRow(setId: string, id: string, ref: MemberRef, position: number, addedAt: Date): MemberRow {
  return { id, set_id: setId, ...refColumns(ref), position, added_at: addedAt.getTime() };
}

/**
 * One member of the owner's set (never a member of another set) and the set's member count, in one statement:
 * `undefined` when the owner has no such set, `null` when the set has no such member.
 */
export async function selectMemberOf(
  db: Db,
  owner: OwnerId,
  setId: string,
  memberId: string,
): Promise<{ member: MemberRow; count: number } | null | undefined> {
  const { rows } = await sql<Partial<MemberRow> & { member_count: number }>`select
      ${sql.join(MEMBER_COLUMNS.map((c) => sql.ref(`m.${c}`)))},
      (select count(*) from deployment_set_members c where c.set_id = s.id) as member_count
    from deployment_sets s left join deployment_set_members m on m.set_id = s.id and m.id = ${memberId}
    where s.id = ${setId} and s.owner_id = ${owner}`.execute(db);
  const row = rows[0];
  if (!row) return undefined;
  const { member_count, ...member } = row;
  return member.id == null ? null : { member: member as MemberRow, count: member_count };
}

/** Deletes the member and closes the gap behind it. */
export async function deleteMember(db: Db, member: MemberRow): Promise<void> {
  await db.deleteFrom("deployment_set_members").where("id", "=", member.id).execute();
  await db
    .updateTable("deployment_set_members")
    .set((eb) => ({ position: eb("position", "-", 1) }))
    .where("set_id", "=", member.set_id)
    .where("position", ">", member.position)
    .execute();
}

/** Moves the member from its position to `target`; the members in between close ranks (one statement). */
export async function moveMemberTo(db: Db, member: MemberRow, target: number): Promise<void> {
  const from = member.position;
  await sql`update deployment_set_members set position = case
      when id = ${member.id} then ${target}::int
      when ${target}::int < ${from}::int then position + 1
      else position - 1 end
    where set_id = ${member.set_id}
      and position between ${Math.min(from, target)}::int and ${Math.max(from, target)}::int`.execute(db);
}

/**
 * Removes every member of the owner's sets that references `setId`, renumbers those parents densely and returns
 * their ids.
 */
export async function detachFromParents(db: Db, owner: OwnerId, setId: string): Promise<string[]> {
  const { rows } = await sql<{ set_id: string }>`delete from deployment_set_members m using deployment_sets p
    where m.nested_set_id = ${setId} and p.id = m.set_id and p.owner_id = ${owner}
    returning m.set_id`.execute(db);
  const parents = [...new Set(rows.map((row) => row.set_id))];
  if (parents.length > 0) {
    await sql`update deployment_set_members m set position = r.position
      from (select id, (row_number() over (partition by set_id order by position) - 1)::int as position
            from deployment_set_members where set_id = any(${parents}::text[])) r
      where m.id = r.id and m.position <> r.position`.execute(db);
  }
  return parents;
}

/** The number of direct members of a set. */
export async function countMembers(db: Db, setId: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from deployment_set_members where set_id = ${setId}`.execute(db);
  return rows[0]?.n ?? 0;
}

/**
 * Copies the source's members, in order, into the clone with the given ids (`ids[p]` for position `p`; the
 * positions are dense, and the caller holds the owner's graph lock so they cannot move) in one statement.
 */
export async function copyMembers(db: Db, sourceId: string, cloneId: string, ids: readonly string[], addedAt: Date): Promise<void> {
  if (ids.length === 0) return;
  await sql`insert into deployment_set_members (id, set_id, artifact_uuid, group_id, nested_set_id, position, added_at)
    select n.id, ${cloneId}, m.artifact_uuid, m.group_id, m.nested_set_id, m.position, ${addedAt.getTime()}::bigint
    from deployment_set_members m
    join unnest(${ids}::text[]) with ordinality as n(id, ord) on m.position = n.ord - 1
    where m.set_id = ${sourceId}
    order by m.position`.execute(db);
}

/** Copies the source's tags to the clone. */
export async function copyTags(db: Db, sourceId: string, cloneId: string): Promise<void> {
  await sql`insert into deployment_set_tags (set_id, position, tag, tag_folded)
    select ${cloneId}, position, tag, tag_folded from deployment_set_tags where set_id = ${sourceId}`.execute(db);
}
