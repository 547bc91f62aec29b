import { persistedExchange } from '@urql/exchange-persisted';
import { Client, cacheExchange, fetchExchange } from 'urql';
import { newTraceparent } from './trace';

/**
 * The hash `npm run codegen` gave a document (its SHA-256, the key of its text in
 * generated/persisted-documents.json, which the gateway loads); none for a document codegen did not make.
 */
export const documentHash = (document: unknown): string | undefined =>
  (document as { __meta__?: { hash?: string } } | null)?.__meta__?.hash;

/**
 * A urql client against the gateway's one schema, signed in with the session's token; each request starts
 * a trace of its own (`traceparent`), which the gateway continues. Each operation is sent by its hash alone
 * (a trusted document: the gateway holds its text, parsed and validated once); one the gateway does not
 * hold (a manifest older than the app, in development) is sent again with its text, which a gateway that
 * refuses unregistered operations answers with OPERATION_NOT_REGISTERED.
 */
export function gatewayClient(token: string | undefined): Client {
  return new Client({
    url: '/graphql',
    exchanges: [
      cacheExchange,
      persistedExchange({
        generateHash: async (_, document) => documentHash(document),
        enableForMutation: true,
        // POST, as every request of the app: the gateway's CSRF protection refuses simple GET requests.
        preferGetForPersistedQueries: false,
      }),
      fetchExchange,
    ],
    fetchOptions: (): RequestInit => ({
      headers: { traceparent: newTraceparent(), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    }),
    requestPolicy: 'cache-and-network',
    // POST with a JSON body: the gateway's CSRF protection refuses simple GET requests without a preflight.
    preferGetMethod: false,
  });
}

/** Whom an operation is for when not the caller: a window visit or a delegation (the schema's OnBehalfOf). */
export interface OnBehalfOf {
  readonly visitId?: string;
  readonly delegationId?: string;
}

/**
 * `/materials`, or `/materials?visitId=…`, `?delegationId=…` or both (an agent served at a window): an
 * upload owned by the applicant acted for.
 */
export function materialsPath(onBehalfOf?: OnBehalfOf): string {
  const query = [
    ...(onBehalfOf?.visitId ? [`visitId=${encodeURIComponent(onBehalfOf.visitId)}`] : []),
    ...(onBehalfOf?.delegationId ? [`delegationId=${encodeURIComponent(onBehalfOf.delegationId)}`] : []),
  ];
  return query.length > 0 ? `/materials?${query.join('&')}` : '/materials';
}

/** Uploads one file to the hall through the gateway; answers the upload, or the hall's refusal. */
export async function uploadFile(
  token: string,
  file: File,
  onBehalfOf?: OnBehalfOf,
): Promise<{ id: string; name: string; size: number; contentType: string }> {
  const res = await fetch(materialsPath(onBehalfOf), {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': file.type || 'application/octet-stream',
      'x-material-name': encodeURIComponent(file.name),
    },
    body: file,
  });
  const body = (await res.json().catch(() => ({}))) as {
    id?: string;
    name?: string;
    size?: number;
    contentType?: string;
    errors?: { message: string; extensions?: { code?: string; retryAfterSeconds?: number } }[];
  };
  if (res.status !== 201 || !body.id)
    throw new UploadError(
      body.errors?.[0]?.extensions?.code ?? `HTTP_${res.status}`,
      body.errors?.[0]?.message ?? '',
      body.errors?.[0]?.extensions?.retryAfterSeconds ??
        (Number(res.headers.get('retry-after')) || undefined),
    );
  return {
    id: body.id,
    name: body.name ?? file.name,
    size: body.size ?? file.size,
    contentType: body.contentType ?? '',
  };
}

export class UploadError extends Error {
  override readonly name = 'UploadError';
  constructor(
    readonly code: string,
    message: string,
    /** For RATE_LIMITED: when to try again. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/**
 * A paper of the hall (a receipt, a one-time notice) as a PDF: fetched with the token, since the gateway
 * asks for it, and kept as a blob the browser can open or save. Throws with the hall's message.
 */
export async function fetchPaper(url: string, token: string, init: RequestInit = {}): Promise<Blob> {
  const res = await fetch(url, {
    ...init,
    headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${token}` },
  });
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { errors?: { message: string }[] };
    throw new Error(body.errors?.[0]?.message ?? `HTTP ${res.status}`);
  }
  return res.blob();
}

/** The one-time notice (一次性告知单) of a form not yet complete: every missing or wrong thing at once. */
export function fetchOneTimeNotice(
  token: string,
  form: {
    bundleCode: string;
    options: readonly string[];
    values: readonly { key: string; value: string }[];
    materials: readonly { id: string; uploadId: string }[];
    prefillId?: string | null;
  },
  onBehalfOf?: OnBehalfOf,
): Promise<Blob> {
  return fetchPaper('/papers/one-time-notice', token, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    // checkForm's arguments: the materials by their ids in the form.
    body: JSON.stringify({
      bundleCode: form.bundleCode,
      options: form.options,
      values: form.values,
      materials: form.materials.map((m) => m.id),
      ...(form.prefillId ? { prefillId: form.prefillId } : {}),
      ...(onBehalfOf ? { onBehalfOf } : {}),
    }),
  });
}

/**
 * A tab for a paper, opened at once while the click still lets a page open one (a popup opened after the
 * fetch would be blocked); `show` then puts the PDF in it, or saves it when no tab could be opened.
 */
export function paperTab(): { show(blob: Blob, name: string): void; close(): void } {
  const tab = window.open('', '_blank');
  return {
    show(blob, name) {
      if (!tab || tab.closed) return saveBlob(blob, name);
      const url = URL.createObjectURL(blob);
      tab.location.href = url;
      // The tab has read it by then; the URL is not needed for long.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    },
    close: () => tab?.close(),
  };
}

/** Saves a blob as a file named `name`. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
