import { execute } from './client';
import { BUNDLE_FORM, BUNDLES } from './operations';

/**
 * Lists the bundles, then reads one bundle's form fields (the first bundle, or the code given as the first
 * argument): `npm start` in the repository, then `npm start --workspace examples/typed-client -- [CODE]`.
 * Every value below is typed by the schema: `bundle.name.zh` is a string, `field.required` a boolean.
 */
const print = (line: string) => process.stdout.write(`${line}\n`);

const { bundles } = await execute(BUNDLES);
print(`${bundles.length} bundles:`);
for (const bundle of bundles) {
  const departments = [...new Set(bundle.items.map((item) => item.department))].join(', ');
  print(
    `  ${bundle.code}  ${bundle.name.zh} (${bundle.name.en}): ${bundle.items.length} items at ${departments}`,
  );
}

const code = process.argv[2] ?? bundles[0]?.code;
if (code) {
  const { bundle } = await execute(BUNDLE_FORM, { code, options: [] });
  if (!bundle) throw new Error(`no bundle ${code}`);
  print(`\nthe form of ${bundle.code} ${bundle.name.zh}: ${bundle.form.fields.length} fields`);
  for (const field of bundle.form.fields)
    print(
      `  ${field.required ? '*' : ' '} ${field.key}  ${field.label.zh} (${field.label.en}), ${field.type}`,
    );
}
