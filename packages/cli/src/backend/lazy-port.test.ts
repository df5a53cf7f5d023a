import { describe, expect, it } from "vitest";
import { lazyPort } from "./lazy-port.js";

describe("lazyPort", () => {
  it("loads on the first call, once, and never when only held or awaited", async () => {
    let loads = 0;
    const lazy = lazyPort(async () => {
      loads++;
      return { double: async (n: number) => n * 2 };
    });
    await Promise.resolve(lazy.port);
    expect(loads).toBe(0);
    expect(lazy.loaded()).toBeUndefined();
    expect(await Promise.all([lazy.port.double(2), lazy.port.double(5)])).toEqual([4, 10]);
    expect(loads).toBe(1);
    expect(lazy.loaded()).toBeDefined();
  });

  it("passes a failed load to every caller", async () => {
    const lazy = lazyPort<{ read(): Promise<string> }>(async () => {
      throw new Error("no collection found");
    });
    await expect(lazy.port.read()).rejects.toThrow("no collection found");
  });
});
