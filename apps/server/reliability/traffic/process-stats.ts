import { readFileSync, statSync } from "node:fs";

/** The resident set size of process `pid` in MiB, from `/proc/<pid>/status` (Linux). */
export function rssMb(pid: number): number {
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  if (!match) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(match[1]) / 1024;
}

/** SQLite's WAL frame: a 24-byte header and a page of the store's 4 KiB. */
const FRAME_BYTES = 4096 + 24;

/** How many frames the `-wal` file beside `database` has room for (its high-water mark), 0 without one. */
export function walFrames(database: string): number {
  try {
    return Math.max(0, Math.floor((statSync(`${database}-wal`).size - 32) / FRAME_BYTES));
  } catch {
    return 0;
  }
}
