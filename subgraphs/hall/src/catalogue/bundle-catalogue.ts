import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '@onething/runtime';
import { invalidInput } from '../invalid-input';
import type { SupergraphClient } from '../platform/supergraph-client';
import { type BundleDefinition, BundleError, checkBundles, readBundleFiles } from './definition';
import { type HallItem, ItemCatalogue } from './items';
import { deriveOneForm, type OneForm } from './one-form';
import { type BundleSavings, bundleSavings } from './savings';
import { type HandTyped, typedByHand } from './typed-by-hand';

/**
 * The bundle catalogue: the hall's bundles, checked against the departments' items as the supergraph serves
 * them, with their derived one forms and savings (each computed once per bundle and choice of options: the
 * bundles and items are read once, at start, and do not change while the hall runs).
 */
export class BundleCatalogue {
  private readonly forms = new Map<string, OneForm>();
  private readonly savingsOf = new Map<string, BundleSavings & { typedByHand: HandTyped }>();
  private readonly byCode: ReadonlyMap<string, BundleDefinition>;
  private itemMap?: ReadonlyMap<string, HallItem>;

  private constructor(
    private readonly definitions: readonly BundleDefinition[],
    /** The departments' items the bundles are made of. */
    readonly items: ItemCatalogue,
  ) {
    this.byCode = new Map(definitions.map((b) => [b.code, b]));
  }

  /**
   * Loads the bundle files and the departments' items (waiting for the supergraph), and refuses to start
   * on any bundle problem, naming its file.
   */
  static async load(options: {
    bundlesDir: string;
    client: SupergraphClient;
    waitMs: number;
    log: Logger;
  }): Promise<BundleCatalogue> {
    const { bundles, problems } = readBundleFiles(options.bundlesDir);
    if (problems.length > 0) throw new BundleError(problems);
    const catalogue = new ItemCatalogue(options.client);
    const deadline = Date.now() + options.waitMs;
    for (let attempt = 1; ; attempt++) {
      try {
        await catalogue.load();
        break;
      } catch (e) {
        if (Date.now() > deadline)
          throw new Error(`${(e as Error).message} (waited ${options.waitMs} ms; is the gateway up?)`);
        if (attempt === 1)
          options.log.warn(
            { err: (e as Error).message },
            'waiting for the supergraph to serve the departments’ items',
          );
        await sleep(Math.min(2_000, 200 * attempt));
      }
    }
    const found = checkBundles(bundles, new Map(catalogue.all().map((i) => [i.code, i])));
    if (found.length > 0) throw new BundleError(found);
    options.log.info(
      { bundles: bundles.map((b) => b.code), items: catalogue.all().length },
      'bundles checked against the departments’ items',
    );
    return new BundleCatalogue(bundles, catalogue);
  }

  get bundles(): readonly BundleDefinition[] {
    return this.definitions;
  }

  bundle(code: string): BundleDefinition | undefined {
    return this.byCode.get(code);
  }

  /** The bundle of this code, or INVALID_INPUT naming the bundles there are. */
  bundleOr(code: string): BundleDefinition {
    const b = this.bundle(code);
    if (!b)
      throw invalidInput(
        `no bundle ${code}; bundles: ${this.definitions.map((x) => x.code).join(', ')}`,
        'bundleCode',
        'bundle.unknown',
        `没有一件事 ${code}`,
      );
    return b;
  }

  private itemsByCode(): ReadonlyMap<string, HallItem> {
    this.itemMap ??= new Map(this.items.all().map((i) => [i.code, i]));
    return this.itemMap;
  }

  /** The key of a bundle and a choice of options, whatever their order. */
  private static key(bundle: BundleDefinition, options: readonly string[]): string {
    return `${bundle.code}|${[...options].sort().join(',')}`;
  }

  /** Unknown option keys of a bundle (to refuse them by name). */
  unknownOptions(bundle: BundleDefinition, options: readonly string[]): string[] {
    return options.filter((o) => !(o in bundle.options));
  }

  /** The options as given, or INVALID_INPUT naming those the bundle lacks (for a field's arguments). */
  optionsOr(bundle: BundleDefinition, options: readonly string[] | null | undefined): readonly string[] {
    const list = options ?? [];
    const unknown = this.unknownOptions(bundle, list);
    if (unknown.length)
      throw invalidInput(
        `${bundle.code} has no option ${unknown.join(', ')}; options: ${Object.keys(bundle.options).join(', ') || 'none'}`,
        'options',
        'option.unknown',
        `没有选项 ${unknown.join('、')}`,
      );
    return list;
  }

  form(bundle: BundleDefinition, options: readonly string[] = []): OneForm {
    const key = BundleCatalogue.key(bundle, options);
    let form = this.forms.get(key);
    if (!form) {
      form = deriveOneForm(bundle, this.itemsByCode(), options);
      this.forms.set(key, form);
    }
    return form;
  }

  savings(
    bundle: BundleDefinition,
    options: readonly string[] = [],
  ): BundleSavings & { typedByHand: HandTyped } {
    const key = BundleCatalogue.key(bundle, options);
    let savings = this.savingsOf.get(key);
    if (!savings) {
      const form = this.form(bundle, options);
      savings = { ...bundleSavings(bundle, this.itemsByCode(), form), typedByHand: typedByHand(form) };
      this.savingsOf.set(key, savings);
    }
    return savings;
  }
}
