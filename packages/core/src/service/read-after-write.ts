import { hasErrorCode } from "../errors/deployment-sets-error.js";

/** The pauses before each new try of a read that answers a committed write (about 3.75 s in all). */
const RETRY_DELAYS_MS = [50, 200, 500, 1_000, 2_000] as const;

/**
 * Runs a read that builds the answer to a write that has already committed (a clone read back with its members, an
 * update with its counts). The write cannot be taken back, so a passing storage hiccup must not answer
 * `storage_unavailable`, whose promise is that nothing changed: that error is retried a few times, with growing
 * pauses, before it is let through. Other errors pass at once.
 *
 * @param read - the read; run at most six times
 */
export async function readAfterWrite<T>(read: () => Promise<T>): Promise<T> {
  for (const delay of RETRY_DELAYS_MS) {
    try {
      return await read();
    } catch (error) {
      if (!hasErrorCode(error, "storage_unavailable")) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
  return read();
}
