import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';

/** Another live process holds the embedded database. */
export class DataDirLockedError extends Error {
  override readonly name = 'DataDirLockedError';
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but is not ours to signal — still alive.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Takes the embedded database's directory for this process: PGlite is one process's database, and a
 * second hall opening the same files would corrupt them. A lock left by a process that died (SIGKILL)
 * is taken over; one held by a live process is refused with what to do instead.
 */
export function lockDataDir(dataDir: string): void {
  const file = `${dataDir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      process.once('exit', () => {
        try {
          if (readFileSync(file, 'utf8') === String(process.pid)) unlinkSync(file);
        } catch {
          // already gone
        }
      });
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const holder = Number(readFileSync(file, 'utf8').trim());
    if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && alive(holder))
      throw new DataDirLockedError(
        `the embedded database in ${dataDir} is in use by process ${holder}: run one hall per DATA_DIR, or give every hall process the same DATABASE_URL (PostgreSQL) to run several`,
      );
    unlinkSync(file);
  }
  throw new DataDirLockedError(`could not lock ${dataDir}: another process keeps taking it`);
}
