import { appendFile, cp, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { parse } from "smol-toml";
import type { Artifact, DeployProfile, DeployResult } from "@deployment-sets/core";
import type { DeployRequest, UndeployRequest } from "@deployment-sets/core/ports";
import { CollectionCatalog } from "../src/catalog/index.js";
import { contentHash, FilesystemDeployer, OWN_TRACKING_FILE, PLACEMENTS, PROFILE_ROOTS, placementPath, type FilesystemDeployerOptions } from "../src/deployer/index.js";
import { isFolderType, makeTemp, removeTemp, request, sourcePathOf, STARTER_COLLECTION, writeSource } from "./deployer-fixtures.js";

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
    return join(this.project, PROFILE_ROOTS[this.profile]);
  }

  /** Writes `version` of the artifact's source and returns its content hash. */
  async source(item: Artifact, version: string, options?: { files?: number; size?: number }): Promise<string> {
    await writeSource(this.collection, item, version, options);
    return contentHash(join(this.collection, item.path));
  }

  /** The absolute destination of `item` (for a merged type, the config file it is merged into). */
  destination(item: Artifact): string {
    return join(this.project, this.label(item));
  }

  /** Where `item` lands relative to the project, as reports give it. */
  label(item: Artifact): string {
    return placementPath(this.profile, item.type, item.name)!;
  }

  /**
   * The destination's content hash, `null` when absent. For a hook (merged into `settings.json`), the hash of its
   * scripts folder, a copy of its source folder; see {@link DeployCase.hookGroups} for its entries.
   */
  async destinationHash(item: Artifact): Promise<string | null> {
    const placement = PLACEMENTS[this.profile][item.type];
    if (placement.kind === "merge" && placement.scriptsDir === undefined) throw new Error(`${item.type} is merged without files; read its entry`);
    const path = placement.kind === "merge" ? join(this.project, placement.scriptsDir!, item.name) : this.destination(item);
    try {
      return await contentHash(path);
    } catch {
      return null;
    }
  }

  /** The hook groups of `.claude/settings.json` whose matcher names `item` (as the fixtures write them). */
  async hookGroups(item: Artifact): Promise<Record<string, unknown>[]> {
    let settings: { hooks?: Record<string, Record<string, unknown>[]> };
    try {
      settings = JSON.parse(await readFile(join(this.project, ".claude/settings.json"), "utf8")) as typeof settings;
    } catch (error) {
      if ((error as { code?: string }).code === "ENOENT") return [];
      throw error;
    }
    return Object.values(settings.hooks ?? {}).flat().filter((group) => String(group["matcher"]).split("|").includes(item.name));
  }

  /** The entry of `.mcp.json` for the server named after `item`, `undefined` when absent. */
  async mcpServer(item: Artifact): Promise<unknown> {
    try {
      const document = JSON.parse(await readFile(join(this.project, ".mcp.json"), "utf8")) as { mcpServers?: Record<string, unknown> };
      return document.mcpServers?.[item.name];
    } catch (error) {
      if ((error as { code?: string }).code === "ENOENT") return undefined;
      throw error;
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
  async run(items: readonly Artifact[], options: { force?: boolean; prune?: boolean; dryRun?: boolean; setId?: string } = {}): Promise<readonly DeployResult[]> {
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

  /** The `[[deployed]]` records of both tracking files, SkillMeat's first (empty when there are none). */
  async records(): Promise<Record<string, unknown>[]> {
    const documents = [await this.tracking(), await this.tracking("own")];
    return documents.flatMap((document) => (document?.["deployed"] as Record<string, unknown>[] | undefined) ?? []);
  }

  /** Removes both tracking files, as if nothing had ever been recorded. */
  async forgetRecords(): Promise<void> {
    await rm(join(this.root, ".skillmeat-deployed.toml"), { force: true });
    await rm(join(this.root, OWN_TRACKING_FILE), { force: true });
  }

  /** A parsed tracking file (SkillMeat's, or this deployer's own), `null` when absent. */
  async tracking(which: "skillmeat" | "own" = "skillmeat"): Promise<Record<string, unknown> | null> {
    const file = which === "skillmeat" ? ".skillmeat-deployed.toml" : OWN_TRACKING_FILE;
    try {
      return parse(await readFile(join(this.root, file), "utf8")) as Record<string, unknown>;
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

/** An extra artifact for a {@link StarterCase}: its files, written to `<type folder>/<name>/` of the collection. */
export interface ExtraSource {
  readonly type: "mcp" | "hook" | "skill";
  readonly name: string;
  /** File name → text. */
  readonly files: Readonly<Record<string, string>>;
}

/**
 * A copy of the shipped starter collection (examples/starter-collection), plus `extra` artifacts listed in its
 * `collection.toml`, opened as a `CollectionCatalog`; an empty project folder and a folder outside it (for "nothing
 * written outside" checks), all in one temp folder.
 */
export class StarterCase {
  private constructor(
    readonly base: string,
    readonly collection: string,
    readonly project: string,
    readonly outside: string,
    readonly catalog: CollectionCatalog,
    readonly artifacts: ReadonlyMap<string, Artifact>,
  ) {}

  /** Copies the collection, writes the extra sources and opens the catalog. */
  static async create(extra: readonly ExtraSource[] = []): Promise<StarterCase> {
    const base = await makeTemp();
    const [collection, project, outside] = ["collection", "project", "outside"].map((name) => join(base, name)) as [string, string, string];
    await cp(STARTER_COLLECTION, collection, { recursive: true, preserveTimestamps: true });
    await mkdir(project);
    await mkdir(outside);
    let manifest = await readFile(join(collection, "collection.toml"), "utf8");
    for (const source of extra) {
      const folder = `${sourcePathOf(source.type, source.name)}/`;
      await mkdir(join(collection, folder), { recursive: true });
      for (const [file, text] of Object.entries(source.files)) await writeFile(join(collection, folder, file), text);
      manifest += `\n[[artifacts]]\nname = "${source.name}"\ntype = "${source.type}"\npath = "${folder}"\norigin = "local"\nadded = "2025-07-01T00:00:00Z"\n`;
    }
    await writeFile(join(collection, "collection.toml"), manifest);
    const catalog = await CollectionCatalog.open({ root: collection, refreshIntervalMs: 0 });
    const status = await catalog.status();
    if (!status.ok || status.warnings.length > 0) throw new Error(`the starter collection does not load cleanly: ${JSON.stringify(status)}`);
    const { items } = await catalog.listArtifacts({ limit: 500, offset: 0 });
    return new StarterCase(base, collection, project, outside, catalog, new Map(items.map((item) => [item.name, item])));
  }

  /** Removes the folders. */
  async dispose(): Promise<void> {
    this.catalog.close();
    await removeTemp(this.base);
  }

  /** A deployer over the collection, allowed to write into the project only. */
  deployer(options: Partial<FilesystemDeployerOptions> = {}): FilesystemDeployer {
    return new FilesystemDeployer({ collectionRoot: this.collection, allowedRoots: [this.project], ...options });
  }

  /** The catalog's artifacts with these names, in this order. */
  pick(...names: readonly string[]): Artifact[] {
    return names.map((name) => {
      const found = this.artifacts.get(name);
      if (!found) throw new Error(`no artifact named ${name} in the starter collection`);
      return found;
    });
  }

  /** A deploy request for the project. */
  request(profile: DeployProfile, setId: string, artifacts: readonly Artifact[], options: { force?: boolean; prune?: boolean } = {}): DeployRequest {
    return { setId, projectPath: this.project, profile, force: options.force ?? false, prune: options.prune ?? false, artifacts };
  }

  /** An undeploy request for the project. */
  undeployRequest(profile: DeployProfile, setId: string, options: { force?: boolean } = {}): UndeployRequest {
    return { setId, projectPath: this.project, profile, force: options.force ?? false };
  }

  /** Reads a file of the project (path relative to it) as text. */
  async read(relative: string): Promise<string> {
    return readFile(join(this.project, relative), "utf8");
  }

  /** Writes a file of the project (path relative to it), creating its folder. */
  async write(relative: string, text: string): Promise<void> {
    await mkdir(dirname(join(this.project, relative)), { recursive: true });
    await writeFile(join(this.project, relative), text);
  }
}
