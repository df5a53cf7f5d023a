import { createHash, timingSafeEqual } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { z } from "zod";
import { ConfigError } from "../config.js";

/** What a valid bearer token grants. */
export interface Grant {
  readonly owner: string;
  readonly scopes: readonly ("read" | "write")[];
}

const TokensFile = z.object({
  tokens: z.array(
    z.object({
      sha256: z.string().regex(/^[0-9a-f]{64}$/, "must be the lowercase hex SHA-256 of the token"),
      owner: z.string().min(1),
      scopes: z.array(z.enum(["read", "write"])),
    }),
  ),
});

interface Entry extends Grant {
  readonly hash: Buffer;
}

/**
 * The bearer tokens of `DS_TOKENS_FILE`: only SHA-256 hashes are kept and compared (constant-time, over every
 * entry). The file is re-read when it changes (checked at most once a second); a version that does not parse
 * keeps the last good one and is reported by {@link TokenRegistry.status}.
 */
export class TokenRegistry {
  #entries: Entry[] = [];
  #stamp = "";
  #checkedAt = 0;
  #error: string | null = null;

  constructor(
    readonly file: string,
    private readonly onError: (message: string) => void = () => {},
  ) {
    this.#reload(true);
  }

  /** The grant of `token`, or `undefined`. */
  lookup(token: string): Grant | undefined {
    this.#maybeReload();
    const hash = createHash("sha256").update(token, "utf8").digest();
    let found: Entry | undefined;
    for (const entry of this.#entries) if (timingSafeEqual(hash, entry.hash) && !found) found = entry;
    return found && { owner: found.owner, scopes: found.scopes };
  }

  /** Whether the current file parsed; the parse error when it did not. */
  status(): { ok: boolean; error: string | null } {
    this.#maybeReload();
    return { ok: this.#error === null, error: this.#error };
  }

  #maybeReload() {
    const now = Date.now();
    if (now - this.#checkedAt < 1000) return;
    this.#checkedAt = now;
    this.#reload(false);
  }

  #reload(initial: boolean) {
    let stamp: string;
    try {
      const stat = statSync(this.file, { bigint: true });
      stamp = `${stat.ino}:${stat.size}:${stat.mtimeNs}`;
    } catch (error) {
      return this.#fail(`cannot read ${this.file}: ${(error as Error).message}`, initial);
    }
    if (stamp === this.#stamp) return;
    try {
      const parsed = TokensFile.parse(JSON.parse(readFileSync(this.file, "utf8")));
      this.#entries = parsed.tokens.map((t) => ({ owner: t.owner, scopes: t.scopes, hash: Buffer.from(t.sha256, "hex") }));
      this.#stamp = stamp;
      this.#error = null;
    } catch (error) {
      this.#stamp = stamp;
      const detail = error instanceof z.ZodError ? error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") : (error as Error).message;
      this.#fail(`${this.file} does not parse: ${detail}`, initial);
    }
  }

  #fail(message: string, initial: boolean) {
    if (initial) throw new ConfigError(`DS_TOKENS_FILE: ${message}`);
    this.#error = message;
    this.onError(message);
  }
}
