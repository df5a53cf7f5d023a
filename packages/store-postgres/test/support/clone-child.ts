/**
 * The crash test's child process: clones one set over and over, as fast as it can, until it is killed.
 * Usage: `node --import tsx test/support/clone-child.ts <url> <schema> <owner> <sourceId>`. It prints
 * `cloning <id>` before and `cloned <id>` after every clone.
 */
import { newId } from "@deployment-sets/core";
import { PostgresStore } from "../../src/index.js";

const [url, schema, owner, sourceId] = process.argv.slice(2) as [string, string, string, string];
const store = new PostgresStore({ connectionString: url, schema, poolSize: 1 });
for (;;) {
  const id = newId();
  process.stdout.write(`cloning ${id}\n`);
  await store.cloneSet(owner, sourceId, { id, name: `Clone ${id}`, createdAt: new Date(), newMemberId: newId });
  process.stdout.write(`cloned ${id}\n`);
}
