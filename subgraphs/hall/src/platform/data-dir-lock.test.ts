import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from './data-dir-lock';

describe('the embedded database is one process’s', () => {
  const dir = () => join(mkdtempSync(join(tmpdir(), 'lock-')), 'hall');

  it('takes a free directory, writing its pid beside it', () => {
    const d = dir();
    lockDataDir(d);
    expect(readFileSync(`${d}.lock`, 'utf8')).toBe(String(process.pid));
  });

  it('refuses a directory a live process holds, saying what to do instead', () => {
    const d = dir();
    writeFileSync(`${d}.lock`, String(process.ppid));
    expect(() => lockDataDir(d)).toThrow(DataDirLockedError);
    expect(() => lockDataDir(d)).toThrow(/in use by process \d+: .*DATABASE_URL/);
  });

  it('takes over the lock of a process that died without releasing it (SIGKILL)', () => {
    const d = dir();
    writeFileSync(`${d}.lock`, '2147483646');
    lockDataDir(d);
    expect(readFileSync(`${d}.lock`, 'utf8')).toBe(String(process.pid));
  });
});
