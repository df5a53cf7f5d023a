import type { Resolution } from "@deployment-sets/client";
import type { Colors } from "../output.js";

interface Node {
  readonly label: string;
  readonly children: Node[];
}

/**
 * A resolution as a tree: the root set, then each nested set or group an artifact came through, each artifact under
 * the path that brought it in (its `source_path`), in resolution order; then the missing references, flagged.
 */
export function resolutionTree(resolution: Resolution, colors: Colors): string {
  const root: Node = { label: colors.bold(resolution.set_name), children: [] };
  const nodes = new Map<string, Node>();
  for (const artifact of resolution.resolved_artifacts) {
    let parent = root;
    let key = "";
    for (const segment of artifact.source_path.slice(1)) {
      key += `\u0000${segment}`;
      let node = nodes.get(key);
      if (!node) {
        node = { label: colors.cyan(segment), children: [] };
        nodes.set(key, node);
        parent.children.push(node);
      }
      parent = node;
    }
    parent.children.push({ label: `${colors.dim(`${artifact.artifact_type}:`)}${artifact.artifact_name}`, children: [] });
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
