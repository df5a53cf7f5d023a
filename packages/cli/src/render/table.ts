import Table from "cli-table3";
import type { Colors } from "../output.js";

const NO_BORDERS = {
  top: "", "top-mid": "", "top-left": "", "top-right": "",
  bottom: "", "bottom-mid": "", "bottom-left": "", "bottom-right": "",
  left: "", "left-mid": "", mid: "", "mid-mid": "",
  right: "", "right-mid": "", middle: "  ",
};

/** A borderless table (columns two spaces apart, a bold header), as lines without trailing spaces. */
export function table(colors: Colors, head: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  const out = new Table({
    head: head.map((title) => colors.bold(title)),
    chars: NO_BORDERS,
    style: { head: [], border: [], "padding-left": 0, "padding-right": 0 },
  });
  for (const row of rows) out.push(row.map((cell) => (cell === null || cell === undefined ? "" : String(cell))));
  return out
    .toString()
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n");
}
