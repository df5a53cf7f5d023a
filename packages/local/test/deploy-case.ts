import { appendFile, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { parse } from "smol-toml";
import type { Artifact, DeployProfile, DeployResult } from "@deployment-sets/core";
import { contentHash, FilesystemDeployer, PROFILES, destinationPath } from "../src/deployer/index.js";
import { isFolderType, makeTemp, removeTemp, request, writeSource } from "./deployer-fixtures.js";

/** A collection, a project and a deployer in temp folders, for one artifact-centred test. */
export class DeployCase {
  readonly deployer: FilesystemDeployer;
  readonly #base: string;

  private constructor(
    base: string,
    readonly collection: string,
    readonly project: string,
    readonly profile: DeployProfile,
  ) {
    this.#base = base;
    this.deployer = new FilesystemDeployer({ collectionRoot: collection, allowedRoots: [project] });
  }

  /** Makes the folders. */
  static async create(profile: DeployProfile = "claude_code"): Promise<DeployCase> {
    const base = await makeTemp();
    const collection = join(base, "collection");
    const project = join(base, "project");
    await mkdir(collection);
    await mkdir(project);
    return new DeployCase(base, collection, project, profile);
  }

  /** Removes the folders. */
  async dispose(): Promise<void> {
    await removeTemp(this.#base);
  }

  /** The folder holding the collection and the project (for "nothing written outside" checks). */
  get base(): string {
    return this.#base;
  }

  /** The profile root. */
  get root(): string {
    return join(this.project, PROFILES[this.profile].root);
  }

  /** Writes `version` of the artifact's source and returns its content hash. */
  async source(item: Artifact, version: string, options?: { files?: number; size?: number }): Promise<string> {
    await writeSource(this.collection, item, version, options);
    return contentHash(join(this.collection, item.path));
  }

  /** The absolute destination of `item`. */
  destination(item: Artifact): string {
    return join(this.root, destinationPath(this.profile, item.type, item.name)!);
  }

  /** The destination's content hash, `null` when absent. */
  async destinationHash(item: Artifact): Promise<string | null> {
    try {
      return await contentHash(this.destination(item));
    } catch {
      return null;
    }
  }

  /** Edits the deployed copy (appends to one of its files) and returns the new hash. */
  async editDestination(item: Artifact, text = "local edit\n"): Promise<string> {
    const destination = this.destination(item);
    const file = isFolderType(item.type) ? join(destination, (await readdir(destination)).find((name) => name.endsWith(".md") || name.endsWith(".json"))!) : destination;
    await appendFile(file, text);
    return contentHash(destination);
  }

  /** Puts content at the destination that no deploy wrote, and returns its hash. */
  async placeForeign(item: Artifact): Promise<string> {
    const destination = this.destination(item);
    await mkdir(isFolderType(item.type) ? destination : dirname(destination), { recursive: true });
    await writeFile(isFolderType(item.type) ? join(destination, "mine.md") : destination, "hand-made\n");
    return contentHash(destination);
  }

  /** Deploys (or plans) `items`. */
  async run(items: readonly Artifact[], options: { force?: boolean; dryRun?: boolean; setId?: string } = {}): Promise<readonly DeployResult[]> {
    const req = request(this.project, items, { profile: this.profile, ...options });
    return options.dryRun ? this.deployer.plan(req) : this.deployer.deploy(req);
  }

  /**
   * Deploys `items`, then again a clock tick later, and returns the second deploy's results. A deploy records a
   * destination's fingerprint only for files older than the tracking file's own timestamp, so files written in
   * its clock tick get theirs on the next deploy: after this, every destination is fingerprinted.
   */
  async runUntilFingerprinted(items: readonly Artifact[], options: { setId?: string } = {}): Promise<readonly DeployResult[]> {
    await this.run(items, options);
    await new Promise((resolve) => setTimeout(resolve, 20));
    return this.run(items, options);
  }

  /** The tracking file's `[[deployed]]` records (empty when there is no file). */
  async records(): Promise<Record<string, unknown>[]> {
    const document = await this.tracking();
    return (document?.["deployed"] as Record<string, unknown>[] | undefined) ?? [];
  }

  /** The parsed tracking file, `null` when absent. */
  async tracking(): Promise<Record<string, unknown> | null> {
    try {
      return parse(await readFile(join(this.root, ".skillmeat-deployed.toml"), "utf8")) as Record<string, unknown>;
    } catch (error) {
      if ((error as { code?: string }).code === "ENOENT") return null;
      throw error;
    }
  }

  /** The record of `item` for this profile, if any. */
  async record(item: Artifact): Promise<Record<string, unknown> | undefined> {
    return (await this.records()).find(
      (r) => r["artifact_name"] === item.name && r["artifact_type"] === item.type && r["deployment_profile_id"] === this.profile,
    );
  }
}
