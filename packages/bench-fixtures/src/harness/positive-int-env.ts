/**
 * The integer in environment variable `name`, at least `min`; `fallback` when it is unset or empty. Lets a bench
 * be shrunk for a quick smoke run (e.g. `BENCH_DEPLOY_RUNS=3`).
 *
 * @throws Error when the variable is set to anything else than an integer `>= min`
 */
export function positiveIntEnv(name: string, fallback: number, min = 1): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer >= ${min}, got ${raw}`);
  return value;
}
