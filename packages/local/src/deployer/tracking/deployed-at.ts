/**
 * `deployed_at` as SkillMeat writes it: ISO 8601 in the local time zone without an offset, with microseconds, like
 * Python's `datetime.now().isoformat()`. SkillMeat compares the `deployed_at` of every record of a project, and
 * comparing one with an offset to one without fails there, so records must not carry an offset.
 */
export function formatDeployedAt(date: Date): string {
  const pad = (value: number, width = 2) => String(value).padStart(width, "0");
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}000`
  );
}

/**
 * A record's `deployed_at` without an offset: a value this deployer wrote earlier with `+00:00` (or `Z`) is
 * rewritten in local time, so a project's records stay comparable for SkillMeat; anything else is kept.
 */
export function naiveDeployedAt(value: unknown): unknown {
  if (typeof value !== "string" || !/(?:[+-]\d\d:\d\d|Z)$/.test(value)) return value;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : formatDeployedAt(date);
}

/**
 * A record's `deployed_at` as an instant: a naive value (SkillMeat's, or this deployer's) is read in the local
 * time zone, as it was written; one with an offset as it says. `null` when it is missing or not a date.
 */
export function deployedAtInstant(value: unknown): Date | null {
  if (typeof value !== "string") return null;
  const naive = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?$/.exec(value);
  const date = naive
    ? new Date(+naive[1]!, +naive[2]! - 1, +naive[3]!, +naive[4]!, +naive[5]!, +naive[6]!, Math.floor(+(naive[7] ?? "0").padEnd(6, "0") / 1000))
    : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}
