import { randomBytes } from "node:crypto";
import pg from "pg";

/** `<prefix>_<12 random hex>`: a database or schema name no other run uses. */
export function randomName(prefix: string): string {
  return `${prefix}_${randomBytes(6).toString("hex")}`;
}

/** `url` pointing at database `name` instead. */
export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** Runs `work` on a fresh client of `url`, then ends it. */
export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates database `name` through the server of `adminUrl` and returns its URL. */
export async function createDatabase(adminUrl: string, name: string): Promise<string> {
  await withClient(adminUrl, (client) => client.query(`create database "${name}"`));
  return withDatabase(adminUrl, name);
}

/** Drops database `name`, closing whatever connections are still open on it. */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withClient(adminUrl, (client) => client.query(`drop database if exists "${name}" with (force)`));
}

/** Drops schema `name` of the database at `url` and everything in it. */
export async function dropSchema(url: string, name: string): Promise<void> {
  await withClient(url, (client) => client.query(`drop schema if exists "${name}" cascade`));
}
