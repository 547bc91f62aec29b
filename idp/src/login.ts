import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import type { InteractionResults } from 'oidc-provider';
import { type Accounts, residentByIdNumber } from './accounts';
import type { Persona } from './types';

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
h1{font-size:1.5rem}ul{list-style:none;padding:0}li{margin:.5rem 0}
button{font:inherit;text-align:left;width:100%;padding:.75rem;border:1px solid #888;border-radius:.4rem;background:#fff;cursor:pointer}
button:hover,button:focus{border-color:#005ea5;outline:2px solid #005ea5}
.name{font-weight:600}.what{display:block;color:#555;font-size:.9rem}
.warning{background:#fff4e5;border-left:4px solid #e07a00;padding:.5rem .75rem}
.error{background:#fdecea;border-left:4px solid #c62828;padding:.5rem .75rem}
label{display:block;margin:.5rem 0 .25rem}input{font:inherit;padding:.5rem;width:100%;box-sizing:border-box}
</style></head><body>${body}</body></html>`;
}

function personaButton(p: Persona): string {
  return `<li><button type="submit" name="persona" value="${escapeHtml(p.id)}" data-persona="${escapeHtml(p.id)}">
<span class="name">${escapeHtml(p.title.zh)} · ${escapeHtml(p.name)}</span>
<span class="what">${escapeHtml(p.title.en)} — ${escapeHtml(p.description.zh)}</span></button></li>`;
}

/** The development form of the login page: any seeded resident by ID number (only with ALLOW_CUSTOM_TOKENS). */
function residentForm(uid: string, problem: string | undefined, typed: string): string {
  const error = problem
    ? `<p class="error" id="id-number-error" role="alert">${escapeHtml(problem)}</p>`
    : '';
  return `<h2>种子人口中的居民 A seeded resident</h2>
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
<label for="id-number">身份证号 ID number</label>
<input id="id-number" name="id_number" autocomplete="off" value="${escapeHtml(typed)}"${problem ? ' aria-invalid="true" aria-describedby="id-number-error"' : ''}>
${error}
<p><button type="submit" id="resident-sign-in">以此人登录 Sign in as this person</button></p>
</form>`;
}

function loginPage(
  uid: string,
  client: string,
  personas: readonly Persona[],
  residents: { problem?: string; typed?: string } | undefined,
): string {
  const group = (title: string, list: readonly Persona[]) =>
    list.length === 0 ? '' : `<h2>${escapeHtml(title)}</h2><ul>${list.map(personaButton).join('')}</ul>`;
  return page(
    '登录 Sign in — 开发用身份认证服务',
    `<h1>登录 Sign in</h1>
<p class="warning">开发用身份认证服务：选择一个演示身份登录 <strong>${escapeHtml(client)}</strong>。Development identity provider: pick a persona to sign in as.</p>
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
${group(
  '申请人 Applicants',
  personas.filter((p) => p.role === 'applicant'),
)}
${group(
  '工作人员 Staff',
  personas.filter((p) => p.role !== 'applicant'),
)}
</form>
${residents ? residentForm(uid, residents.problem, residents.typed ?? '') : ''}`,
  );
}

function consentPage(uid: string, client: string, who: string, scopes: readonly string[]): string {
  return page(
    '授权 Consent — 开发用身份认证服务',
    `<h1>授权 Consent</h1>
<p><strong>${escapeHtml(client)}</strong> 请求以 <strong>${escapeHtml(who)}</strong> 的身份访问：${escapeHtml(scopes.join(', '))}。</p>
<p><strong>${escapeHtml(client)}</strong> asks to act as <strong>${escapeHtml(who)}</strong> with: ${escapeHtml(scopes.join(', '))}.</p>
<form method="post" action="/interaction/${escapeHtml(uid)}/confirm"><button type="submit" id="consent">同意 Allow</button></form>
<form method="post" action="/interaction/${escapeHtml(uid)}/abort"><button type="submit" id="deny">拒绝 Deny</button></form>`,
  );
}

/**
 * The page of RP-initiated logout (`GET /session/end`): `form` is the provider's own (its action and
 * xsrf token); the buttons submit it, signing out (`logout=yes`) or staying signed in. Back to the
 * client's post-logout redirect URI either way.
 */
export function logoutPage(form: string): string {
  return page(
    '退出 Sign out — 开发用身份认证服务',
    `<h1>退出 Sign out</h1>
<p>退出开发用身份认证服务的登录？Sign out of the development identity provider?</p>
${form}
<button type="submit" form="op.logoutForm" id="sign-out" name="logout" value="yes" autofocus>退出 Sign out</button>
<button type="submit" form="op.logoutForm" id="stay">保持登录 Stay signed in</button>`,
  );
}

/**
 * The sign-in of the authorization-code flow: a page listing the personas (pick one), a consent page
 * (allow the client what it asked for), then back to the client with the code. Nothing is asked but the
 * choice: this provider is for development.
 */
export function registerLogin(
  app: FastifyInstance,
  provider: () => Provider,
  personas: readonly Persona[],
  accounts: Accounts,
): void {
  const byId = new Map(personas.map((p) => [p.id, p]));
  const finish = async (req: FastifyRequest, reply: FastifyReply, result: InteractionResults) => {
    const to = await provider().interactionResult(req.raw, reply.raw, result, {
      mergeWithLastSubmission: false,
    });
    return reply.redirect(to, 303);
  };

  app.get('/interaction/:uid', async (req, reply) => {
    const details = await provider().interactionDetails(req.raw, reply.raw);
    const client = await provider().Client.find(String(details.params.client_id));
    const clientName = client?.clientName ?? String(details.params.client_id);
    reply.header('cache-control', 'no-store').type('text/html; charset=utf-8');
    if (details.prompt.name === 'login')
      return loginPage(details.uid, clientName, personas, accounts.residents ? {} : undefined);
    const who =
      accounts.bySubject(details.session?.accountId ?? '')?.name ?? details.session?.accountId ?? '';
    const scopes = String(details.params.scope ?? '')
      .split(' ')
      .filter(Boolean);
    return consentPage(details.uid, clientName, who, scopes);
  });

  app.post('/interaction/:uid/login', async (req, reply) => {
    const details = await provider().interactionDetails(req.raw, reply.raw);
    if (details.prompt.name !== 'login')
      return reply
        .code(400)
        .send({ error: 'invalid_request', error_description: 'this sign-in is past choosing a persona' });
    const body = (req.body as Record<string, unknown> | undefined) ?? {};
    if (accounts.residents && typeof body.id_number === 'string') {
      const resident = residentByIdNumber(accounts, body.id_number);
      if (resident.ok) return finish(req, reply, { login: { accountId: resident.subject } });
      const client = await provider().Client.find(String(details.params.client_id));
      return reply
        .code(400)
        .header('cache-control', 'no-store')
        .type('text/html; charset=utf-8')
        .send(
          loginPage(details.uid, client?.clientName ?? String(details.params.client_id), personas, {
            problem: resident.problem,
            typed: body.id_number,
          }),
        );
    }
    const chosen = byId.get(String(body.persona ?? ''));
    if (!chosen)
      return reply.code(400).send({
        error: 'invalid_request',
        error_description: `choose one of the personas: ${[...byId.keys()].join(', ')}`,
      });
    return finish(req, reply, { login: { accountId: chosen.subject } });
  });

  app.post('/interaction/:uid/confirm', async (req, reply) => {
    const details = await provider().interactionDetails(req.raw, reply.raw);
    const { prompt, params, session } = details;
    if (prompt.name !== 'consent' || !session)
      return reply
        .code(400)
        .send({ error: 'invalid_request', error_description: 'this sign-in asks no consent' });
    const Grant = provider().Grant;
    const grant = details.grantId
      ? ((await Grant.find(details.grantId)) ??
        new Grant({ accountId: session.accountId, clientId: String(params.client_id) }))
      : new Grant({ accountId: session.accountId, clientId: String(params.client_id) });
    const missing = prompt.details as {
      missingOIDCScope?: string[];
      missingOIDCClaims?: string[];
      missingResourceScopes?: Record<string, string[]>;
    };
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {}))
      grant.addResourceScope(indicator, scopes.join(' '));
    const grantId = await grant.save();
    return finish(req, reply, { consent: details.grantId ? {} : { grantId } });
  });

  app.post('/interaction/:uid/abort', async (req, reply) =>
    finish(req, reply, { error: 'access_denied', error_description: 'the user denied the sign-in' }),
  );
}
