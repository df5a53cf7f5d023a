/**
 * Where the catalog reports what it skipped and when it (re)loaded. Structurally a subset of pino's logger, so
 * a Fastify or pino logger (or core's `Logger`) fits as is.
 */
export interface CatalogLogger {
  /** Logs `message` at warning level: a skipped entry, a missing source. */
  warn(data: object, message: string): void;
  /** Logs `message` at error level: a `collection.toml` that cannot be read or parsed (falls back to `warn`). */
  error?(data: object, message: string): void;
  /** Logs `message` at info level: a (re)load, with its counts. */
  info?(data: object, message: string): void;
}

/** Options of {@link CollectionCatalog.open}. */
export interface CollectionCatalogOptions {
  /** The collection folder (the one holding `collection.toml`); relative paths resolve from the working folder. */
  readonly root: string;
  /**
   * Receives warnings for skipped entries and errors for a file that does not parse.
   * @default a logger that drops everything
   */
  readonly logger?: CatalogLogger;
  /**
   * The catalog checks `collection.toml` for changes (one `stat`) on access, at most once per this many
   * milliseconds; `0` checks on every access.
   * @default 250
   */
  readonly refreshIntervalMs?: number;
  /**
   * Also watch the collection folder (`fs.watch`) and reload as soon as `collection.toml` changes, so warnings
   * and parse errors are logged when the file is saved rather than at the next request. Checking on access
   * still runs: a watcher that misses an event (network file systems) costs nothing but latency.
   * @default false
   */
  readonly watch?: boolean;
  /**
   * The clock stamping {@link CatalogStatus.loadedAt}.
   * @default () => new Date()
   */
  readonly now?: () => Date;
}

/** The catalog's health, for `/readyz`. */
export interface CatalogStatus {
  /** `true` when the current `collection.toml` loaded; `false` while it cannot be read or parsed. */
  readonly ok: boolean;
  /** Why the current `collection.toml` cannot be read or parsed (one line), else `null`. */
  readonly error: string | null;
  /** When the catalog being served was loaded; `null` when no version has loaded yet (the catalog is empty). */
  readonly loadedAt: Date | null;
  /** How many artifacts the catalog serves. */
  readonly artifacts: number;
  /** How many groups the catalog serves. */
  readonly groups: number;
  /** The warnings of the version being served: skipped entries, missing sources (one readable line each). */
  readonly warnings: readonly string[];
}
