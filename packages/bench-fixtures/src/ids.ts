import type { Random } from "./random.js";

/** Hands out distinct ids shaped like production ids. */
export type IdFactory = () => string;

/**
 * Ids as production assigns them: 32 lowercase hex characters, a v4 UUID without dashes (version nibble `4`,
 * variant nibble `8`..`b`), drawn from `random` and never repeated by one factory.
 */
export function createIdFactory(random: Random): IdFactory {
  const issued = new Set<string>();
  return () => {
    for (;;) {
      let hex = "";
      for (let word = 0; word < 4; word++) hex += random.int(0x1_0000_0000).toString(16).padStart(8, "0");
      const variant = "89ab"[random.int(4)]!;
      const id = `${hex.slice(0, 12)}4${hex.slice(13, 16)}${variant}${hex.slice(17)}`;
      if (!issued.has(id)) {
        issued.add(id);
        return id;
      }
    }
  };
}
