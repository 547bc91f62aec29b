import type { SchemaChange } from './changes';
import type { SchemaCheckResult } from './check';

const where = (c: SchemaChange) => `${c.type}${c.path ? ` at ${c.path}` : ''}`;
const indent = (text: string, by = '   ') => text.replace(/^/gm, by);

/** The check's findings as a department reads them: each problem with how to fix it, then what passed. */
export function formatReport(result: SchemaCheckResult): string {
  const problems: string[] = [];
  for (const error of result.compositionErrors)
    problems.push(
      `The subgraphs do not compose: ${error}\n` +
        'Fix: make the subgraphs agree (a shared type needs the same fields and types, or @shareable/@external\n' +
        'as Federation 2 asks); `npm run compose --workspace schema` shows the same errors.',
    );
  for (const c of result.changes?.breaking ?? [])
    problems.push(
      `Breaking change: ${c.message} (${where(c)})\n` +
        (c.reason ? `Why it breaks clients: ${c.reason}\n` : '') +
        'Fix: keep the old shape for now: add the new field or argument beside the old one and mark the old\n' +
        '@deprecated(reason: "…"). If every client has moved, allow the change in\n' +
        'schema/allowed-breaking-changes.json and have the allowance reviewed with the change:\n' +
        `  { "path": "${c.path ?? ''}", "change": "${c.type}", "reason": "<why no client is hurt>" }`,
    );
  for (const op of result.invalidOperations)
    problems.push(
      `${op.operation} of ${op.owner} (${op.file}) no longer validates against the new schema:\n` +
        op.errors.map((e) => `  ${e}`).join('\n') +
        `\nFix: update ${op.file} in the same change (its owner reviews it), or keep what it uses in the schema.` +
        ' No allowance covers a registered operation: it would fail for whoever sends it.',
    );
  if (result.staleSupergraphFile)
    problems.push(
      'schema/supergraph.graphql is not what the subgraphs compose to.\n' +
        'Fix: run `npm run compose --workspace schema` and commit schema/supergraph.graphql with the SDL.',
    );

  const lines = [`Schema check against ${result.base}.`];
  if (result.changes) {
    const { breaking, allowed, dangerous, safe } = result.changes;
    lines.push(
      `Changes: ${breaking.length} breaking, ${allowed.length} breaking but allowed, ${dangerous.length} dangerous, ${safe.length} safe. ` +
        `Registered operations and fragments validated: ${result.operationsChecked}.`,
    );
  }
  if (problems.length > 0) {
    lines.push('', `FAILED: ${problems.length} problem${problems.length === 1 ? '' : 's'}.`);
    problems.forEach((p, i) => {
      lines.push('', `${i + 1}. ${indent(p).trimStart()}`);
    });
  }
  const list = (title: string, items: readonly string[]) => {
    if (items.length > 0) lines.push('', title, ...items.map((i) => `  - ${i}`));
  };
  if (result.changes) {
    const { allowed, dangerous, safe, unusedAllowances } = result.changes;
    list(
      'Breaking changes allowed by schema/allowed-breaking-changes.json:',
      allowed.map((c) => `${c.message} (${where(c)}): ${c.allowance.reason}`),
    );
    list(
      'Dangerous changes (they pass; make sure every client copes, e.g. with a new enum value):',
      dangerous.map((c) => `${c.message} (${where(c)})${c.reason ? `: ${c.reason}` : ''}`),
    );
    list(
      'Safe changes:',
      safe.map((c) => `${c.message} (${where(c)})`),
    );
    list(
      'Registered operations that use deprecated fields or values (they must move before those are removed):',
      result.deprecatedUses.map(
        (op) => `${op.operation} of ${op.owner} (${op.file}): ${op.errors.join(' ')}`,
      ),
    );
    list(
      'Allowances that match no change of this check (remove them once their change is on main):',
      unusedAllowances.map((a) => `${a.path}${a.change ? ` ${a.change}` : ''}: ${a.reason}`),
    );
  }
  if (problems.length === 0)
    lines.push(
      '',
      'PASSED: the subgraphs compose, no unallowed breaking change, every registered operation validates.',
    );
  return `${lines.join('\n')}\n`;
}
