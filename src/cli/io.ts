/**
 * Where commands write: human text to stdout, progress to stderr (only on a terminal), and with --json one
 * final line holding the results. Colour only on a terminal, never when piped or when NO_COLOR is set.
 */
export interface Io {
  /** A line of human-readable output. */
  print(line?: string): void;
  /** A progress bar on stderr when it is a terminal; silent otherwise. */
  progress(label: string, total: number): Progress;
  readonly color: boolean;
  readonly json: boolean;
}

export interface Progress {
  tick(done?: number, note?: string): void;
  done(): void;
}

const silent: Progress = { tick() {}, done() {} };

export function terminalIo(json: boolean): Io {
  const tty = process.stderr.isTTY === true;
  return {
    json,
    color: process.stdout.isTTY === true && !process.env.NO_COLOR,
    print: (line = "") => process.stdout.write(line + "\n"),
    progress: (label, total) => (tty ? bar(label, total) : silent),
  };
}

function bar(label: string, total: number): Progress {
  let count = 0;
  const start = Date.now();
  let last = 0;
  const draw = (note: string) => {
    const width = 28;
    const frac = total > 0 ? Math.min(count / total, 1) : 1;
    const filled = Math.round(frac * width);
    const secs = ((Date.now() - start) / 1000).toFixed(1);
    process.stderr.write(
      `\r${label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${count}/${total} ${secs}s ${note}\x1b[K`,
    );
  };
  return {
    tick(done, note = "") {
      count = done ?? count + 1;
      const now = Date.now();
      if (now - last > 80 || count >= total) {
        last = now;
        draw(note);
      }
    },
    done() {
      process.stderr.write("\r\x1b[K");
    },
  };
}

/** An Io that collects lines, for tests. */
export function memoryIo(json = false): Io & { lines: string[] } {
  const lines: string[] = [];
  return { json, color: false, lines, print: (l = "") => lines.push(l), progress: () => silent };
}

export function colour(io: Io, code: number, text: string): string {
  return io.color ? `\x1b[${code}m${text}\x1b[0m` : text;
}

/** `tapegrad … | head` closes stdout early: end quietly, as Unix tools do, instead of crashing with EPIPE. */
export function exitQuietlyOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (e: NodeJS.ErrnoException) => {
      if (e.code === "EPIPE") process.exit(0);
      throw e;
    });
  }
}
