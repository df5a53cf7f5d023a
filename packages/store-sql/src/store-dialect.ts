import type { RawBuilder } from "kysely";

/**
 * What the shared queries ask of each database: the few places where SQLite and PostgreSQL spell the same thing
 * differently. Each adapter passes its one constant.
 */
export interface StoreDialect {
  /**
   * The tags of the set `s` in position order, aggregated into one value by a correlated subquery (a JSON text in
   * SQLite, a `text[]` in PostgreSQL), for a query over `deployment_sets s`.
   */
  readonly tagList: RawBuilder<unknown>;
  /** The tag list of a {@link StoreDialect.tagList} value. */
  decodeTags(value: unknown): string[];
  /**
   * The `seq` of a new set, computed by the insert (SQLite, inside its write transaction); `undefined` where the
   * column generates it (PostgreSQL's identity column).
   */
  readonly nextSeq: RawBuilder<number> | undefined;
  /**
   * The 1-based index of `needle` in the text column `column`, 0 when absent, comparing characters literally (no
   * `LIKE`: `%`, `_` and `\` are plain characters).
   */
  textPosition(column: string, needle: string): RawBuilder<number>;
  /** The right-hand side of `id in ...` for `ids` (at least one). */
  idList(ids: readonly string[]): RawBuilder<string>;
}
