import { createHash } from "node:crypto";
import type { TomlTable } from "smol-toml";
import type { FileToWrite } from "../fs/atomic-write.js";
import { codexAgentToml } from "../convert/codex-agent.js";
import { ConversionError } from "../convert/front-matter.js";
import { geminiAgentMarkdown } from "../convert/gemini-agent.js";
import { geminiCommandToml } from "../convert/gemini-command.js";
import { decide } from "../decide.js";
import { DestinationError, inspectDestination, writeDestination, type DestinationSpec, type FolderCache, type ListingCache } from "../target/destination.js";
import type { FileTree } from "../fs/file-tree.js";
import { describeError } from "../fs/path-safety.js";
import { readSourceTree, SourceError, type SourceFolders, type SourceReader, type SourceSnapshot } from "../fs/source-reader.js";
import { recordedHash } from "../tracking/tracking-file.js";
import type { FileJob } from "./jobs.js";

/** What inspecting file jobs needs besides the job. */
export interface FileInspection {
  readonly reader: SourceReader;
  readonly realCollection: string;
  readonly sourceFolders: SourceFolders;
  /** The real path of each base folder (`.claude`, `.agents`); `null` when it does not exist (a plan). */
  readonly realBases: ReadonlyMap<string, string | null>;
  readonly folders: FolderCache;
  readonly listings: ListingCache;
  readonly force: boolean;
}

/** Where a file job's artifact lands under its (real) base folder. */
export function fileSpec(job: FileJob, realBase: string): DestinationSpec {
  return { realRoot: realBase, destination: job.destination, leaf: job.leaf, label: job.label };
}

/**
 * Reads a file job's source (converting it where the placement says so) and its destination, and decides its
 * action from them and its tracking record. Failures are kept in `job.error`.
 */
export function inspectFileJob(job: FileJob, context: FileInspection, record: TomlTable | undefined, pending: readonly string[] | undefined): void {
  try {
    job.source = readFileJobSource(job, context);
    const realBase = context.realBases.get(job.base) ?? null;
    job.state = realBase === null ? { present: false } : inspectDestination(fileSpec(job, realBase), record, context.folders, context.listings);
    job.action = decide({
      sourceHash: job.source.hash,
      destinationHash: job.state.present ? job.state.hash : null,
      recordedHash: recordedHash(record),
      ...(pending ? { pendingHashes: pending } : {}),
      force: context.force,
    });
  } catch (error) {
    job.error = failure(error);
  }
}

/**
 * Writes a file job's artifact by rename (see `writeDestination`), re-reading a source whose bytes were not kept.
 * Failures are kept in `job.error`.
 */
export function writeFileJob(job: FileJob, realBase: string, listings: ListingCache, onAsideLeft: (path: string) => void): void {
  try {
    const source = job.source!;
    let bytes = source.bytes;
    if (bytes === null) {
      const reread = readSourceTree(source.tree, job.artifact.path);
      if (reread.hash !== source.hash) throw new SourceError(`the source ${job.artifact.path} changed during the deploy; deploy again`);
      bytes = reread.bytes;
    }
    const files: FileToWrite[] = source.tree.files.map((file, index) => ({ rel: file.rel, parts: file.parts, mode: file.mode, bytes: bytes[index]! }));
    const { tree, fingerprint } = writeDestination(fileSpec(job, realBase), source.tree.kind, files, source.hash, job.state?.present === true, listings, onAsideLeft);
    job.written = { hash: source.hash, tree, fingerprint };
    source.bytes = null;
  } catch (error) {
    job.error = failure(error);
  }
}

/** A file job's source as it will be written: the artifact's file or folder, or the converted file. */
export function readFileJobSource(job: FileJob, context: Pick<FileInspection, "reader" | "realCollection" | "sourceFolders">): SourceSnapshot {
  const { reader, realCollection, sourceFolders } = context;
  if (job.destination.kind === "folder") return reader.read(realCollection, job.artifact.path, "folder", sourceFolders);
  const source = markdownSource(reader.read(realCollection, job.artifact.path, "any", sourceFolders), job);
  if (job.placement.kind === "copy") return source;
  const text = Buffer.concat(source.bytes ?? readSourceTree(source.tree, job.artifact.path).bytes).toString("utf8");
  const converted = convert(job.placement.converter, text, job.artifact.name);
  const bytes = Buffer.from(converted, "utf8");
  const tree: FileTree = {
    kind: "file",
    files: [{ rel: "", parts: [], abs: source.tree.files[0]!.abs, size: bytes.byteLength, mtimeMs: 0, ino: 0, mode: 0o644 }],
    dirs: [],
    hasLinks: false,
  };
  return { tree, hash: createHash("sha256").update(bytes).digest("hex"), bytes: [bytes] };
}

/**
 * A command or agent's markdown file: the source itself, or, when the artifact is stored as a folder (SkillMeat
 * allows both), its `<name>.md`, else its only markdown file.
 */
function markdownSource(source: SourceSnapshot, job: FileJob): SourceSnapshot {
  if (source.tree.kind === "file") return source;
  const markdown = source.tree.files.filter((file) => file.parts.length === 1 && file.rel.toLowerCase().endsWith(".md"));
  const chosen = markdown.find((file) => file.rel === `${job.artifact.name}.md`) ?? (markdown.length === 1 ? markdown[0] : undefined);
  if (!chosen) {
    throw new SourceError(`the source ${job.artifact.path} is a folder without ${job.artifact.name}.md or a single markdown file`);
  }
  const index = source.tree.files.indexOf(chosen);
  const bytes = source.bytes?.[index] ?? readSourceTree({ kind: "file", files: [chosen], dirs: [], hasLinks: source.tree.hasLinks }, job.artifact.path).bytes[0]!;
  const file = { ...chosen, rel: "", parts: [] };
  return { tree: { kind: "file", files: [file], dirs: [], hasLinks: source.tree.hasLinks }, hash: createHash("sha256").update(bytes).digest("hex"), bytes: [bytes] };
}

function convert(converter: "gemini-command" | "codex-agent" | "gemini-agent", text: string, name: string): string {
  switch (converter) {
    case "gemini-command":
      return geminiCommandToml(text, name).text;
    case "codex-agent":
      return codexAgentToml(text, name).text;
    case "gemini-agent":
      return geminiAgentMarkdown(text, name).text;
  }
}

/** A job's failure message: ours as they are, the file system's described. */
export function failure(error: unknown): string {
  if (error instanceof ConversionError) return `cannot convert: ${error.message}`;
  return error instanceof SourceError || error instanceof DestinationError ? error.message : describeError(error);
}
