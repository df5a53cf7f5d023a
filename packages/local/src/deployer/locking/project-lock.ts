import { hostname } from "node:os";
import { closeSync, linkSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import { utimes } from "node:fs/promises";
import { join } from "node:path";
import type { Logger } from "@deployment-sets/core";
import { errorCode } from "../fs/path-safety.js";
import { tempName } from "../fs/temp-names.js";

/** The lock file's name, beside the tracking file. */
export const LOCK_FILE = ".skillmeat-deployed.lock";

/** A lock older than this is stale whoever holds it: 10 minutes. */
export const LOCK_STALE_MS = 10 * 60 * 1000;

const HEARTBEAT_MS = 60 * 1000;

/** What a lock file holds. */
export interface LockInfo {
  /** The holder's process id. */
  readonly pid: number;
  /** The holder's host name. */
  readonly host: string;
  /** When it was taken, ISO 8601. */
  readonly time: string;
}

/** Waiting for another deploy's lock took longer than allowed. */
export class ProjectLockTimeoutError extends Error {
  /** Always `"ProjectLockTimeoutError"`. */
  override name = "ProjectLockTimeoutError";
  /** @param holder - what the lock file said, when it could be read */
  constructor(holder: LockInfo | null) {
    super(
      holder
        ? `another deploy into this project holds the lock (pid ${holder.pid} on ${holder.host} since ${holder.time})`
        : "another deploy into this project holds the lock",
    );
  }
}

/** How {@link ProjectLock.acquire} waits. */
export interface LockOptions {
  /** Give up after this many milliseconds of waiting for a live holder. */
  readonly timeoutMs: number;
  /** Told when a stale lock is broken. */
  readonly logger: Logger;
}

/**
 * The cross-process lock of one profile root: `.skillmeat-deployed.lock`, created exclusively and holding the
 * holder's pid, host and time. A lock is stale when its pid is gone on this host or it is older than
 * {@link LOCK_STALE_MS} (a holder refreshes its file's mtime every minute, so only a hung or dead holder
 * ages); a stale lock is broken and taken over.
 *
 * @example
 * ```ts
 * const lock = await ProjectLock.acquire("/repo/.claude/.skillmeat-deployed.lock", { timeoutMs: 60_000, logger });
 * try { ... } finally { lock.release(); }
 * ```
 */
export class ProjectLock {
  readonly #path: string;
  readonly #content: string;
  readonly #heartbeat: NodeJS.Timeout;

  private constructor(path: string, content: string) {
    this.#path = path;
    this.#content = content;
    this.#heartbeat = setInterval(() => {
      const now = new Date();
      utimes(path, now, now).catch(() => undefined);
    }, HEARTBEAT_MS);
    this.#heartbeat.unref();
  }

  /**
   * Takes the lock at `path`, waiting (with back-off) while a live holder has it.
   *
   * @throws ProjectLockTimeoutError when a live holder keeps it past `options.timeoutMs`
   */
  static async acquire(path: string, options: LockOptions): Promise<ProjectLock> {
    const content = `${JSON.stringify({ pid: process.pid, host: hostname(), time: new Date().toISOString() })}\n`;
    const started = Date.now();
    let delay = 5;
    for (;;) {
      if (createExclusive(path, content)) return new ProjectLock(path, content);
      const held = readLock(path);
      if (held === null) continue; // released meanwhile
      if (isStale(held)) {
        if (breakStale(path, held.raw)) {
          options.logger.warn({ lock: path, holder: held.info, reason: held.reason }, "broke a stale deploy lock");
        }
        continue;
      }
      if (Date.now() - started >= options.timeoutMs) throw new ProjectLockTimeoutError(held.info);
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 200);
    }
  }

  /** Releases the lock (removes the file if it is still this holder's). */
  release(): void {
    clearInterval(this.#heartbeat);
    let now: string | null = null;
    try {
      now = readFileSync(this.#path, "utf8");
    } catch {
      // gone already
    }
    if (now === this.#content) rmSync(this.#path, { force: true });
  }
}

/**
 * Creates the lock with its content in one step: the content is written to a temporary file first and
 * hard-linked to the lock's name, which fails if the name exists, so a reader never sees an empty lock. Falls
 * back to an exclusive create on file systems without hard links.
 */
function createExclusive(path: string, content: string): boolean {
  const temp = join(path, "..", tempName());
  try {
    writeNew(temp, content);
    try {
      linkSync(temp, path);
      return true;
    } catch (error) {
      const code = errorCode(error);
      // EEXIST: held. ENOENT: a holder cleaning leftovers removed our temporary file; try again.
      if (code === "EEXIST" || code === "ENOENT") return false;
      if (code !== "EPERM" && code !== "ENOTSUP" && code !== "ENOSYS" && code !== "EOPNOTSUPP") throw error;
    }
    try {
      writeNew(path, content);
      return true;
    } catch (error) {
      if (errorCode(error) === "EEXIST") return false;
      throw error;
    }
  } finally {
    rmSync(temp, { force: true });
  }
}

function writeNew(path: string, content: string): void {
  const fd = openSync(path, "wx", 0o644);
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
}

interface HeldLock {
  readonly raw: string;
  readonly info: LockInfo | null;
  /** Modification time in ms (refreshed by the holder's heartbeat). */
  readonly mtimeMs: number;
  reason?: string;
}

function readLock(path: string): HeldLock | null {
  try {
    const raw = readFileSync(path, "utf8");
    return { raw, info: parseLock(raw), mtimeMs: statSync(path).mtimeMs };
  } catch (error) {
    if (errorCode(error) === "ENOENT") return null;
    throw error;
  }
}

function parseLock(raw: string): LockInfo | null {
  try {
    const value = JSON.parse(raw) as Partial<LockInfo>;
    if (typeof value.pid === "number" && typeof value.host === "string" && typeof value.time === "string") {
      return { pid: value.pid, host: value.host, time: value.time };
    }
  } catch {
    // a lock being written by the exclusive-create fallback, or garbage: judged by age alone
  }
  return null;
}

function isStale(held: HeldLock): boolean {
  const taken = held.info ? Date.parse(held.info.time) : Number.NaN;
  const age = Date.now() - Math.max(held.mtimeMs, Number.isNaN(taken) ? 0 : taken);
  if (age > LOCK_STALE_MS) {
    held.reason = "older than 10 minutes";
    return true;
  }
  if (held.info && held.info.host === hostname() && !isAlive(held.info.pid)) {
    held.reason = "its process is gone";
    return true;
  }
  return false;
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === "EPERM";
  }
}

/**
 * Removes a stale lock without removing a fresh one by mistake: the lock is renamed aside (only one breaker
 * wins), and if what was moved is not the stale content that was judged (a new holder got in between), it is
 * linked back.
 */
function breakStale(path: string, judged: string): boolean {
  const aside = join(path, "..", tempName());
  try {
    renameSync(path, aside);
  } catch (error) {
    if (errorCode(error) === "ENOENT") return false;
    throw error;
  }
  try {
    let moved: string;
    try {
      moved = readFileSync(aside, "utf8");
    } catch {
      return false;
    }
    if (moved === judged) return true;
    try {
      linkSync(aside, path);
    } catch {
      // someone else took the lock meanwhile
    }
    return false;
  } finally {
    rmSync(aside, { force: true });
  }
}
