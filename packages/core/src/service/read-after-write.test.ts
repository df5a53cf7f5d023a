import { describe, expect, it } from "vitest";
import { SetNotFoundError, StorageUnavailableError } from "../errors/errors.js";
import { readAfterWrite } from "./read-after-write.js";

/** A read that fails with `errors` in turn, then answers `value`; counts its calls. */
function flaky<T>(errors: Error[], value: T) {
  const read = async () => {
    read.calls++;
    const error = errors.shift();
    if (error) throw error;
    return value;
  };
  read.calls = 0;
  return read;
}

describe("readAfterWrite", () => {
  it("tries again while storage is unavailable, then answers", async () => {
    const read = flaky([new StorageUnavailableError(), new StorageUnavailableError()], "details");
    await expect(readAfterWrite(read)).resolves.toBe("details");
    expect(read.calls).toBe(3);
  });

  it("lets any other error through at once", async () => {
    const read = flaky([new SetNotFoundError("x")], "details");
    await expect(readAfterWrite(read)).rejects.toBeInstanceOf(SetNotFoundError);
    expect(read.calls).toBe(1);
  });

  it("gives up after six tries", async () => {
    const read = flaky(Array.from({ length: 10 }, () => new StorageUnavailableError()), "details");
    await expect(readAfterWrite(read)).rejects.toBeInstanceOf(StorageUnavailableError);
    expect(read.calls).toBe(6);
  }, 10_000);
});
