import cliProgress from 'cli-progress';
import type { CrawlProgress } from './crawl-source';

/**
 * One progress bar per running crawl, on stderr so stdout stays clean for piping. Bars are
 * removed when their crawl ends; the display itself stops when no crawl is running.
 */
export function createProgressDisplay(stream: NodeJS.WriteStream = process.stderr) {
  let multi: cliProgress.MultiBar | null = null;
  let active = 0;

  function ensure(): cliProgress.MultiBar {
    multi ??= new cliProgress.MultiBar(
      {
        stream,
        format: ' {source} |{bar}| {value}/{total} items | new {new} · dup {duplicate} · failed {failed}',
        hideCursor: true,
        clearOnComplete: false,
        // Without a TTY (CI, systemd) the bars would be noise; the log lines carry the same facts.
        noTTYOutput: false,
        barsize: 24,
      },
      cliProgress.Presets.shades_classic,
    );
    return multi;
  }

  return {
    /** Prints a line above the bars when they are shown, plainly otherwise. */
    write(line: string) {
      if (multi && active > 0) multi.log(line.endsWith('\n') ? line : `${line}\n`);
      else stream.write(line);
    },
    /** Runs one crawl with a bar that follows its onProgress reports. */
    async track<T>(sourceId: string, crawl: (onProgress: (p: CrawlProgress) => void) => Promise<T>): Promise<T> {
      if (!stream.isTTY) return crawl(() => undefined);
      const display = ensure();
      active += 1;
      const bar = display.create(0, 0, { source: sourceId.padEnd(16), new: 0, duplicate: 0, failed: 0 });
      try {
        return await crawl((p) => {
          bar.setTotal(Math.max(p.total, 1));
          bar.update(p.done, { new: p.stats.new, duplicate: p.stats.duplicate, failed: p.stats.failed });
        });
      } finally {
        display.remove(bar);
        active -= 1;
        if (active === 0) {
          display.stop();
          multi = null;
        }
      }
    },
  };
}
