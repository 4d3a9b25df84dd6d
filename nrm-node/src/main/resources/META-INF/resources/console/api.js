// The node's REST API with the user's token. A refusal arrives as application/problem+json and is
// thrown as a Problem, for the page to show in words; a lost session saves what was typed, then logs in again.
import { accessToken, forget, login } from './auth.js';
import { saveDrafts } from './drafts.js';
import { locale } from './i18n.js';

export class Problem extends Error {
  constructor(body, status) {
    super(body.title || String(status));
    this.status = body.status || status;
    this.title = body.title;
    this.detail = body.detail;
    this.type = body.type;
    this.hop = body.hop;
    this.violations = body.violations || [];
  }
}

async function sessionLost() {
  saveDrafts();
  forget();
  await login(locale());
}

/** Calls the node; answers { body, etag, headers } or throws a Problem. */
export async function call(method, path, body, headers = {}) {
  const token = await accessToken();
  if (!token) return sessionLost();
  const init = { method, headers: { Accept: 'application/json, application/problem+json', Authorization: 'Bearer ' + token, ...headers } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch('../' + path.replace(/^\//, ''), init);
  } catch (e) {
    throw new Problem({ title: 'unreachable' }, 0);
  }
  if (res.status === 401) return sessionLost();
  const type = res.headers.get('Content-Type') || '';
  const json = type.includes('json') && res.status !== 204 ? await res.json() : null;
  if (!res.ok) throw new Problem(json && json.title ? json : { title: res.statusText || String(res.status) }, res.status);
  return { body: json, etag: res.headers.get('ETag'), headers: res.headers };
}

export const get = (path) => call('GET', path).then((r) => r.body);

/**
 * A document of the node (CSV, a printable page, a signed report) as a Blob, fetched with the user's
 * token: a plain link could not carry it. Answers { blob, name } (the name the node gives, if any).
 */
export async function file(path, accept) {
  const token = await accessToken();
  if (!token) return sessionLost();
  let res;
  try {
    res = await fetch('../' + path.replace(/^\//, ''), { headers: { Accept: accept + ', application/problem+json', Authorization: 'Bearer ' + token } });
  } catch (e) {
    throw new Problem({ title: 'unreachable' }, 0);
  }
  if (res.status === 401) return sessionLost();
  if (!res.ok) {
    const json = (res.headers.get('Content-Type') || '').includes('json') ? await res.json() : null;
    throw new Problem(json && json.title ? json : { title: res.statusText || String(res.status) }, res.status);
  }
  const named = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') || '');
  return { blob: await res.blob(), name: named ? named[1] : null };
}
