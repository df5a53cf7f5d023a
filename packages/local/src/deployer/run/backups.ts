import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { OWN_FOLDER } from "../tracking/ledgers.js";

/**
 * Where `force` keeps what it replaces or removes: `<profile root>/.deployment-sets/backups/<time>/`, one folder
 * per run, each backup at its path relative to the project (so `.mcp.json` is kept as
 * `.claude/.deployment-sets/backups/<time>/.mcp.json`).
 */
export class Backups {
  readonly #realProject: string;
  readonly #relativeFolder: string;

  /**
   * @param realProject - the project's real path
   * @param rootName - the profile root's name (`.claude`)
   * @param now - the run's time, which names its folder
   */
  constructor(realProject: string, rootName: string, now: Date) {
    this.#realProject = realProject;
    this.#relativeFolder = `${rootName}/${OWN_FOLDER}/backups/${now.toISOString().replace(/[:.]/g, "-")}`;
  }

  /**
   * Copies the file or folder at `relative` (relative to the project) into the backup folder.
   * @returns the backup's path relative to the project
   */
  copy(relative: string): string {
    const target = `${this.#relativeFolder}/${relative}`;
    const absolute = join(this.#realProject, target);
    mkdirSync(dirname(absolute), { recursive: true });
    cpSync(join(this.#realProject, relative), absolute, { recursive: true, errorOnExist: false, force: true, preserveTimestamps: true, dereference: false });
    return target;
  }

  /**
   * Saves `text` as the backup of `relative` (a config file as it was before this run changed it).
   * @returns the backup's path relative to the project
   */
  save(relative: string, text: string): string {
    const target = `${this.#relativeFolder}/${relative}`;
    const absolute = join(this.#realProject, target);
    mkdirSync(dirname(absolute), { recursive: true });
    writeFileSync(absolute, text, { flag: "w" });
    return target;
  }
}
