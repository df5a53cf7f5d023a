import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** The folders of the security run: one allowed root, and what lies around it. */
export interface PathLayout {
  /** The scratch folder holding everything. */
  readonly dir: string;
  /** The server's state (database, tokens file): left out of the "nothing written" snapshots. */
  readonly state: string;
  /** The only allowed project root (`DS_PROJECT_ROOTS`). */
  readonly root: string;
  /** A project inside the root, where alice's set is deployed. */
  readonly project: string;
  /** A project inside the root whose `.claude` folder is a link to `outside/claude-target`. */
  readonly linkedProject: string;
  /** A folder outside the root with a file, a sub-folder and the linked project's `.claude` target. */
  readonly outside: string;
}

/** Creates the layout under `dir`, links included. */
export function makeLayout(dir: string): PathLayout {
  const layout = {
    dir,
    state: join(dir, "state"),
    root: join(dir, "root"),
    project: join(dir, "root", "project"),
    linkedProject: join(dir, "root", "linked-project"),
    outside: join(dir, "outside"),
  };
  for (const folder of [layout.state, layout.project, layout.linkedProject, join(layout.outside, "sub"), join(layout.outside, "claude-target"), join(dir, "root-sibling")]) {
    mkdirSync(folder, { recursive: true });
  }
  writeFileSync(join(layout.outside, "keep.txt"), "outside\n");
  symlinkSync(layout.outside, join(layout.root, "escape"));
  symlinkSync(join(layout.outside, "claude-target"), join(layout.linkedProject, ".claude"));
  return layout;
}

/** A project path that must be refused, the kind of attempt it is, and the problem code the server answers. */
export interface BadPath {
  readonly name: string;
  readonly kind: "outside" | "symlink" | "traversal";
  readonly path: string;
  readonly code: "project_path_forbidden" | "project_path_invalid";
}

/**
 * Every way out of the root the suite tries: folders outside it (existing or not), links inside it leading out
 * (as the project and as a folder on the way), `..` segments (leading out, existing or not), and relative paths.
 * Outside the root is 403 `project_path_forbidden` whether the path exists or not; a relative path is 422
 * `project_path_invalid` (not absolute).
 */
export function badPaths(layout: PathLayout): BadPath[] {
  const { dir, root, outside } = layout;
  const forbidden = (name: string, kind: BadPath["kind"], path: string): BadPath => ({ name, kind, path, code: "project_path_forbidden" });
  return [
    forbidden("an existing folder outside", "outside", outside),
    forbidden("a missing folder outside", "outside", join(outside, "missing")),
    forbidden("the root's parent", "outside", dir),
    forbidden("a sibling sharing the root's prefix", "outside", `${root}-sibling`),
    forbidden("the file system's root", "outside", "/"),
    forbidden("a file outside", "outside", join(outside, "keep.txt")),
    forbidden("a link in the root leading out, as the project", "symlink", join(root, "escape")),
    forbidden("a link in the root leading out, as a folder on the way", "symlink", join(root, "escape", "sub")),
    forbidden("a link in the root leading out, to a missing folder", "symlink", join(root, "escape", "missing")),
    forbidden("a link in the root leading out, then ..", "symlink", `${root}/escape/sub/..`),
    forbidden(".. out of the root to an existing folder", "traversal", `${root}/../outside`),
    forbidden(".. out of the root to a missing folder", "traversal", `${root}/project/../../outside/missing`),
    forbidden(".. far past the file system's root", "traversal", `${root}/../../../../../../../../etc`),
    forbidden(".. with a trailing slash and dots", "traversal", `${root}/./../outside/./`),
    forbidden(".. doubled slashes", "traversal", `${root}//..//outside`),
    { name: "a relative path leading out", kind: "traversal", path: "../outside", code: "project_path_invalid" },
    { name: "a relative path naming the root", kind: "traversal", path: "root/project", code: "project_path_invalid" },
  ];
}
