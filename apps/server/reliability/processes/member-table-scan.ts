import type pg from "pg";
import { findCycle } from "./find-cycle.js";

/** What a full scan of `deployment_set_members` found wrong (empty lists: nothing). */
export interface MemberTableScan {
  /** Member rows scanned. */
  readonly rows: number;
  /** Set-to-set edges among them. */
  readonly edges: number;
  /** A nesting cycle, first node repeated at the end, or `null`. */
  readonly cycle: string[] | null;
  /** Sets whose positions are not exactly 0..n-1. */
  readonly notDense: readonly { setId: string; positions: number[] }[];
}

/**
 * Reads the WHOLE member table over a direct PostgreSQL connection in one statement (one snapshot), builds the
 * nested-set graph and searches it for a cycle, and checks that every set's positions are 0..n-1.
 */
export async function scanMemberTable(client: pg.Client): Promise<MemberTableScan> {
  const { rows } = await client.query<{ set_id: string; nested_set_id: string | null; position: number }>(
    "select set_id, nested_set_id, position from deployment_set_members",
  );
  const edges: [string, string][] = [];
  const positions = new Map<string, number[]>();
  for (const row of rows) {
    if (row.nested_set_id !== null) edges.push([row.set_id, row.nested_set_id]);
    const list = positions.get(row.set_id);
    if (list) list.push(row.position);
    else positions.set(row.set_id, [row.position]);
  }
  const notDense: { setId: string; positions: number[] }[] = [];
  for (const [setId, list] of positions) {
    list.sort((a, b) => a - b);
    if (list.some((position, index) => position !== index)) notDense.push({ setId, positions: list.slice(0, 50) });
  }
  return { rows: rows.length, edges: edges.length, cycle: findCycle(edges), notDense };
}

/** The same density check done by PostgreSQL itself: sets whose positions are not 0..n-1. */
export async function setsNotDenseBySql(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ set_id: string }>(
    `select set_id from deployment_set_members group by set_id
     having min(position) <> 0 or max(position) <> count(*) - 1 or count(distinct position) <> count(*)`,
  );
  return rows.map((row) => row.set_id);
}
