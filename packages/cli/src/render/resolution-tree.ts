import type { Resolution } from "@deployment-sets/client";
import type { Colors } from "../output.js";

interface Node {
  label: string;
  readonly name: string;
  readonly children: Node[];
}

/**
 * A resolution as a tree: the root set, then each nested set or group an artifact came through, each artifact under
 * the path that brought it in (its `source_path`), in resolution order; then the missing references, flagged.
 * A path names sets and groups alike: a node holding only artifacts whose name is one of `groupNames` is marked
 * as the group it most likely is (a group never holds sets).
 */
export function resolutionTree(resolution: Resolution, colors: Colors, groupNames: ReadonlySet<string>): string {
  const root: Node = { label: colors.bold(resolution.set_name), name: resolution.set_name, children: [] };
  const nodes = new Map<string, Node>();
  for (const artifact of resolution.resolved_artifacts) {
    let parent = root;
    let key = "";
    for (const segment of artifact.source_path.slice(1)) {
      key += `\u0000${segment}`;
      let node = nodes.get(key);
      if (!node) {
        node = { label: colors.cyan(segment), name: segment, children: [] };
        nodes.set(key, node);
        parent.children.push(node);
      }
      parent = node;
    }
    parent.children.push({ label: `${colors.dim(`${artifact.artifact_type}:`)}${artifact.artifact_name}`, name: "", children: [] });
  }
  for (const node of nodes.values()) {
    if (groupNames.has(node.name) && node.children.every((child) => child.children.length === 0 && child.name === "")) {
      node.label = `${node.label} ${colors.dim("(group)")}`;
    }
  }
  const lines = [root.label];
  draw(root.children, "", lines);
  const dropped = resolution.duplicates_dropped;
  lines.push(
    "",
    `${resolution.total_count} artifact${resolution.total_count === 1 ? "" : "s"}` +
      (dropped > 0 ? `, ${dropped} duplicate${dropped === 1 ? "" : "s"} dropped` : "") +
      (resolution.missing.length > 0 ? `, ${colors.red(`${resolution.missing.length} missing`)}` : ""),
  );
  for (const missing of resolution.missing) {
    lines.push(`${colors.red("✗ missing")} ${missing.kind} ${missing.id} (in ${missing.path.join(" › ")})`);
  }
  return lines.join("\n");
}

function draw(children: readonly Node[], indent: string, lines: string[]): void {
  children.forEach((child, index) => {
    const last = index === children.length - 1;
    lines.push(`${indent}${last ? "└─ " : "├─ "}${child.label}`);
    draw(child.children, `${indent}${last ? "   " : "│  "}`, lines);
  });
}
