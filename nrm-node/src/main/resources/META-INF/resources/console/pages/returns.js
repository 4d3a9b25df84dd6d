// Safe return: on a case's page, the return announced ahead to the country of return, the departure
// under a return this country requested, and the follow-ups the agreement then sets (OVERDUE when not
// received by their day); as a list, the follow-ups the countries of return owe.
import { call, get } from '../api.js';
import { go, may, ROLES } from '../app.js';
import { code, date, t } from '../i18n.js';
import { COUNTRY, field, h, notice, problemBox, showErrors, table } from '../ui.js';

const SUPPORT = ['RECEPTION_ON_ARRIVAL', 'ESCORT', 'ACCOMMODATION', 'MEDICAL', 'PSYCHOLOGICAL', 'LEGAL', 'INTERPRETATION',
  'FINANCIAL', 'EDUCATION', 'EMPLOYMENT', 'CHILD_PROTECTION', 'SAFETY', 'DOCUMENTS'];
const MAX_PERSONS = 20;
const today = () => new Date().toISOString().slice(0, 10);
const PRENOTIFIED = 'trm.console.prenotified';

function state(f) {
  return f.state === 'OVERDUE' ? h('strong', { class: 'overdue' }, code('followUpState', f.state)) : code('followUpState', f.state);
}

const followUpColumns = (withCase) => [
  ...(withCase ? [[t('case.reference'), (f) => h('a', { href: '#/cases/' + f.caseId }, f.caseReference || f.caseId.slice(0, 8))]] : []),
  [t('returns.partner'), (f) => f.partner],
  [t('returns.seq'), (f) => t('returns.nth', { n: f.seq })],
  [t('returns.dueOn'), (f) => date(f.dueOn)],
  [t('returns.state'), state],
  [t('returns.received'), (f) => (f.receivedAt ? date(f.receivedAt) : '')],
  [t('referral.conversation'), (f) => h('a', { href: '#/referrals/' + f.conversationId }, t('returns.thread'))],
];

/** The return announced ahead: to whom, how many, the planned day, which support to prepare. */
function prenotifyForm(caseId, country) {
  const status = h('div', { tabindex: '-1' });
  const support = h('fieldset', {}, h('legend', {}, t('returns.supportNeeds')),
    SUPPORT.map((s) => h('label', {}, h('input', { type: 'checkbox', name: 'supportNeeds', value: s }), ' ', code('need', s))));
  const form = h('form', { class: 'grid', id: 'prenotify', 'data-draft': 'prenotify', novalidate: true, 'aria-labelledby': 'h-prenotify' },
    field(t('returns.to'), h('input', { name: 'to', maxlength: 2, size: 3, autocomplete: 'off', required: true }), t('hint.returnCountry')),
    field(t('returns.persons'), h('input', { name: 'persons', type: 'number', min: 1, max: MAX_PERSONS, value: '1', required: true })),
    field(t('returns.plannedDeparture'), h('input', { name: 'plannedDeparture', type: 'date', min: today(), required: true }), t('hint.leadTime')),
    h('span', {}), support,
    h('span', {}), h('div', {}, h('button', { type: 'submit' }, t('returns.prenotify'))));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    status.replaceChildren();
    const el = form.elements;
    const e = {};
    const to = el.to.value.trim();
    if (!COUNTRY.test(to)) e.to = t('validation.country');
    else if (to === country) e.to = t('validation.ownCountry');
    const persons = Number(el.persons.value);
    if (!(Number.isInteger(persons) && persons >= 1 && persons <= MAX_PERSONS)) e.persons = t('validation.persons', { max: MAX_PERSONS });
    if (!el.plannedDeparture.value) e.plannedDeparture = t('validation.required');
    else if (el.plannedDeparture.value < today()) e.plannedDeparture = t('validation.notPast');
    if (!showErrors(form, e)) return;
    const body = { to, persons, plannedDeparture: el.plannedDeparture.value,
      supportNeeds: [...form.querySelectorAll('input[name=supportNeeds]:checked')].map((c) => c.value) };
    try {
      const res = await call('POST', '/api/v1/cases/' + caseId + '/return-prenotifications', body);
      sessionStorage.setItem(PRENOTIFIED, JSON.stringify({ to, on: body.plannedDeparture, conversation: res.body && res.body.conversationId }));
      go('#/cases/' + caseId);
    } catch (p) {
      status.replaceChildren(problemBox(p));
      status.focus();
    }
  });
  return h('div', { class: 'record' }, h('h3', { id: 'h-prenotify' }, t('returns.prenotifyTitle')), h('p', { class: 'hint' }, t('returns.prenotifyExplain')), status, form);
}

