import type { DepartmentAdapter, ItemSpec } from '@onething/adapter-core';

/**
 * The department's item list, kept for a while: items change with regulations, not with requests. A
 * failed refresh keeps serving the last good list; with no list at all the failure is the caller's.
 */
export class Catalogue {
  private items: ItemSpec[] | undefined;
  private fetchedAt = 0;
  private pending: Promise<ItemSpec[]> | undefined;

  constructor(
    private readonly adapter: DepartmentAdapter,
    private readonly ttlMs = 60_000,
  ) {}

  async list(): Promise<ItemSpec[]> {
    if (this.items && Date.now() - this.fetchedAt < this.ttlMs) return this.items;
    this.pending ??= this.adapter
      .listItems()
      .then((items) => {
        this.items = items;
        this.fetchedAt = Date.now();
        return items;
      })
      .catch((e: unknown) => {
        if (this.items) return this.items;
        throw e;
      })
      .finally(() => {
        this.pending = undefined;
      });
    return this.pending;
  }

  async item(code: string): Promise<ItemSpec | undefined> {
    return (await this.list()).find((i) => i.code === code);
  }
}
