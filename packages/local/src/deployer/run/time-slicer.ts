/**
 * Lets synchronous work share the event loop: {@link TimeSlicer.pause} yields (through `setImmediate`) once
 * the current slice has run for `sliceMs`, so other requests are served between slices.
 */
export class TimeSlicer {
  readonly #sliceMs: number;
  #sliceStart = performance.now();

  /** @param sliceMs - the longest a slice runs before yielding */
  constructor(sliceMs: number) {
    this.#sliceMs = sliceMs;
  }

  /** Yields to the event loop when the slice is used up; otherwise returns at once. */
  async pause(): Promise<void> {
    if (performance.now() - this.#sliceStart < this.#sliceMs) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.#sliceStart = performance.now();
  }
}
