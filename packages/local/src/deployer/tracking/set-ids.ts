import type { TomlTable } from "smol-toml";

/**
 * The sets that deployed a record's artifact into the project (`deployment_set_ids`); a record written before
 * that field existed names one set in `deployment_set_id`. A record another tool wrote names none: it is nobody's
 * to remove.
 */
export function setIdsOf(record: TomlTable | undefined): string[] {
  const ids = record?.["deployment_set_ids"];
  if (Array.isArray(ids)) return ids.filter((id): id is string => typeof id === "string");
  const single = record?.["deployment_set_id"];
  return typeof single === "string" && single !== "" ? [single] : [];
}

/** `record` naming `ids` as the sets that deployed it (and the last of them as `deployment_set_id`, as before). */
export function withSetIds(record: TomlTable, ids: readonly string[]): TomlTable {
  const { deployment_set_id: _last, deployment_set_ids: _all, ...rest } = record;
  return ids.length === 0 ? rest : { ...rest, deployment_set_id: ids[ids.length - 1]!, deployment_set_ids: [...ids] };
}

/** The set ids with `setId` last (added, or moved to the end when present). */
export function addSetId(ids: readonly string[], setId: string): string[] {
  return [...ids.filter((id) => id !== setId), setId];
}
