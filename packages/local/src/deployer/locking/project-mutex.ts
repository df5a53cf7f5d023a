// One queue per key for the whole process, shared by every FilesystemDeployer instance.
const tails = new Map<string, Promise<void>>();

/**
 * Runs `task` once every earlier task queued under `key` has finished: an async mutex serialising deploys into
 * one project within this process (the lock file serialises processes). Tasks run in the order they were queued.
 *
 * @param key - the real path of the project's lock file
 * @param task - the work to run alone
 */
export async function withProjectMutex<T>(key: string, task: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve();
  let release!: () => void;
  const done = new Promise<void>((resolve) => (release = resolve));
  const tail = previous.then(() => done);
  tails.set(key, tail);
  await previous;
  try {
    return await task();
  } finally {
    release();
    if (tails.get(key) === tail) tails.delete(key);
  }
}
