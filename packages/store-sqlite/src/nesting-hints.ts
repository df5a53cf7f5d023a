/**
 * The single roots last seen nesting a set. Reading one of them again goes straight to the graph walk, one
 * statement, where reading the root's own row first would find a nested set and need the walk anyway (two
 * statements, the first wasted: about a fifth of resolving a small nested set). A hint only chooses between two
 * complete, owner-scoped reads, so a stale one costs a statement, never a wrong answer. Bounded: forgotten
 * wholesale when full.
 */
export class NestingHints {
  readonly #nesting = new Set<string>();
  readonly #limit: number;

  /** @param limit - how many roots to remember at most */
  constructor(limit = 4_096) {
    this.#limit = limit;
  }

  /** Whether `rootId` nested a set when last read. */
  nests(rootId: string): boolean {
    return this.#nesting.has(rootId);
  }

  /** Records what a read of `rootId` found. */
  record(rootId: string, nests: boolean): void {
    if (!nests) {
      this.#nesting.delete(rootId);
      return;
    }
    if (this.#nesting.size >= this.#limit) this.#nesting.clear();
    this.#nesting.add(rootId);
  }
}
