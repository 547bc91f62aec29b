import { Client, cacheExchange, fetchExchange } from 'urql';

/** A urql client against the gateway's one schema, signed in with the session's token. */
export function gatewayClient(token: string | undefined): Client {
  return new Client({
    url: '/graphql',
    exchanges: [cacheExchange, fetchExchange],
    fetchOptions: (): RequestInit => ({ headers: token ? { authorization: `Bearer ${token}` } : {} }),
    requestPolicy: 'cache-and-network',
    // POST with a JSON body: the gateway's CSRF protection refuses simple GET requests without a preflight.
    preferGetMethod: false,
  });
}

/** Uploads one file to the hall through the gateway; answers the upload, or the hall's refusal. */
export async function uploadFile(
  token: string,
  file: File,
): Promise<{ id: string; name: string; size: number; contentType: string }> {
  const res = await fetch('/materials', {
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
