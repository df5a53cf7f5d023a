import cliProgress from "cli-progress";
import yoctoSpinner from "yocto-spinner";
import type { Output } from "../output.js";

/** Something that shows a long operation is alive, on stderr; stopped before the result is printed. */
export interface Indicator {
  /** Progress: `done` of `total` artifacts written. */
  update(done: number, total: number): void;
  stop(): void;
}

const QUIET: Indicator = { update() {}, stop() {} };

/**
 * A progress bar once more artifacts are being written than fit on a screen (embedded mode, which reports each
 * write), a spinner while a server works (remote mode, which answers at the end); nothing off a terminal or with
 * `--json`.
 */
export function deployIndicator(out: Output, mode: "embedded" | "remote", label: string): Indicator {
  const stream = out.progress as NodeJS.WriteStream;
  // Both draw with the terminal's cursor functions: a stream without them (a terminal-like pipe) gets no indicator.
  if (!out.interactive || typeof stream.cursorTo !== "function") return QUIET;
  if (mode === "remote") {
    const spinner = yoctoSpinner({ text: label, stream }).start();
    return { update() {}, stop: () => void spinner.stop() };
  }
  const screenful = stream.rows ?? 24;
  let bar: cliProgress.SingleBar | undefined;
  return {
    update(done, total) {
      if (total <= screenful) return;
      if (!bar) {
        bar = new cliProgress.SingleBar(
          { format: `${label} [{bar}] {value}/{total}`, stream, hideCursor: true, clearOnComplete: true },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, 0);
      }
      bar.update(done);
    },
    stop: () => bar?.stop(),
  };
}
