// A real OpenID Connect provider (panva's oidc-provider) for PStage's integration tests.
// Configured by environment: PORT, CLIENT_ID, CLIENT_SECRET, REDIRECT_URI, POST_LOGOUT_REDIRECT_URI,
// ACCOUNTS (JSON: login -> {password, claims}). It serves its own login form that checks the password,
// grants the first-party client without a consent screen, and prints "READY <issuer>" once listening.
import http from 'node:http';
import { URLSearchParams } from 'node:url';

import Provider from 'oidc-provider';

const port = Number(process.env.PORT);
const issuer = `http://127.0.0.1:${port}`;
const accounts = JSON.parse(process.env.ACCOUNTS);
const scopes = 'openid email profile supann';

const provider = new Provider(issuer, {
  clients: [{
    client_id: process.env.CLIENT_ID,
    client_secret: process.env.CLIENT_SECRET,
    redirect_uris: [process.env.REDIRECT_URI],
    post_logout_redirect_uris: [process.env.POST_LOGOUT_REDIRECT_URI],
    grant_types: ['authorization_code'],
    response_types: ['code'],
  }],
  scopes: scopes.split(' '),
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'given_name', 'family_name', 'preferred_username'],
    supann: ['eduPersonAffiliation', 'supannEtuId', 'supannEntiteAffectation'],
  },
  cookies: { keys: ['pstage-test-cookie-key'] },
  features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
  pkce: { required: () => true },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(ctx, sub) {
    const account = accounts[sub];
    if (!account) return undefined;
    return { accountId: sub, claims: async () => ({ sub, preferred_username: sub, ...account.claims }) };
  },
  async loadExistingGrant(ctx) {
    // First-party client: every requested scope is granted without a consent screen.
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope(scopes);
    await grant.save();
    return grant;
  },
});

const page = (body) => `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Test IdP</title></head><body>${body}</body></html>`;
const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

async function readForm(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function loginForm(uid, message = '') {
  return page(`<h1>Connexion ENT (test)</h1>${message ? `<p class="error">${escape(message)}</p>` : ''}
    <form method="post" action="/interaction/${uid}/login">
      <input name="username" autocomplete="username"><input name="password" type="password">
      <button type="submit">Se connecter</button></form>`);
}

async function interactions(req, res) {
  const match = req.url.match(/^\/interaction\/([\w-]+)(\/login)?$/);
  if (!match) return false;
  const [, uid, login] = match;
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid || details.prompt.name !== 'login') {
    res.writeHead(400).end('unexpected interaction');
    return true;
  }
  if (req.method === 'GET') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(loginForm(uid));
    return true;
  }
  if (req.method === 'POST' && login) {
    const form = await readForm(req);
    const account = accounts[form.get('username')];
    if (!account || account.password !== form.get('password')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(loginForm(uid, 'Identifiants invalides'));
      return true;
    }
    await provider.interactionFinished(req, res, { login: { accountId: form.get('username') } }, { mergeWithLastSubmission: false });
    return true;
  }
  return false;
}

const callback = provider.callback();
const server = http.createServer(async (req, res) => {
  try {
    if (await interactions(req, res)) return;
  } catch (error) {
    res.writeHead(500).end(String(error));
    return;
  }
  callback(req, res);
});
server.listen(port, '127.0.0.1', () => console.log(`READY ${issuer}`));
