import { watch } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SupergraphManager } from '@apollo/gateway';
import type { Logger } from '@onething/runtime';

/**
 * Serves the supergraph from a file and reloads it when the file changes. A missing file is waited for
 * (the gateway answers 503 until then); a changed file that does not load is refused and the previous
 * supergraph stays.
 */
export class SupergraphFile implements SupergraphManager {
  loadedAt: Date | undefined;
  private current = '';

  constructor(
    readonly path: string,
    private readonly log: Logger,
    private readonly pollMs = 500,
  ) {}

  async initialize({ update }: { update: (sdl: string) => void }) {
    let sdl: string | undefined;
    for (let warned = false; sdl === undefined; ) {
      sdl = await readFile(this.path, 'utf8').catch(() => undefined);
      if (sdl === undefined) {
        if (!warned) this.log.warn({ file: this.path }, 'supergraph file not found; waiting for it');
        warned = true;
        await sleep(this.pollMs);
      }
    }
    this.current = sdl;
    this.loadedAt = new Date();
    let timer: NodeJS.Timeout | undefined;
    const reload = async () => {
      const next = await readFile(this.path, 'utf8').catch(() => undefined);
      if (next === undefined || next === this.current) return;
      try {
        update(next);
        this.current = next;
        this.loadedAt = new Date();
        this.log.info({ file: this.path }, 'supergraph reloaded');
      } catch (err) {
        this.log.error(
          { err, file: this.path },
          'the changed supergraph does not load; keeping the previous one',
        );
      }
    };
    // Editors replace files (rename) as often as they write them: watch the directory entry by polling too.
    const watcher = watch(this.path, { persistent: false }, () => {
      clearTimeout(timer);
      timer = setTimeout(() => void reload(), 50);
    });
    const poll = setInterval(() => void reload(), this.pollMs * 4);
    poll.unref();
    return {
      supergraphSdl: sdl,
      cleanup: async () => {
        watcher.close();
        clearInterval(poll);
        clearTimeout(timer);
      },
    };
  }
}
