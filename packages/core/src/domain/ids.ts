/** A 32-character lowercase hex id (a v4 UUID without dashes). */
export const ID_PATTERN = /^[0-9a-f]{32}$/;

/** True when `value` has the shape of a system-assigned id. */
export function isId(value: string): boolean {
  return ID_PATTERN.test(value);
}

/** A fresh system id: a v4 UUID without dashes (Web Crypto, so core needs no Node module). */
export function newId(): string {
  return globalThis.crypto.randomUUID().replaceAll("-", "");
}
