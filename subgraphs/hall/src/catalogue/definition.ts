import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { HallItem } from './items';

const bilingual = z.object({ zh: z.string().min(1), en: z.string().min(1) }).strict();

/** A bundle (一件事) as its data file declares it. */
const bundleFile = z
  .object({
    code: z
      .string()
      .regex(/^[A-Z]+(-[A-Z]+)*$/, 'bundle codes are capitals in dash-separated words, e.g. HOUSE-TRANSFER'),
    name: bilingual,
    description: bilingual,
    items: z
      .array(
        z
          .object({
            code: z.string().min(1),
            /** Items whose approval this one waits for (serial only where it needs their result). */
            after: z.array(z.string()).default([]),
            /** The option that brings this item in; without one the item is always part of the bundle. */
            option: z.string().optional(),
          })
          .strict(),
      )
      .min(1, 'a bundle has at least one item'),
    /** Choices the applicant makes (e.g. with a provident fund loan). */
    options: z.record(z.string(), bilingual).default({}),
    /**
     * Where paying the bundle's fees sits (一窗收费): after the items whose assessment it waits for, before
     * the items it holds back; `proof` is the material id by which its payment goes to the held items.
     */
    payment: z
      .object({
        after: z.array(z.string()).default([]),
        before: z.array(z.string()).min(1, 'a payment holds back at least one item'),
        proof: z.string().min(1),
      })
      .strict()
      .optional(),
    /** How results of earlier items feed later ones: a value's semantic key or a document's material id. */
    flows: z
      .array(z.object({ from: z.string(), result: z.string(), to: z.array(z.string()).min(1) }).strict())
      .default([]),
  })
  .strict();

export type BundleDefinition = z.infer<typeof bundleFile> & { readonly file: string };

/** A bundle file that cannot be served: every problem, naming the file. */
export class BundleError extends Error {
  override readonly name = 'BundleError';
  constructor(readonly problems: readonly string[]) {
    super(`the bundles cannot be served:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Reads every `*.json` of a directory as a bundle; malformed files are problems, not crashes. */
export function readBundleFiles(dir: string): { bundles: BundleDefinition[]; problems: string[] } {
  const problems: string[] = [];
  const bundles: BundleDefinition[] = [];
  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort();
  } catch (e) {
    return { bundles, problems: [`${dir}: cannot list the bundle directory (${(e as Error).message})`] };
  }
  for (const name of files) {
    const file = join(dir, name);
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      problems.push(`${file}: not valid JSON (${(e as Error).message})`);
      continue;
    }
    const parsed = bundleFile.safeParse(raw);
    if (!parsed.success) {
      for (const i of parsed.error.issues)
        problems.push(`${file}: ${i.path.join('.') || '(file)'}: ${i.message}`);
      continue;
    }
    bundles.push({ ...parsed.data, file });
  }
  return { bundles, problems };
}

/** Items that come before `code` in the bundle, directly or through others. */
export function predecessors(bundle: Pick<BundleDefinition, 'items'>, code: string): Set<string> {
  const after = new Map(bundle.items.map((i) => [i.code, i.after]));
  const seen = new Set<string>();
  const walk = (c: string) => {
    for (const p of after.get(c) ?? []) {
      if (seen.has(p)) continue;
      seen.add(p);
      walk(p);
    }
  };
  walk(code);
  return seen;
}

function findCycle(bundle: BundleDefinition): string[] | undefined {
  const after = new Map(bundle.items.map((i) => [i.code, i.after]));
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (code: string): string[] | undefined => {
    if (state.get(code) === 'done') return undefined;
    if (state.get(code) === 'visiting') return [...path.slice(path.indexOf(code)), code];
    state.set(code, 'visiting');
    path.push(code);
    for (const p of after.get(code) ?? []) {
      const cycle = visit(p);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(code, 'done');
    return undefined;
  };
  for (const item of bundle.items) {
    const cycle = visit(item.code);
    if (cycle) return cycle;
  }
  return undefined;
}

/**
 * Checks bundles against themselves and the departments' items: known item codes, dependencies inside the
 * bundle and without cycles, options declared, mandatory items not waiting for optional ones, flows from
 * a result the item really produces to items that come after it. Every problem names its file.
 */
export function checkBundles(
  bundles: readonly BundleDefinition[],
  items: ReadonlyMap<string, HallItem>,
): string[] {
  const problems: string[] = [];
  const codes = new Map<string, string>();
  for (const b of bundles) {
    const say = (what: string) => problems.push(`${b.file}: ${what}`);
    if (codes.has(b.code)) say(`bundle ${b.code} is also declared in ${codes.get(b.code)}`);
    codes.set(b.code, b.file);
    const inBundle = new Map(b.items.map((i) => [i.code, i]));
    if (inBundle.size !== b.items.length) say('an item is listed twice');
    for (const i of b.items) {
      if (!items.has(i.code))
        say(`unknown item code ${i.code}: the departments publish ${[...items.keys()].sort().join(', ')}`);
      for (const p of i.after)
        if (!inBundle.has(p)) say(`item ${i.code} comes after ${p}, which is not in the bundle`);
      if (i.option && !(i.option in b.options))
        say(`item ${i.code} belongs to option "${i.option}", which is not declared in "options"`);
      for (const p of i.after) {
        if (!i.option && inBundle.get(p)?.option)
          say(`item ${i.code} is always part of the bundle but waits for ${p}, which is optional`);
      }
    }
    if (b.payment) {
      const { after, before, proof } = b.payment;
      for (const c of [...after, ...before])
        if (!inBundle.has(c)) say(`the payment is placed around ${c}, which is not in the bundle`);
      for (const c of before) {
        if (after.includes(c)) say(`the payment both waits for ${c} and holds it back`);
        for (const a of after)
          if (predecessors(b, a).has(c))
            say(`the payment holds back ${c}, which ${a} (whose assessment it waits for) comes after`);
        const item = items.get(c);
        if (item && !item.materials.some((m) => m.id === proof))
          say(`the payment's proof "${proof}" goes to ${c}, whose department does not take that material`);
      }
    }
    const cycle = findCycle(b);
    if (cycle) say(`the items wait for each other in a cycle: ${cycle.join(' → ')}`);
    for (const f of b.flows) {
      const from = items.get(f.from);
      if (!inBundle.has(f.from)) {
        say(`a flow comes from ${f.from}, which is not in the bundle`);
        continue;
      }
      if (from && !from.result.values.includes(f.result) && !from.result.materials.includes(f.result)) {
        say(
          `a flow of "${f.result}" comes from ${f.from}, which does not produce it (it produces ${[...from.result.values, ...from.result.materials].join(', ') || 'nothing that flows'})`,
        );
      }
      for (const t of f.to) {
        if (!inBundle.has(t)) say(`a flow of "${f.result}" goes to ${t}, which is not in the bundle`);
        else if (!cycle && !predecessors(b, t).has(f.from))
          say(`a flow of "${f.result}" goes from ${f.from} to ${t}, which does not come after it`);
      }
    }
  }
  return problems;
}
