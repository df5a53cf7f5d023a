import type { OwnerId } from "@deployment-sets/core";
import type { Database } from "@deployment-sets/store-sql";
import type { CompiledQuery, Kysely } from "kysely";

/**
 * Whether the set `setId` exists for `owner`: the check a write makes first inside its `begin immediate`
 * transaction, where nothing can change it before the write (see `requireSet`).
 */
export function selectSetExists(db: Kysely<Database>, owner: OwnerId, setId: string): CompiledQuery<{ id: string }> {
  return db.selectFrom("deployment_sets").select("id").where("id", "=", setId).where("owner_id", "=", owner).compile();
}
