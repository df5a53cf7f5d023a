import { describe, expect, it } from "vitest";
import { sample, sampleAsync } from "./sample.js";

describe("sample", () => {
  it("warms up untimed, then times each run and records its value outside the timer", () => {
    let calls = 0;
    const recorded: number[] = [];
    const samples = sample(() => ++calls, { warmup: 3, runs: 5, record: (value) => recorded.push(value) });
    expect(calls).toBe(8);
    expect(recorded).toEqual([4, 5, 6, 7, 8]);
    expect(samples.ms).toHaveLength(5);
    expect(samples.ms.every((ms) => ms >= 0)).toBe(true);
    expect(samples.cpuMs).toEqual([]);
  });

  it("reads the CPU clock only when asked", () => {
    const samples = sample(() => undefined, { runs: 4, cpu: true });
    expect(samples.cpuMs).toHaveLength(4);
  });
});

describe("sampleAsync", () => {
  it("runs one call at a time, each timed until it settles", async () => {
    let running = 0;
    let overlapped = false;
    const samples = await sampleAsync(
      async () => {
        overlapped ||= running > 0;
        running++;
        await new Promise((resolve) => setTimeout(resolve, 5));
        running--;
      },
      { warmup: 1, runs: 3 },
    );
    expect(overlapped).toBe(false);
    expect(samples.ms).toHaveLength(3);
    expect(Math.min(...samples.ms)).toBeGreaterThanOrEqual(4);
  });
});
