import pg from "pg";
import type { Connection } from "./connection.js";

/**
 * Runs one statement on a pool client in array row mode, handing each row to `onRow` as it arrives (nothing is
 * accumulated), and reports it like kysely's statements.
 */
export async function streamArrays<R>(connection: Connection, text: string, values: unknown[], onRow: (row: R) => void): Promise<void> {
  const started = performance.now();
  let failure: unknown;
  try {
    const client = await connection.pool.connect();
    try {
      await new Promise<void>((resolve, reject) => {
        let rowError: unknown;
        const query = client.query(new pg.Query({ text, values, rowMode: "array" } as pg.QueryConfig));
        query.on("row", (row: R) => {
          if (rowError !== undefined) return;
          try {
            onRow(row);
          } catch (error) {
            rowError = error;
          }
        });
        query.on("error", reject);
        query.on("end", () => (rowError === undefined ? resolve() : reject(rowError)));
      });
    } catch (error) {
      failure = error;
      throw error;
    } finally {
      // Like pool.query: a client whose statement failed is discarded rather than reused.
      client.release(failure instanceof Error ? failure : undefined);
    }
  } catch (error) {
    failure ??= error;
    throw error;
  } finally {
    connection.onQuery?.({ sql: text, durationMs: performance.now() - started, failed: failure !== undefined });
  }
}
