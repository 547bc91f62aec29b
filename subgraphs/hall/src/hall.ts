import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '@onething/runtime';
import { DEPARTMENT, type DepartmentKey } from '@onething/schema';
import { type BundleDefinition, BundleError, checkBundles, readBundleFiles } from './bundles/definition';
import { deriveOneForm, type OneForm } from './bundles/one-form';
import { type BundleSavings, bundleSavings } from './bundles/savings';
import { type HallItem, ItemCatalogue } from './items';
import { sourcesFor } from './prefill/sources';
import { FILLED_FROM_SALE } from './sales/prefill';
import type { SupergraphClient } from './supergraph-client';

/** What the hall asks consent for: one department's data for a bundle's form, in plain words. */
export interface ConsentScope {
  readonly key: DepartmentKey;
  readonly data: { zh: string; en: string };
  readonly purpose: { zh: string; en: string };
  readonly fields: readonly string[];
}

/**
 * The hall's bundles, checked against the departments' items as the supergraph serves them, with their
 * derived one forms and savings (computed once per bundle and choice of options).
 */
export class Hall {
  private readonly forms = new Map<string, OneForm>();

  private constructor(
    private readonly definitions: readonly BundleDefinition[],
    readonly catalogue: ItemCatalogue,
  ) {}

  /**
   * Loads the bundle files and the departments' items (waiting for the supergraph), and refuses to start
   * on any bundle problem, naming its file.
   */
  static async load(options: {
    bundlesDir: string;
    client: SupergraphClient;
    waitMs: number;
    log: Logger;
  }): Promise<Hall> {
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
    return new Hall(bundles, catalogue);
  }

  get bundles(): readonly BundleDefinition[] {
    return this.definitions;
  }

  bundle(code: string): BundleDefinition | undefined {
    return this.definitions.find((b) => b.code === code);
  }

  private items(): ReadonlyMap<string, HallItem> {
    return new Map(this.catalogue.all().map((i) => [i.code, i]));
  }

  /** Unknown option keys of a bundle (to refuse them by name). */
  unknownOptions(bundle: BundleDefinition, options: readonly string[]): string[] {
    return options.filter((o) => !(o in bundle.options));
  }

  form(bundle: BundleDefinition, options: readonly string[] = []): OneForm {
    const key = `${bundle.code}|${[...options].sort().join(',')}`;
    let form = this.forms.get(key);
    if (!form) {
      form = deriveOneForm(bundle, this.items(), options);
      this.forms.set(key, form);
    }
    return form;
  }

  savings(
    bundle: BundleDefinition,
    options: readonly string[] = [],
  ): BundleSavings & { typedByHand: HandTyped } {
    const form = this.form(bundle, options);
    return { ...bundleSavings(bundle, this.items(), form), typedByHand: typedByHand(form) };
  }

  /**
   * Departments whose data can fill this bundle's form with these options (every option when omitted), and
   * exactly what each fills of it: a consent names only values the form shows.
   */
  consentScopes(
    bundle: BundleDefinition,
    options: readonly string[] = Object.keys(bundle.options),
  ): ConsentScope[] {
    const form = this.form(bundle, options);
    const labels = new Map(form.fields.map((f) => [f.key, f.label]));
    const sources = sourcesFor(new Set(form.fields.map((f) => f.key)));
    const departments = [...new Set(sources.map((s) => s.department))];
    return departments.map((key) => {
      const fields = sources.filter((s) => s.department === key).map((s) => s.key);
      const names = fields.map((f) => labels.get(f)!);
      return {
        key,
        fields,
        data: {
          zh: `${DEPARTMENT[key].inSentence.zh}登记的：${names.map((n) => n.zh).join('、')}`,
          en: `What ${DEPARTMENT[key].inSentence.en} holds: ${names.map((n) => n.en.toLowerCase()).join(', ')}`,
        },
        purpose: {
          zh: `用于预先填写「${bundle.name.zh}」申请表，您可核对和修改`,
          en: `To prefill the form of "${bundle.name.en}" for you to check and change`,
        },
      };
    });
  }
}

/** What the applicant types by hand on a one form, against its fields. */
export interface HandTyped {
  readonly fields: number;
  readonly typed: number;
  readonly keys: readonly string[];
}

/**
 * The fields left to type by hand: not the signed-in applicant's ID number, not what a consented
 * department's record fills, and on a house transfer not what the seller's confirmation fills (the unit's
 * data from the registry, the seller's name and ID number).
 */
export function typedByHand(form: OneForm): HandTyped {
  const keys = new Set(form.fields.map((f) => f.key));
  const filled = new Set<string>(['applicant.idNumber', ...sourcesFor(keys).map((s) => s.key)]);
  if (keys.has('seller.confirmation')) for (const k of FILLED_FROM_SALE) filled.add(k);
  const typed = form.fields.map((f) => f.key).filter((k) => !filled.has(k));
  return { fields: form.fields.length, typed: typed.length, keys: typed };
}
