// Debian's Chromium driven by playwright-core: one fresh profile per user (a browser context), the
// realm's real login page, axe-core on every console page, and a screenshot of each.
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { console as consoleDir } from './paths.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const PASSWORD = 'demo-only-change-me';
export const SHOTS = process.env.TRM_SCREENSHOTS || new URL('../target/screenshots/', import.meta.url).pathname;
mkdirSync(SHOTS, { recursive: true });

export const NODES = { AT: process.env.TRM_CONSOLE_AT || 'http://127.0.0.1:18101', BG: process.env.TRM_CONSOLE_BG || 'http://127.0.0.1:18102',
  RO: process.env.TRM_CONSOLE_RO || 'http://127.0.0.1:18103' };
const bundles = {};
/** A label as the console shows it in lang (the bundles are the console's own). */
export function label(lang, key, params = {}) {
  bundles[lang] ||= JSON.parse(readFileSync(join(consoleDir, 'i18n', lang + '.json'), 'utf8'));
  return bundles[lang][key].replace(/\{(\w+)\}/g, (m, n) => String(params[n] ?? ''));
}

export async function browser() {
  return chromium.launch({ executablePath: process.env.TRM_CHROMIUM || '/usr/bin/chromium', headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'] });
}

/** A user of one country's console in a context of their own (cookies, storage), logged in through the realm. */
export async function user(b, country, username) {
  const context = await b.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // The console's Content-Security-Policy allows no inline script or style: anything it blocks is a defect.
  page.on('console', (m) => { if (m.type() === 'error' && /Content Security Policy/.test(m.text())) errors.push('CSP: ' + m.text()); });
  await page.goto(NODES[country] + '/console/');
  await signIn(page, username);
  await page.locator('#nav a').first().waitFor();
  return { context, page, country, username, errors };
}

/** Fills the realm's login form (the console sent the browser there) and waits to be back in the console. */
export async function signIn(page, username) {
  await page.locator('#username').waitFor({ timeout: 30000 });
  await page.fill('#username', username);
  await page.fill('#password', PASSWORD);
  await page.click('#kc-login');
  await page.waitForURL(/\/console\//, { timeout: 30000 });
  await page.locator('main > div:not([aria-busy])').waitFor({ timeout: 30000 });
}

/** Opens a console page by its address and waits until it has rendered. */
export async function open(u, hash) {
  // Resolves once the console's own hashchange listener (registered first) has started the new page.
  await u.page.evaluate((h) => new Promise((done) => {
    if (location.hash === h) { done(); return; }
    window.addEventListener('hashchange', () => done(), { once: true });
    location.hash = h;
  }), hash);
  await settled(u.page);
}

export async function settled(page) {
  // The page shown must be the address's: a hash just changed may not have started its page yet.
  await page.waitForFunction(() => !document.querySelector('main[aria-busy], main [aria-busy]') && document.querySelector('main > div')
    && document.getElementById('main').dataset.page === location.hash);
}

/** axe-core on the page as it is: no serious or critical violation. */
export async function accessible(u, name) {
  // Evaluated rather than added as a script tag, which the console's CSP (no inline script) refuses.
  if (!(await u.page.evaluate(() => !!window.axe))) await u.page.evaluate(AXE_SOURCE);
  const result = await u.page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => v.id + ' (' + v.impact + '): ' + v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', '));
  assert.deepEqual(bad, [], 'axe-core on ' + name);
}

/** Checks the page with axe-core and saves its screenshot as target/screenshots/<name>.png. */
export async function shoot(u, name) {
  await accessible(u, name);
  await u.page.screenshot({ path: join(SHOTS, name + '.png'), fullPage: true });
  assert.deepEqual(u.errors, [], 'script errors on ' + name);
}

/** Reloads a page until test() holds, for what arrives through the federation. */
export async function until(u, test, what, seconds = 120) {
  const end = Date.now() + seconds * 1000;
  for (;;) {
    if (await test()) return;
    if (Date.now() > end) assert.fail('waited ' + seconds + ' s for ' + what);
    await u.page.waitForTimeout(2000);
    await u.page.reload();
    await settled(u.page);
  }
}

/**
 * deploy/local/federation.sh on the tests' federation (ConsoleIT passes its run directory and settings
 * in the environment), e.g. to restore a node from an empty database.
 */
export function federation(...args) {
  const script = fileURLToPath(new URL('../../local/federation.sh', import.meta.url));
  const run = spawnSync('bash', [script, ...args], { env: process.env, encoding: 'utf8', timeout: 15 * 60 * 1000 });
  assert.equal(run.status, 0, 'federation.sh ' + args.join(' ') + ':\n' + (run.stdout || '') + (run.stderr || ''));
}

/**
 * One SQL statement on a node's database of the tests' federation, e.g. to move a stored day into the
 * past: the node's clock is not the test's to set.
 */
export function sql(country, statement) {
  const db = (process.env.TRM_LOCAL_DB_PREFIX || '') + 'nrm_' + country.toLowerCase();
  const run = spawnSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-U', 'trm', '-d', db, '-c', statement],
    { env: { ...process.env, PGPASSWORD: 'trm' }, encoding: 'utf8', timeout: 60000 });
  assert.equal(run.status, 0, 'psql on ' + db + ':\n' + (run.stdout || '') + (run.stderr || ''));
}

/** A demo user's token for the node's API (password grant of the demo client nrm-web). */
export async function apiToken(country, username) {
  const realm = 'http://127.0.0.1:8180/realms/nrm-' + country.toLowerCase();
  const grant = await fetch(realm + '/protocol/openid-connect/token', { method: 'POST', body: new URLSearchParams({
    grant_type: 'password', client_id: 'nrm-web', username, password: PASSWORD }) });
  assert.equal(grant.status, 200, 'token of ' + username + ' at ' + country);
  return (await grant.json()).access_token;
}

/** Opens n cases through the node's API with the coordinator's token; fields replace the defaults. */
export async function seedCases(country, n, fields = {}) {
  const token = await apiToken(country, 'coordinator');
  for (let i = 0; i < n; i++) {
    const res = await fetch(NODES[country] + '/api/v1/cases', { method: 'POST', headers: { Authorization: 'Bearer ' + token,
      'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ identificationStatus: 'IDENTIFIED', formsOfExploitation: ['Sexual'], citizenship: 'RO',
      countryOfExploitation: country, sex: 'Female', ageAtIdentification: 30, ...fields }) });
    assert.equal(res.status, 201, 'seeded case');
  }
}
