import { watch, type FSWatcher } from "node:fs";
import { readFile, realpath, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { Artifact, Group } from "@deployment-sets/core";
import type { ArtifactCatalog, ArtifactListQuery, CatalogPage } from "@deployment-sets/core/ports";
import { buildSnapshot } from "./build-snapshot.js";
import type { CatalogLogger, CatalogStatus, CollectionCatalogOptions } from "./catalog-options.js";
import { CatalogSnapshot } from "./catalog-snapshot.js";
import { parseCollection } from "./parse-collection.js";
import { SourceChecker } from "./source-path.js";

/** The manifest's file name inside a collection folder. */
const MANIFEST = "collection.toml";
/** A file modified this recently may change again within the file system's timestamp granularity. */
const RACY_MS = 2_000;
const WATCH_DEBOUNCE_MS = 50;
const silent: CatalogLogger = { warn: () => {} };

/**
 * The {@link ArtifactCatalog} over a collection folder in SkillMeat's format (`collection.toml` and the sources
 * beside it; see docs/collection-format.md).
 *
 * Identity: an artifact answers to its `uuid` field when it has one and always to its derived id
 * ({@link derivedArtifactId}); lookups are keyed by the id asked for and `artifact.uuid` is the canonical one.
 * A group's id is {@link groupId} of its name.
 *
 * Bad entries never stop a load: unsafe names, unknown types, sources leaving the collection folder (through
 * `..`, an absolute path or a symbolic link), duplicates and group members naming no artifact are skipped, each
 * with a warning sent to the logger and listed in {@link CollectionCatalog.status}.
 *
 * Reloading: on access (at most every `refreshIntervalMs`) the catalog `stat`s `collection.toml` and re-reads it
 * when it changed. A version that cannot be read or parsed leaves the last good one in service and makes
 * `status().ok` false with the error; a collection that is broken from the start serves an empty catalog. The
 * sources are checked when `collection.toml` is (re)loaded: the deployer checks them again before reading.
 *
 * @example
 * ```ts
 * const catalog = await CollectionCatalog.open({ root: "/home/me/.skillmeat/collections/default", logger });
 * const { items } = await catalog.listArtifacts({ type: "skill", limit: 50, offset: 0 });
 * const { ok, error } = await catalog.status(); // for /readyz
 * catalog.close();
 * ```
 */
export class CollectionCatalog implements ArtifactCatalog {
  readonly #root: string;
  readonly #logger: CatalogLogger;
  readonly #intervalMs: number;
  readonly #now: () => Date;
  #realRoot: string | null = null;
  #snapshot: CatalogSnapshot = CatalogSnapshot.empty;
  #warnings: readonly string[] = [];
  #loadedAt: Date | null = null;
  #error: string | null = null;
  /** The `stat` signature and text of the version last read (loaded or not), to tell when it changes. */
  #signature: string | null = null;
  #racy = false;
  #text: string | null = null;
  #checkedAt = Number.NEGATIVE_INFINITY;
  #inflight: Promise<void> | null = null;
  #watcher: FSWatcher | null = null;
  #debounce: NodeJS.Timeout | null = null;

  private constructor(options: CollectionCatalogOptions) {
    this.#root = resolve(options.root);
    this.#logger = options.logger ?? silent;
    this.#intervalMs = options.refreshIntervalMs ?? 250;
    this.#now = options.now ?? (() => new Date());
  }

  /**
   * Opens the collection at `options.root` and loads it. Never throws for a missing or broken
   * `collection.toml`: the catalog is then empty and {@link CollectionCatalog.status} says why, until the file
   * is fixed.
   *
   * @param options - the folder, logger and reload settings
   *
   * @example
   * ```ts
   * const catalog = await CollectionCatalog.open({ root: "examples/starter-collection" });
   * const found = await catalog.getArtifacts([memberRef.id]);
   * ```
   */
  static async open(options: CollectionCatalogOptions): Promise<CollectionCatalog> {
    const catalog = new CollectionCatalog(options);
    await catalog.refresh();
    if (options.watch === true) catalog.#startWatching();
    return catalog;
  }

  /**
   * The collection folder's absolute real path (symbolic links resolved), where the sources are read from:
   * an artifact's source is `join(catalog.root, artifact.path)`. Before the folder first exists, its resolved
   * path.
   */
  get root(): string {
    return this.#realRoot ?? this.#root;
  }

  /** The artifacts among `ids` (uuids or derived ids), keyed by the id asked for. */
  async getArtifacts(ids: Iterable<string>): Promise<ReadonlyMap<string, Artifact>> {
    const snapshot = await this.#current();
    return snapshot.catalog.getArtifacts(ids);
  }

  /** The groups among `ids`, keyed by id. */
  async getGroups(ids: Iterable<string>): Promise<ReadonlyMap<string, Group>> {
    const snapshot = await this.#current();
    return snapshot.catalog.getGroups(ids);
  }

  /** A page of artifacts, by type (skill, command, agent, hook, mcp) then name; `q` matches names case-insensitively. */
  async listArtifacts(query: ArtifactListQuery): Promise<CatalogPage<Artifact>> {
    const snapshot = await this.#current();
    return snapshot.catalog.listArtifacts(query);
  }

  /** A page of groups, by the collection's `position` then name. */
  async listGroups(query: { readonly limit: number; readonly offset: number }): Promise<CatalogPage<Group>> {
    const snapshot = await this.#current();
    return snapshot.catalog.listGroups(query);
  }

  /**
   * The catalog's health for `/readyz`, after checking `collection.toml` for changes (throttled like every
   * access). Ready means `ok`.
   */
  async status(): Promise<CatalogStatus> {
    await this.#current();
    return this.#status();
  }

  /** Checks `collection.toml` for changes now, ignoring the throttle, reloads it if it changed, and reports. */
  async refresh(): Promise<CatalogStatus> {
    // A check already running may have read the file before the change the caller knows about: check again.
    if (this.#inflight !== null) await this.#inflight;
    await (this.#inflight ?? this.#check());
    return this.#status();
  }

  /** Stops watching the folder (when `watch` was on). The catalog still answers, checking on access. */
  close(): void {
    if (this.#debounce !== null) clearTimeout(this.#debounce);
    this.#debounce = null;
    this.#watcher?.close();
    this.#watcher = null;
  }

  #status(): CatalogStatus {
    return {
      ok: this.#error === null && this.#loadedAt !== null,
      error: this.#error,
      loadedAt: this.#loadedAt,
      artifacts: this.#snapshot.artifactCount,
      groups: this.#snapshot.groupCount,
      warnings: this.#warnings,
    };
  }

  async #current(): Promise<CatalogSnapshot> {
    if (this.#inflight !== null) await this.#inflight;
    else if (performance.now() - this.#checkedAt >= this.#intervalMs) await this.#check();
    return this.#snapshot;
  }

  #check(): Promise<void> {
    const run = this.#checkNow()
      .catch((error: unknown) => this.#fail(`cannot load ${MANIFEST}: ${String(error)}`))
      .finally(() => {
        this.#checkedAt = performance.now();
        this.#inflight = null;
      });
    this.#inflight = run;
    return run;
  }

  async #checkNow(): Promise<void> {
    const file = join(this.#root, MANIFEST);
    let signature: string;
    let mtimeMs: number;
    try {
      const st = await stat(file, { bigint: true });
      signature = `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`;
      mtimeMs = Number(st.mtimeNs / 1_000_000n);
    } catch (error) {
      const reason = `cannot read ${file}: ${errorCode(error)}`;
      if (this.#signature === reason) return;
      this.#signature = reason;
      this.#text = null;
      return this.#fail(reason);
    }
    // Same signature: unchanged, unless it was written so recently that a second write could share it.
    if (signature === this.#signature && !this.#racy) return;
    this.#signature = signature;
    this.#racy = Date.now() - mtimeMs < RACY_MS;

    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      this.#text = null;
      return this.#fail(`cannot read ${file}: ${errorCode(error)}`);
    }
    if (text === this.#text) return;
    this.#text = text;

    let built;
    try {
      const realRoot = await realpath(this.#root);
      const doc = parseCollection(text);
      built = buildSnapshot(doc, new SourceChecker(realRoot));
      this.#realRoot = realRoot;
    } catch (error) {
      return this.#fail(error instanceof Error ? error.message : String(error));
    }
    this.#snapshot = built.snapshot;
    this.#warnings = Object.freeze([...built.warnings]);
    this.#loadedAt = this.#now();
    this.#error = null;
    const data = { collection: this.root };
    for (const warning of built.warnings) this.#logger.warn(data, warning);
    this.#logger.info?.(
      { ...data, artifacts: built.snapshot.artifactCount, groups: built.snapshot.groupCount, warnings: built.warnings.length },
      "collection loaded",
    );
  }

  #fail(reason: string): void {
    this.#error = reason;
    const data = { collection: this.root, error: reason };
    const message = this.#loadedAt === null
      ? "collection cannot be loaded; the catalog is empty"
      : "collection cannot be loaded; the last good version stays in service";
    if (this.#logger.error) this.#logger.error(data, message);
    else this.#logger.warn(data, message);
  }

  #startWatching(): void {
    try {
      this.#watcher = watch(this.#root, { persistent: false }, (_event, filename) => {
        if (filename !== null && filename !== MANIFEST) return;
        if (this.#debounce !== null) clearTimeout(this.#debounce);
        this.#debounce = setTimeout(() => {
          this.#debounce = null;
          void this.refresh();
        }, WATCH_DEBOUNCE_MS);
        this.#debounce.unref();
      });
      this.#watcher.on("error", () => this.close());
    } catch {
      // No watcher (missing folder, unsupported file system): checking on access is enough.
      this.#watcher = null;
    }
  }
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : String(error);
}
