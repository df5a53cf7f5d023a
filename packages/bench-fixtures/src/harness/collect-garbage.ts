/** A full garbage collection; benches that call it run under `node --expose-gc` (their `bench` script does). */
export function collectGarbage(): void {
  if (!globalThis.gc) throw new Error("run the bench with `node --expose-gc` (pnpm bench does)");
  globalThis.gc();
}
