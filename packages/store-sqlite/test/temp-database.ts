import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A database file path in a fresh temporary folder, and a function that removes the folder. */
export interface TempDatabase {
  readonly filename: string;
  remove(): void;
}

/** Makes a fresh temporary folder (`os.tmpdir()`) holding nothing yet, for one database file. */
export function tempDatabase(prefix = "store-sqlite-"): TempDatabase {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    filename: join(dir, "deployment-sets.db"),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
