// Login with the realm's authorization-code flow and PKCE (S256). Tokens live in sessionStorage: they
// end with the tab, and a 5-minute access token is renewed with the refresh token while the session lasts.
const KEY = 'trm.console.session';
const PENDING = 'trm.console.login';
let config;

export async function loadConfig() {
  const res = await fetch('../api/v1/console/config', { headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error('console configuration unavailable (' + res.status + ')');
  config = await res.json();
  return config;
}

export function country() { return config.country; }
const endpoint = (name) => config.issuer + '/protocol/openid-connect/' + name;
const redirectUri = () => location.origin + location.pathname;

function b64url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
const random = (n) => b64url(crypto.getRandomValues(new Uint8Array(n)));

/** Leaves for the realm's login page; comes back to the page the user was on. */
export async function login(locale) {
  const verifier = random(48);
  const state = random(16);
  const challenge = b64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, returnTo: location.hash || '#/' }));
  const q = new URLSearchParams({ client_id: config.clientId, redirect_uri: redirectUri(), response_type: 'code',
    scope: 'openid', state, code_challenge: challenge, code_challenge_method: 'S256' });
  if (locale) q.set('ui_locales', locale);
  location.assign(endpoint('auth') + '?' + q);
  return new Promise(() => {});
}

function store(tokens) {
  const now = Date.now();
  sessionStorage.setItem(KEY, JSON.stringify({ access: tokens.access_token, refresh: tokens.refresh_token,
    id: tokens.id_token, expires: now + tokens.expires_in * 1000,
    refreshExpires: tokens.refresh_expires_in ? now + tokens.refresh_expires_in * 1000 : now }));
}

async function tokenRequest(form) {
  const res = await fetch(endpoint('token'), { method: 'POST', body: new URLSearchParams(form),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  if (!res.ok) return false;
  store(await res.json());
  return true;
}

/** Finishes a login the realm redirected back from; returns the page to show, or null if none. */
export async function completeLogin() {
  const q = new URLSearchParams(location.search);
  if (!q.has('code') && !q.has('error')) return null;
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  history.replaceState(null, '', redirectUri() + (pending ? pending.returnTo : '#/'));
  if (!pending || q.get('state') !== pending.state || !q.has('code')) return { failed: true };
  const ok = await tokenRequest({ grant_type: 'authorization_code', code: q.get('code'), client_id: config.clientId,
    redirect_uri: redirectUri(), code_verifier: pending.verifier });
  return ok ? { returnTo: pending.returnTo } : { failed: true };
}

function session() { return JSON.parse(sessionStorage.getItem(KEY) || 'null'); }

/** A valid access token, renewed if it is about to expire; null once the session has ended. */
export async function accessToken() {
  const s = session();
  if (!s) return null;
  if (s.expires - Date.now() > 20000) return s.access;
  if (s.refresh && s.refreshExpires > Date.now()
      && await tokenRequest({ grant_type: 'refresh_token', refresh_token: s.refresh, client_id: config.clientId })) {
    return session().access;
  }
  forget();
  return null;
}

export function forget() { sessionStorage.removeItem(KEY); }

/** The signed-in user as the token names them; what it grants is decided by the node on every call. */
export function user() {
  const s = session();
  if (!s) return null;
  try {
    const claims = JSON.parse(decodeURIComponent(escape(atob(s.access.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')))));
    return { name: claims.preferred_username, org: claims.org, roles: claims.groups || [] };
  } catch (e) {
    return null;
  }
}

export function logout() {
  const s = session();
  forget();
  const q = new URLSearchParams({ client_id: config.clientId, post_logout_redirect_uri: redirectUri() });
  if (s && s.id) q.set('id_token_hint', s.id);
  location.assign(endpoint('logout') + '?' + q);
}
