import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Writes a collection of `count` command artifacts (`cmd-0000` ...) into `root`, in SkillMeat's format. */
export function writeCommandCollection(root: string, count: number): void {
  mkdirSync(join(root, "commands"), { recursive: true });
  const entries: string[] = ['[collection]\nname = "bench"\nversion = "1.0.0"\n'];
  for (let i = 0; i < count; i++) {
    const name = `cmd-${String(i).padStart(4, "0")}`;
    writeFileSync(join(root, "commands", `${name}.md`), `---\ndescription: bench command ${i}\n---\nRun step ${i}.\n`);
    entries.push(`[[artifacts]]\nname = "${name}"\ntype = "command"\npath = "commands/${name}.md"\norigin = "local"\n`);
  }
  writeFileSync(join(root, "collection.toml"), entries.join("\n"));
}
