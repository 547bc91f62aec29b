import { subgraphError } from '@onething/subgraph-kit';

/** INVALID_INPUT naming one problem of an argument: its path, its rule, and what was wrong in both languages. */
export function invalidInput(message: string, path: string, rule: string, zh: string) {
  return subgraphError('INVALID_INPUT', 'hall', message, {
    problems: [{ path, rule, message: { zh, en: message } }],
  });
}
