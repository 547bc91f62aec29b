import type { CombinedError } from 'urql';
import type { I18n } from '../app/i18n';

/** The codes of refusals the app words itself, in the page's language, rather than show the server's English. */
interface Refusal {
  readonly code?: string;
  readonly retryAfterSeconds?: number;
}

/** The app's words for a limit or quota refusal; undefined for any other error. */
export function limitText(t: I18n['t'], refusal: Refusal): string | undefined {
  if (refusal.code === 'RATE_LIMITED')
    return t('common.rateLimited', { seconds: Math.max(1, Math.ceil(refusal.retryAfterSeconds ?? 60)) });
  if (refusal.code === 'MATERIAL_QUOTA_EXCEEDED') return t('materials.quotaExceeded');
  return undefined;
}

/** What to show for a failed GraphQL operation: a limit in the page's language, else the server's message. */
export function operationErrorText(t: I18n['t'], error: CombinedError): string {
  const first = error.graphQLErrors[0];
  const extensions = (first?.extensions ?? {}) as Refusal;
  return limitText(t, extensions) ?? error.message;
}
