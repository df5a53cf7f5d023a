import type { TestProject } from "vitest/node";
import { createDatabase, dropDatabase, randomName } from "./databases.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** The URL of this run's throwaway database, or `""` without PG_URL. */
    pgTestUrl: string;
  }
}

/**
 * Creates `ds_test_<random>` for the whole run (each store then takes a schema of its own in it) and drops it
 * afterwards, `WITH (FORCE)` so a leaked connection cannot keep it alive. Without PG_URL every PostgreSQL
 * suite skips; this says so once.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  const adminUrl = process.env.PG_URL;
  if (!adminUrl) {
    if (process.env.DS_PG_NOTICE !== "shown") {
      console.warn("[store-postgres] PG_URL is not set: skipping every PostgreSQL test (e.g. PG_URL=postgres://postgres@127.0.0.1:5432/postgres)");
    }
    project.provide("pgTestUrl", "");
    return;
  }
  const name = randomName("ds_test");
  const url = await createDatabase(adminUrl, name);
  project.provide("pgTestUrl", url);
  return () => dropDatabase(adminUrl, name);
}
