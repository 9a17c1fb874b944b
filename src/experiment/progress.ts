import { SingleBar } from 'cli-progress';

/** How progress is shown: a bar (terminal), periodic lines (logs), or nothing. */
export type ProgressMode = 'bar' | 'lines' | 'none';

/** Reports runs done as they finish. */
export interface Progress {
  /** Counts one more finished run (failed or not). */
  tick(failed: boolean): void;
  /** Prints a line above the bar (or as a plain line). */
  note(line: string): void;
  /** Ends the display. */
  stop(): void;
}

/** Returns `s` seconds as e.g. `42s`, `3m05s`, `1h02m`. */
export function formatDuration(s: number): string {
  if (!Number.isFinite(s)) return '?';
  const t = Math.round(s);
  if (t < 60) return `${t}s`;
  if (t < 3600) return `${Math.floor(t / 60)}m${String(t % 60).padStart(2, '0')}s`;
  return `${Math.floor(t / 3600)}h${String(Math.floor((t % 3600) / 60)).padStart(2, '0')}m`;
}

/**
 * Returns a progress display for `total` runs of which `already` are done
 * (a resumed directory): runs done/total, runs per second over this
 * session, ETA and failures. `bar` draws a cli-progress bar on stderr;
 * `lines` writes a plain line through `log` at most every `everySeconds`
 * and at the end; `none` shows nothing.
 */
export function makeProgress(mode: ProgressMode, total: number, already: number, log: (line: string) => void, everySeconds = 10, now = () => Date.now()): Progress {
  const started = now();
  let done = already;
  let failed = 0;
  const stats = () => {
    const secs = (now() - started) / 1000;
    const rate = secs > 0 ? (done - already) / secs : 0;
    const eta = rate > 0 ? (total - done) / rate : Infinity;
    return { rate, eta };
  };
  if (mode === 'none') return { tick: () => {}, note: () => {}, stop: () => {} };
  if (mode === 'lines') {
    let last = started;
    const line = () => {
      const { rate, eta } = stats();
      log(`runs ${done}/${total} (${Math.floor((100 * done) / total)}%), ${rate.toFixed(2)} runs/s, ETA ${formatDuration(eta)}, ${failed} failed`);
    };
    return {
      tick(f) {
        done++;
        if (f) failed++;
        if (now() - last >= everySeconds * 1000 || done === total) {
          last = now();
          line();
        }
      },
      note: log,
      stop() {
        if (done !== total) line();
      },
    };
  }
  const bar = new SingleBar({
    format: '{bar} {value}/{total} runs | {rate} runs/s | ETA {etaText} | {failed} failed',
    stream: process.stderr,
    hideCursor: true,
    barsize: 30,
  });
  bar.start(total, done, { rate: '0.00', etaText: '?', failed: 0 });
  return {
    tick(f) {
      done++;
      if (f) failed++;
      const { rate, eta } = stats();
      bar.update(done, { rate: rate.toFixed(2), etaText: formatDuration(eta), failed });
    },
    note(l) {
      // Clear the bar's line, print, and let the next update redraw it.
      process.stderr.write(`\r\x1b[K${l}\n`);
      bar.render();
    },
    stop: () => bar.stop(),
  };
}
