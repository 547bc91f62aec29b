import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from './support';

/**
 * Every GraphQL query docs/frontend.md shows is run against the whole stack, as a front-end developer
 * following the page would run it: a query the schema no longer takes, or one that answers an error the
 * page does not say it answers, fails here.
 *
 * A query is run as the persona named in the `<!-- run: {…} -->` comment just above its block (`null`:
 * anonymous; default `citizen`), with the comment's `variables`; `"{{enterprise}}"` in them stands for the
 * persona's first enterprise. `expect` names an error code the page says the query answers (e.g.
 * FORBIDDEN for the hall's own operations); without it the answer must have no error at all.
 */
const DOC = fileURLToPath(new URL('../../docs/frontend.md', import.meta.url));

interface Run {
  readonly persona?: string | null;
  readonly variables?: Record<string, unknown>;
  readonly expect?: string;
}

interface Example {
  readonly line: number;
  readonly query: string;
  readonly run: Run;
}

function examplesOf(markdown: string): Example[] {
  const lines = markdown.split('\n');
  const examples: Example[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.trim() !== '```graphql') continue;
    const end = lines.findIndex((l, j) => j > i && l.trim() === '```');
    // The run comment: the last non-blank line before the fence.
    let k = i - 1;
    while (k >= 0 && lines[k]!.trim() === '') k--;
    const comment = lines[k]?.trim().match(/^<!-- run: (.*) -->$/);
    examples.push({
      line: i + 1,
      query: lines.slice(i + 1, end).join('\n'),
      run: comment ? (JSON.parse(comment[1]!) as Run) : {},
    });
    i = end;
  }
  return examples;
}

const claimsOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { enterprises?: string[] };

describe('docs/frontend.md, followed to the letter', () => {
  let s: TestStack;
  beforeAll(async () => {
    s = await startTestStack();
  });
  afterAll(async () => {
    await s?.stop();
  });

  const examples = examplesOf(readFileSync(DOC, 'utf8'));

  it('shows the queries a front end needs: the form, the check, the submission, the status', () => {
    const all = examples.map((e) => e.query).join('\n');
    for (const needed of [
      'checkForm',
      'form(options:',
      'consentScopes',
      'prefillForm',
      'submitApplication',
      'application(id:',
    ])
      expect(all, needed).toContain(needed);
    expect(readFileSync(DOC, 'utf8')).toContain('POST /materials');
  });

  it.each(examples.map((e) => [e.line, e] as const))('runs the query at line %i', async (_, example) => {
    const persona = example.run.persona === undefined ? 'citizen' : example.run.persona;
    const token = persona ? await s.token(persona) : undefined;
    const enterprise = token ? (claimsOf(token).enterprises?.[0] ?? '') : '';
    const variables = JSON.parse(
      JSON.stringify(example.run.variables ?? {}).replaceAll('{{enterprise}}', enterprise),
    ) as Record<string, unknown>;
    const answer = await s.gql(example.query, variables, token);
    const codes = (answer.errors ?? []).map((e) => e.extensions?.code);
    if (example.run.expect) expect(codes).toContain(example.run.expect);
    else expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
  });
});
