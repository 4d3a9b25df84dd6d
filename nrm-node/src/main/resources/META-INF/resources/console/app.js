// The console's shell: login, the menu the user's roles allow, and the router over #/ addresses.
import { completeLogin, country, loadConfig, login, logout, user } from './auth.js';
import { restoreDrafts } from './drafts.js';
import { languages, loadLanguage, locale, t, use } from './i18n.js';
import { h, problemBox } from './ui.js';
import * as cases from './pages/cases.js';
import * as referrals from './pages/referrals.js';
import * as audit from './pages/audit.js';
import * as statistics from './pages/statistics.js';
import * as operator from './pages/operator.js';
import * as agreements from './pages/agreements.js';
import * as returns from './pages/returns.js';

export const ROLES = { COORDINATOR: 'nrm-coordinator', CASE_WORKER: 'case-worker', NGO: 'ngo-partner', AUDITOR: 'auditor', ADMIN: 'node-admin' };
const CASE_ROLES = [ROLES.COORDINATOR, ROLES.CASE_WORKER, ROLES.NGO];

// What each menu entry needs; the node refuses the same on its API whatever the menu shows.
const MENU = [
  ['#/', 'nav.home', null],
  ['#/cases', 'nav.cases', CASE_ROLES],
  ['#/referrals', 'nav.referrals', [ROLES.COORDINATOR]],
  ['#/audit', 'nav.audit', [ROLES.AUDITOR]],
  ['#/statistics', 'nav.statistics', [ROLES.AUDITOR, ROLES.COORDINATOR]],
  ['#/operator', 'nav.operator', [ROLES.ADMIN]],
  ['#/agreements', 'nav.agreements', [ROLES.AUDITOR, ROLES.COORDINATOR]],
  ['#/returns', 'nav.returns', [ROLES.COORDINATOR]],
];

const ROUTES = [
  [/^#\/cases\/new$/, cases.create],
  [/^#\/cases\/([0-9a-f-]{36})\/refer$/, cases.refer],
  [/^#\/cases\/([0-9a-f-]{36})$/, cases.show],
  [/^#\/cases(\?.*)?$/, cases.list],
  [/^#\/referrals\/([0-9a-f-]{36})$/, referrals.thread],
  [/^#\/referrals(\?.*)?$/, referrals.inbox],
  [/^#\/audit(\?.*)?$/, audit.trail],
  [/^#\/statistics(\?.*)?$/, statistics.show],
  [/^#\/operator$/, operator.overview],
  [/^#\/agreements\/([A-Za-z0-9._%-]{1,192})(\?.*)?$/, agreements.report],
  [/^#\/agreements$/, agreements.list],
  [/^#\/returns(\?.*)?$/, returns.list],
  [/^#\/?$/, home],
];

export const may = (roles) => { const u = user(); return !!u && (!roles || roles.some((r) => u.roles.includes(r))); };

function home(main) {
  const u = user();
  main.append(h('h1', {}, t('home.title', { country: country() })),
    h('p', {}, t('home.signedIn', { user: u.name, org: u.org || '' })),
    h('p', {}, t('home.roles', { roles: u.roles.filter((r) => Object.values(ROLES).includes(r)).map((r) => t('role.' + r)).join(', ') || t('common.none') })),
    h('ul', {}, MENU.slice(1).filter(([, , roles]) => may(roles)).map(([href, key]) => h('li', {}, h('a', { href }, t(key)), ' — ', t(key + '.about')))));
}

function chrome() {
  document.title = t('app.title', { country: country() });
  document.getElementById('brand').textContent = t('app.brand', { country: country() });
  document.getElementById('skip').textContent = t('app.skip');
  document.getElementById('lang-label').textContent = t('app.language');
  const lang = document.getElementById('lang');
  lang.replaceChildren(...Object.entries(languages()).map(([k, v]) => h('option', { value: k, selected: k === locale() }, v)));
  lang.onchange = async () => { await use(lang.value); render(); };
  const u = user();
  document.getElementById('user').textContent = u ? t('app.user', { user: u.name }) : '';
  const out = document.getElementById('logout');
  out.hidden = !u;
  out.textContent = t('app.logout');
  out.onclick = logout;
  const here = location.hash.split(/[/?]/).slice(0, 2).join('/') || '#';
  document.getElementById('nav').replaceChildren(h('ul', {}, MENU.filter(([, , roles]) => may(roles)).map(([href, key]) =>
    h('li', {}, h('a', { href, 'aria-current': (href === '#/' ? here === '#' || here === '#/' : here === href) ? 'page' : null }, t(key))))));
}

let rendering = 0;
export async function render() {
  const mine = ++rendering;
  chrome();
  const main = document.getElementById('main');
  // Busy until the new page replaces the old one, so that nothing (a screen reader, a test) takes the old for the new.
  main.setAttribute('aria-busy', 'true');
  const shown = location.hash;
  const hash = shown || '#/';
  const route = ROUTES.find(([re]) => re.test(hash));
  const page = h('div', { 'aria-busy': 'true' });
  try {
    if (!route) page.append(h('h1', {}, t('common.notFound')));
    else await route[1](page, ...(hash.match(route[0]).slice(1)));
  } catch (e) {
    // A page the node refuses shows its title and the refusal only, none of its controls.
    const title = page.querySelector('h1');
    page.replaceChildren(...(title ? [title] : []));
    if (e && e.status !== undefined) page.append(problemBox(e));
    else { page.append(problemBox({ title: t('problem.failed') })); console.error(e); }
  }
  if (mine !== rendering) return;
  page.removeAttribute('aria-busy');
  main.replaceChildren(page);
  // Which address the shown page is of: the old page stays until the new one replaces it.
  main.dataset.page = shown;
  main.removeAttribute('aria-busy');
  if (restoreDrafts()) page.prepend(h('p', { class: 'notice', role: 'status' }, t('common.draftRestored')));
  document.getElementById('live').textContent = document.title + ': ' + (page.querySelector('h1')?.textContent || '');
}

/** Moves to another page of the console. */
export function go(hash) {
  if (location.hash === hash) render();
  else location.hash = hash;
}

async function start() {
  await loadConfig();
  await loadLanguage(country());
  const back = await completeLogin();
  if (back && back.failed) {
    chrome();
    document.getElementById('main').replaceChildren(h('h1', {}, t('login.failed')),
      h('button', { type: 'button', onclick: () => login(locale()) }, t('login.again')));
    return;
  }
  if (!user()) {
    await login(locale());
    return;
  }
  window.addEventListener('hashchange', () => { render(); document.getElementById('main').focus(); });
  await render();
}

start().catch((e) => {
  document.getElementById('main').replaceChildren(h('div', { class: 'problem', role: 'alert' }, String(e.message || e)));
});
