// The auditor's page: the audit trail with its search and the chain's verification.
import { get } from '../api.js';
import { go } from '../app.js';
import { code, date, t } from '../i18n.js';
import { facts, h, problemBox, select, showErrors, table } from '../ui.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function verification(v) {
  const anchor = v.anchor || {};
  return h('div', { class: v.valid ? 'notice' : 'problem', role: 'status', id: 'verification' },
    h('p', {}, h('strong', { class: v.valid ? 'ok' : 'bad' }, v.valid ? t('audit.chainValid') : t('audit.chainBroken'))),
    facts([[t('audit.checked'), String(v.checkedEntries)], [t('audit.firstBroken'), v.firstBrokenSeq],
      [t('audit.reason'), v.reason], [t('audit.anchor'), code('anchor', anchor.state)],
      [t('audit.checkpoint'), anchor.checkpointSeq !== undefined && anchor.checkpointSeq !== null
        ? t('audit.checkpointAt', { seq: anchor.checkpointSeq, at: date(anchor.checkpointIssuedAt), n: anchor.checkpointsCompared }) : null],
      [t('audit.anchorReason'), anchor.reason]]));
}

export async function trail(main, query = '') {
  const q = new URLSearchParams(query.replace(/^\?/, ''));
  main.append(h('h1', {}, t('audit.title')));
  const result = h('div', {});
  main.append(h('h2', {}, t('audit.verifyTitle')), h('p', {}, t('audit.verifyExplain')), result,
    h('button', { type: 'button', id: 'verify', onclick: async (ev) => {
      ev.target.disabled = true;
      result.replaceChildren(h('p', { role: 'status' }, t('audit.verifying')));
      try { result.replaceChildren(verification(await get('/api/v1/audit/verify'))); } catch (p) { result.replaceChildren(problemBox(p)); }
      ev.target.disabled = false;
    } }, t('audit.verify')));
  // The search lives in the address, so that a found set of entries can be linked to and paged through.
  const FIELDS = ['caseId', 'actor', 'action', 'from', 'to'];
  const errorSlot = (name) => h('span', { class: 'field-error', id: name + '-error', 'aria-live': 'polite' });
  const input = (name, attrs) => h('input', { name, id: name, value: q.get(name) || '', 'aria-describedby': name + '-error', ...attrs });
  const actionSelect = select('action', ['READ', 'WRITE', 'ERASE', 'RECEIVE', 'AGGREGATE'].map((a) => [a, code('auditAction', a)]), { value: q.get('action'), blank: t('common.any') });
  actionSelect.id = 'action';
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': t('audit.search'), novalidate: true },
    h('label', {}, t('audit.caseId'), input('caseId', { size: 38 }), errorSlot('caseId')),
    h('label', {}, t('audit.actor'), input('actor', { size: 20, maxlength: 200, autocomplete: 'off' }), errorSlot('actor')),
    h('label', {}, t('audit.action'), actionSelect, errorSlot('action')),
    h('label', {}, t('audit.from'), input('from', { type: 'date' }), errorSlot('from')),
    h('label', {}, t('audit.to'), input('to', { type: 'date' }), errorSlot('to')),
    h('button', { type: 'submit' }, t('common.search')));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const el = form.elements;
    const e = {};
    if (el.caseId.value.trim() && !UUID.test(el.caseId.value.trim())) e.caseId = t('validation.uuid');
    if (el.from.value && el.to.value && el.to.value < el.from.value) e.to = t('validation.toBeforeFrom');
    if (!showErrors(form, e)) return;
    const next = new URLSearchParams();
    FIELDS.forEach((name) => { const v = el[name].value.trim(); if (v) next.set(name, v); });
    go('#/audit' + (next.toString() ? '?' + next : ''));
  });
  main.append(h('h2', {}, t('audit.entries')), form);
  const page = Number(q.get('page') || 0);
  const api = new URLSearchParams({ page: String(page), size: '50' });
  FIELDS.forEach((name) => { if (q.get(name)) api.set(name, q.get(name)); });
  const entries = await get('/api/v1/audit?' + api);
  main.append(h('p', { role: 'status' }, t('audit.count', { n: entries.total })), table(t('audit.entries'), [
    [t('audit.seq'), (e) => String(e.seq)], [t('audit.at'), (e) => date(e.occurredAt)],
    [t('audit.actor'), (e) => h('a', { href: '#/audit?actor=' + encodeURIComponent(e.actor) }, e.actor)],
    [t('audit.organisation'), (e) => e.organisation || ''], [t('audit.action'), (e) => code('auditAction', e.action)],
    [t('audit.resource'), (e) => e.resource || ''],
    [t('audit.case'), (e) => (e.caseId ? h('a', { href: '#/audit?caseId=' + e.caseId }, e.caseId.slice(0, 8)) : '')],
    [t('audit.hash'), (e) => h('code', {}, (e.hash || '').slice(0, 16) + '…')]], entries.items));
  const nav = h('p', { class: 'actions' });
  const base = (p) => { const next = new URLSearchParams(q); next.set('page', String(p)); return '#/audit?' + next; };
  if (page > 0) nav.append(h('a', { href: base(page - 1) }, t('common.previous')));
  if ((page + 1) * 50 < entries.total) nav.append(h('a', { href: base(page + 1) }, t('common.next')));
  main.append(nav);
}