/** The day the person left, under a return this country requested in conversation r. */
function departureForm(caseId, r) {
  const status = h('div', {});
  const form = h('form', { class: 'inline', novalidate: true, 'data-draft': 'departure-' + r.conversationId, 'data-departure': r.conversationId,
    'aria-label': t('returns.departureFor', { partner: r.partner }) },
  h('label', {}, t('returns.departedOn'), h('input', { name: 'departedOn', id: 'dep-' + r.conversationId, type: 'date', max: today(), required: true, 'aria-describedby': 'dep-' + r.conversationId + '-error' }),
    h('span', { class: 'field-error', id: 'dep-' + r.conversationId + '-error', 'aria-live': 'polite' })),
  h('button', { type: 'submit', class: 'secondary' }, t('returns.recordDeparture')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const v = form.elements.departedOn.value;
    if (!showErrors(form, !v ? { departedOn: t('validation.required') } : v > today() ? { departedOn: t('validation.notFuture') } : {})) return;
    try {
      await call('POST', '/api/v1/referrals/' + r.conversationId + '/return-departure', { departedOn: v });
      go('#/cases/' + caseId);
    } catch (p) { status.replaceChildren(problemBox(p)); }
  });
  return h('div', {}, status, form);
}

/**
 * The case page's safe-return part: what was announced and requested, the departures, the follow-ups.
 * conversations is the case's list (or a refusal), followUps the case's follow-ups (or a refusal).
 */
export function section(caseFile, conversations, followUps, orRefusal, country) {
  const box = h('div', { id: 'safe-return' });
  const prenotified = JSON.parse(sessionStorage.getItem(PRENOTIFIED) || 'null');
  if (prenotified) {
    sessionStorage.removeItem(PRENOTIFIED);
    box.append(notice(t('returns.prenotified', { to: prenotified.to, on: date(prenotified.on) })));
  }
  const list = Array.isArray(conversations) ? conversations : [];
  const returns = list.filter((r) => r.openedBy === 'RETURN_PRENOTIFICATION'
    || (r.messages || []).some((m) => m.type === 'RETURN_REQUEST'));
  // The threads are the coordinator's and the auditor's to read: others are told so, not shown "none".
  const readable = may([ROLES.COORDINATOR, ROLES.AUDITOR]);
  box.append(h('h3', {}, t('returns.conversations')), !readable ? h('p', { class: 'hint' }, t('case.notForRole')) : table(t('returns.conversations'), [
    [t('referral.partner'), (r) => h('a', { href: '#/referrals/' + r.conversationId }, r.partner)],
    [t('returns.kind'), (r) => (r.openedBy === 'RETURN_PRENOTIFICATION' ? t('returns.prenotification') : t('returns.request'))],
    [t('referral.status'), (r) => code('conversation', r.status)],
    [t('returns.departure'), (r) => {
      if (r.returnDepartedOn) return t('returns.departedOnDay', { on: date(r.returnDepartedOn) });
      const requested = (r.messages || []).some((m) => m.type === 'RETURN_REQUEST' && m.direction === 'OUTBOUND');
      return requested && may([ROLES.COORDINATOR]) ? departureForm(caseFile.id, r) : '';
    }]], returns));
  box.append(h('h3', {}, t('returns.followUps')), orRefusal(followUps, (items) => {
    const overdue = items.filter((f) => f.state === 'OVERDUE').length;
    return h('div', {}, overdue ? h('p', { class: 'overdue', role: 'status' }, t('returns.overdueCount', { n: overdue })) : null,
      table(t('returns.followUps'), followUpColumns(false), items));
  }));
  if (may([ROLES.COORDINATOR]) && caseFile.phase !== 'CLOSED') box.append(prenotifyForm(caseFile.id, country));
  return box;
}

const STATES = ['OVERDUE', 'DUE', 'RECEIVED'];

/** The follow-ups the countries of return owe (by default the overdue ones), the earliest due first. */
export async function list(main, query = '') {
  const q = new URLSearchParams(query.replace(/^\?/, ''));
  const chosen = STATES.includes(q.get('state')) ? q.get('state') : 'OVERDUE';
  main.append(h('h1', {}, t('returns.title')), h('p', {}, t('returns.explain')));
  main.append(h('nav', { class: 'tabs', 'aria-label': t('returns.states') }, h('ul', {}, STATES.map((s) =>
    h('li', {}, h('a', { href: '#/returns?state=' + s, 'aria-current': s === chosen ? 'page' : null }, code('followUpState', s)))))));
  const page = await get('/api/v1/return-follow-ups?size=100&state=' + chosen);
  main.append(h('h2', { id: 'follow-up-state' }, t('returns.listOf', { state: code('followUpState', chosen), n: page.total })),
    table(t('returns.title'), followUpColumns(true), page.items));
}
