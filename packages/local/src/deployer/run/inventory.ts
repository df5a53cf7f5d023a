import { realpathSync } from "node:fs";
import { join } from "node:path";
import type { DeployedState, DeployProfile } from "@deployment-sets/core";
import type { ArtifactCatalog, DeployedArtifact } from "@deployment-sets/core/ports";
import type { TomlTable } from "smol-toml";
import { hashTree } from "../fs/content-hash.js";
import { readFileTree } from "../fs/file-tree.js";
import { deployedAtInstant } from "../tracking/deployed-at.js";
import type { Ledger } from "../tracking/ledgers.js";
import { setIdsOf } from "../tracking/set-ids.js";
import type { SourceReader } from "../fs/source-reader.js";
import { recordedHash } from "../tracking/tracking-file.js";
import { entryId, parseEntryId } from "./config-file.js";
import type { ConfigFiles } from "./config-files.js";
import { readFileJobSource } from "./file-jobs.js";
import { prepareJobs, type LedgerName } from "./jobs.js";
import { mergeHash, mergeRecordOf, prepareMergeJob } from "./merge-jobs.js";

/** What an inventory reads. */
export interface InventoryContext {
  readonly realProject: string;
  readonly realRoot: string | null;
  readonly profile: DeployProfile;
  readonly rootName: string;
  readonly ledgers: Readonly<Record<LedgerName, Ledger>>;
  readonly configs: ConfigFiles;
  readonly reader: SourceReader;
  readonly collectionRoot: string;
}

/**
 * Every artifact the project's tracking files record for the profile (SkillMeat's file first, in file order, then
 * this deployer's), each with its state: `missing_on_disk`, `locally_modified` (its content differs from what
 * was recorded), `outdated` (as recorded, but the collection's current version would deploy something else: known
 * only for artifacts `catalog` still has) or `in_sync`.
 */
export async function inventoryState(context: InventoryContext, catalog: ArtifactCatalog | undefined): Promise<DeployedArtifact[]> {
  const out: DeployedArtifact[] = [];
  if (context.realRoot === null) return out;
  const listed: { ledger: LedgerName; record: TomlTable }[] = [];
  for (const ledger of ["skillmeat", "own"] as const) {
    for (const [key, record] of context.ledgers[ledger].records) {
      if ((JSON.parse(key) as string[])[2] === context.profile) listed.push({ ledger, record });
    }
  }
  const uuids = listed.map(({ record }) => record["artifact_uuid"]).filter((uuid): uuid is string => typeof uuid === "string" && uuid !== "");
  const current = catalog && uuids.length > 0 ? await catalog.getArtifacts(uuids) : new Map();
  for (const { ledger, record } of listed) {
    const path = String(record["artifact_path"]);
    const label = ledger === "skillmeat" ? `${context.rootName}/${path}` : path;
    const uuid = typeof record["artifact_uuid"] === "string" && record["artifact_uuid"] !== "" ? record["artifact_uuid"] : null;
    let state: DeployedState;
    try {
      const now = record["placement"] === "merge" ? mergedHashNow(record, context) : treeHashNow(ledger === "skillmeat" ? join(context.realRoot, path) : join(context.realProject, path));
      if (now === null) state = "missing_on_disk";
      else if (now !== recordedHash(record)) state = "locally_modified";
      else {
        const artifact = uuid === null ? undefined : current.get(uuid);
        const desired = artifact === undefined ? null : desiredHash(artifact, context);
        state = desired !== null && desired !== now ? "outdated" : "in_sync";
      }
    } catch {
      state = "locally_modified";
    }
    out.push({
      artifactUuid: uuid,
      artifactName: String(record["artifact_name"]),
      artifactType: String(record["artifact_type"]),
      path: label,
      state,
      setIds: setIdsOf(record),
      deployedAt: deployedAtInstant(record["deployed_at"]),
    });
  }
  return out;
}

function treeHashNow(absolute: string): string | null {
  const tree = readFileTree(absolute);
  return tree === null ? null : hashTree(tree).hash;
}

function mergedHashNow(record: TomlTable, context: InventoryContext): string | null {
  const recorded = mergeRecordOf(record);
  const file = context.configs.get(String(record["artifact_path"]));
  const entries = recorded.entries.map(parseEntryId);
  const scripts = recorded.scriptsPath === null ? null : treeHashNow(join(context.realProject, recorded.scriptsPath));
  if (!entries.some((entry) => file.has(entry)) && scripts === null) return null;
  return mergeHash(entries.map((entry) => [entryId(entry), file.current(entry)]), recorded.scriptsPath === null ? null : scripts);
}

/** What deploying the collection's current version of the artifact would record; `null` when it cannot tell. */
function desiredHash(artifact: Parameters<typeof prepareJobs>[0][number], context: InventoryContext): string | null {
  const { jobs } = prepareJobs([artifact], context.profile);
  const job = jobs[0];
  if (!job) return null;
  try {
    const source = { reader: context.reader, realCollection: realpathSync.native(context.collectionRoot), sourceFolders: new Map() };
    if (job.kind === "file") return readFileJobSource(job, source).hash;
    prepareMergeJob(job, context.profile, source);
    return job.desiredHash ?? null;
  } catch {
    return null;
  }
}
