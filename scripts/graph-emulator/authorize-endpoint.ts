// GET /{tenant}/oauth2/v2.0/authorize: stands in for Entra's sign-in and consent pages.
import type { Request, Response } from 'express';
import type { IdentityContext } from './identity-context.js';

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Stands in for the sign-in and consent pages: a known login_hint signs in at once, else a user picker. */
export function authorize(ctx: IdentityContext, req: Request, res: Response): void {
  const q = req.query as Record<string, string | undefined>;
  const client = ctx.clients.get(q.client_id ?? '');
  if (!client || !q.redirect_uri || q.response_type !== 'code') {
    const why = !client
      ? `AADSTS700016: Application with identifier '${q.client_id ?? ''}' was not found in the directory '${ctx.tenantId}'.`
      : 'AADSTS900144: The request must contain redirect_uri and response_type=code.';
    res
      .status(400)
      .type('html')
      .send(`<!doctype html><title>Sign in</title><p>${escapeHtml(why)}</p>`);
    return;
  }
  const hint = (q.login_hint ?? '').toLowerCase();
  const user = ctx.users.find((u) => u.username.toLowerCase() === hint);
  if (!user) {
    const links = ctx.users.map((u) => {
      const url = new URL(req.originalUrl, ctx.baseUrl());
      url.searchParams.set('login_hint', u.username);
      return `<li><a href="${escapeHtml(url.pathname + url.search)}">${escapeHtml(u.name)} (${escapeHtml(u.username)})</a></li>`;
    });
    const cancel = withParams(q.redirect_uri, q.response_mode, {
      error: 'access_denied',
      error_description: 'AADSTS65004: User declined to consent to access the app.',
      ...(q.state ? { state: q.state } : {}),
    });
    res
      .type('html')
      .send(
        `<!doctype html><title>Sign in</title><h1>Pick an account</h1><ul>${links.join('')}</ul>` +
          `<p><a href="${escapeHtml(cancel)}">Cancel</a></p>`,
      );
    return;
  }
  const code = ctx.tokens.createCode({
    clientId: client.reg.clientId,
    redirectUri: q.redirect_uri,
    user,
    scopes: (q.scope ?? '').split(/\s+/).filter(Boolean),
    ...(q.nonce ? { nonce: q.nonce } : {}),
    ...(q.code_challenge
      ? { codeChallenge: q.code_challenge, codeChallengeMethod: q.code_challenge_method ?? 'plain' }
      : {}),
    expiresMs: ctx.now() + 10 * 60_000,
  });
  const params: Record<string, string> = {
    code,
    client_info: Buffer.from(JSON.stringify({ uid: user.oid, utid: ctx.tenantId })).toString('base64url'),
    session_state: client.reg.clientId,
    ...(q.state ? { state: q.state } : {}),
  };
  if (q.response_mode === 'form_post') {
    const inputs = Object.entries(params).map(
      ([k, v]) => `<input type="hidden" name="${k}" value="${escapeHtml(v)}">`,
    );
    res
      .type('html')
      .send(
        `<!doctype html><body onload="document.forms[0].submit()"><form method="post" action="${escapeHtml(q.redirect_uri)}">${inputs.join('')}</form>`,
      );
    return;
  }
  res.redirect(302, withParams(q.redirect_uri, q.response_mode, params));
}

/** The redirect URI with the response in its query, or in its fragment for response_mode=fragment. */
function withParams(redirectUri: string, mode: string | undefined, params: Record<string, string>): string {
  const target = new URL(redirectUri);
  const encoded = new URLSearchParams(params).toString();
  return mode === 'fragment'
    ? `${target.href.split('#')[0]}#${encoded}`
    : `${target.href}${target.search ? '&' : '?'}${encoded}`;
}
