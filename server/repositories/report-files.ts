import fs from 'node:fs';
import path from 'node:path';

export type ReportFormat = 'docx' | 'html';

/**
 * Generated reports on disk (DATA_DIR/reports). A file is written under a temporary name and
 * renamed, so a reader never sees half a report and a crash leaves no truncated file behind.
 */
export function createReportFiles(dir: string) {
  const file = (base: string, format: ReportFormat) => {
    // Names are made by the service from ids and days; refuse anything else rather than trust it.
    if (!/^[A-Za-z0-9_-]+$/.test(base)) throw new Error(`bad report file name ${base}`);
    return path.join(dir, `${base}.${format}`);
  };
  return {
    dir,
    write(base: string, format: ReportFormat, bytes: Buffer | string): number {
      fs.mkdirSync(dir, { recursive: true });
      const target = file(base, format);
      const tmp = `${target}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, bytes);
      fs.renameSync(tmp, target);
      return fs.statSync(target).size;
    },
    /** The file's bytes, or null when it is gone (deleted by hand, or a different DATA_DIR). */
    read(base: string, format: ReportFormat): Buffer | null {
      try {
        return fs.readFileSync(file(base, format));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    },
  };
}

export type ReportFiles = ReturnType<typeof createReportFiles>;
