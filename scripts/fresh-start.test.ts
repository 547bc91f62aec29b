import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { moveAsidePreviousRun } from './fresh-start';

describe('npm start begins afresh with the stand-ins', () => {
  it('moves the hall’s database and uploads of the last run aside, keeping them, and says where', () => {
    const root = mkdtempSync(join(tmpdir(), 'fresh-'));
    mkdirSync(join(root, 'data', 'hall'), { recursive: true });
    mkdirSync(join(root, 'data', 'materials'), { recursive: true });
    mkdirSync(join(root, 'data', 'logs'), { recursive: true });
    writeFileSync(join(root, 'data', 'hall', 'PG_VERSION'), '17');
    writeFileSync(join(root, 'data', 'materials', 'ab12'), 'scan');
    const to = moveAsidePreviousRun(root, new Date('2026-12-04T03:00:00Z'))!;
    expect(to).toBe(join(root, 'data', 'previous', '2026-12-04T03-00-00-000Z'));
    expect(readFileSync(join(to, 'hall', 'PG_VERSION'), 'utf8')).toBe('17');
    expect(readFileSync(join(to, 'materials', 'ab12'), 'utf8')).toBe('scan');
    expect(existsSync(join(root, 'data', 'hall'))).toBe(false);
    // Logs and anything else stay where they are.
    expect(readdirSync(join(root, 'data')).sort()).toEqual(['logs', 'previous']);
  });

  it('moves nothing on a first start, or when the last run left nothing', () => {
    const root = mkdtempSync(join(tmpdir(), 'fresh-'));
    expect(moveAsidePreviousRun(root)).toBeUndefined();
    mkdirSync(join(root, 'data', 'hall'), { recursive: true });
    expect(moveAsidePreviousRun(root)).toBeUndefined();
  });
});
