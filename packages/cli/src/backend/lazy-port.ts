/**
 * A port whose adapter is loaded on its first call: every method of `T` must return a promise. Commands that never
 * touch the collection (`sets list`, `sets create`) then never load or scan it, which keeps the CLI's start fast.
 */
export function lazyPort<T extends object>(load: () => Promise<T>): { readonly port: T; readonly loaded: () => T | undefined } {
  let pending: Promise<T> | undefined;
  let value: T | undefined;
  const get = () =>
    (pending ??= load().then((loaded) => {
      value = loaded;
      return loaded;
    }));
  const call =
    (method: keyof T) =>
    async (...args: unknown[]): Promise<unknown> => {
      const target = await get();
      return (target[method] as (...a: unknown[]) => unknown).apply(target, args);
    };
  // Not a thenable: awaiting the port must not load it.
  const port = new Proxy({} as T, { get: (_target, method) => (method === "then" ? undefined : call(method as keyof T)) });
  return { port, loaded: () => value };
}
