// Agreement follow-up (auditor and coordinator): the country's agreements as the signed directory has
// them, and per agreement its follow-up report over a chosen period — the figures per revision and
// direction, the gateway's transport figures, and the report as CSV, a printable page and signed.
import { file, get } from '../api.js';
import { go } from '../app.js';
import { code, date, t } from '../i18n.js';
import { download, facts, h, notice, problemBox, showErrors, table } from '../ui.js';

const enc = encodeURIComponent;

/** An ISO 8601 duration (PT72H, P14D, P1M) in words: months, days and hours, or as it is. */
export function duration(iso) {
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(iso || '');
  if (!m) return iso || '';
  const [, y, mo, w, d, hr, mi] = m.map((x) => Number(x || 0));
  const days = d + w * 7 + (hr >= 24 && !mi ? Math.floor(hr / 24) : 0);
  const hours = hr >= 24 && !mi ? hr % 24 : hr;
  const parts = [];
  if (y) parts.push(t('unit.years', { n: y }));
  if (mo) parts.push(t('unit.months', { n: mo }));
  if (days) parts.push(t('unit.days', { n: days }));
  if (hours) parts.push(t('unit.hours', { n: hours }));
  if (mi) parts.push(t('unit.minutes', { n: mi }));
  return parts.join(' ') || iso;
}

/** A time to answer in seconds, in the largest units that say it. */
function seconds(s) {
  if (s === null || s === undefined) return t('followUp.noAnswers');
  if (s < 3600) return t('unit.minutes', { n: Math.max(1, Math.round(s / 60)) });
  if (s < 172800) return t('unit.hours', { n: Math.round(s / 360) / 10 });
  return t('unit.days', { n: Math.round(s / 8640) / 10 });
}

/** A revision's dates as days (the directory's instants are midnights UTC), or that it has none. */
const day = (iso) => (iso ? date(iso.slice(0, 10)) : '');
const validity = (r) => (r.validFrom || r.validUntil ? day(r.validFrom) + ' – ' + (day(r.validUntil) || t('agreements.open')) : t('agreements.open'));

const inForce = (a) => a.revisions.filter((r) => r.status === 'IN_FORCE').pop() || a.revisions[a.revisions.length - 1];

export async function list(main) {
  main.append(h('h1', {}, t('agreements.title')), h('p', {}, t('agreements.explain')));
  const agreements = await get('/api/v1/agreements');
  main.append(table(t('agreements.title'), [
    [t('agreements.id'), (a) => h('a', { href: '#/agreements/' + enc(a.id) }, t('agreements.report', { id: a.id }))],
    [t('agreements.parties'), (a) => inForce(a).parties.join(', ')],
    [t('agreements.revision'), (a) => t('agreements.revisionOf', { revision: inForce(a).revision, n: a.revisions.length })],
    [t('agreements.status'), (a) => code('revisionStatus', inForce(a).status)],
    [t('agreements.validity'), (a) => validity(inForce(a))],
    [t('agreements.responseTime'), (a) => duration(inForce(a).responseTime) || t('common.none')],
    [t('agreements.returnTerms'), (a) => returnTerms(inForce(a))],
  ], agreements));
}

function returnTerms(r) {
  if (!r.returnLeadTime && !(r.returnFollowUps || []).length) return t('common.none');
  return [r.returnLeadTime ? t('agreements.leadTime', { time: duration(r.returnLeadTime) }) : null,
    (r.returnFollowUps || []).length ? t('agreements.followUps', { times: r.returnFollowUps.map(duration).join(', ') }) : null]
    .filter(Boolean).join('; ');
}

const today = () => new Date().toISOString().slice(0, 10);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

// The figures of a leg, one row each: [label, leg => value].
const FIGURES = () => [
  [t('followUp.referrals'), (l) => String(l.referrals)],
  [t('followUp.accepted'), (l) => String(l.accepted)],
  [t('followUp.declined'), (l) => String(l.declined)],
  [t('followUp.unanswered'), (l) => String(l.unanswered)],
  [t('followUp.withdrawn'), (l) => String(l.withdrawn)],
  [t('followUp.failed'), (l) => String(l.failed)],
  [t('followUp.median'), (l) => seconds(l.medianAnswerSeconds)],
  [t('followUp.p90'), (l) => seconds(l.p90AnswerSeconds)],
  [t('followUp.late'), (l) => String(l.answeredLate)],
  [t('followUp.pastAgreed'), (l) => String(l.unansweredPastAgreed)],
];
const TRANSPORT = () => [
  [t('followUp.messages'), (x) => (x ? Object.entries(x.messages || {}).map(([k, n]) => code('type', k) + ': ' + n).join(', ') || '0' : null)],
  [t('followUp.deadLetters'), (x) => (x ? String(x.deadLetterCount) : null)],
  [t('followUp.failureSignals'), (x) => (x ? String(x.failureSignals) : null)],
];

/** One table: a row per figure, a column per revision and direction. */
function figures(report) {
  const legs = report.legs;
  if (!legs.length) return h('p', {}, t('followUp.noLegs'));
  const legName = (l) => t('followUp.leg', { revision: l.revision, from: l.from, to: l.to, direction: code('direction', l.direction) });
  const row = (label, cell, cls) => h('tr', { class: cls }, h('th', { scope: 'row' }, label), legs.map((l) => h('td', {}, cell(l) ?? t('followUp.noTransport'))));
  return h('table', { id: 'follow-up-figures', class: 'figures' },
    h('caption', {}, t('followUp.figuresCaption', { id: report.agreement, from: date(report.from), to: date(report.to) })),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('followUp.figure')), legs.map((l) => h('th', { scope: 'col' }, legName(l))))),
    h('tbody', {}, FIGURES().map(([label, cell]) => row(label, cell)),
      h('tr', {}, h('th', { scope: 'rowgroup', colspan: legs.length + 1, class: 'group' }, t('followUp.transport'))),
      TRANSPORT().map(([label, cell]) => row(label, (l) => cell(l.transport)))));
}

function downloads(id, from, to, slot) {
  const q = 'from=' + from + '&to=' + to;
  const save = (format, accept, ext) => h('button', { type: 'button', class: 'secondary', 'data-download': format, onclick: async () => {
    slot.replaceChildren(h('span', { role: 'status' }, t('followUp.downloading')));
    try {
      const f = await file('/api/v1/agreements/' + enc(id) + '/follow-up?' + q + '&format=' + format, accept);
      const name = f.name || 'follow-up-' + id.replace(/[^A-Za-z0-9-]/g, '_') + '-' + from + '-' + to + '.' + ext;
      download(name, f.blob);
      slot.replaceChildren(notice(t('followUp.saved', { name })));
    } catch (p) { slot.replaceChildren(problemBox(p)); }
  } }, t('followUp.download.' + format));
  return h('div', { class: 'actions' }, save('csv', 'text/csv', 'csv'), save('html', 'text/html', 'html'), save('jws', 'application/trm-follow-up+jws', 'jws'));
}

export async function report(main, rawId, query = '') {
  const id = decodeURIComponent(rawId);
  const q = new URLSearchParams(query.replace(/^\?/, ''));
  main.append(h('h1', {}, t('followUp.title', { id })), h('p', {}, h('a', { href: '#/agreements' }, t('followUp.back'))));
  const from = q.get('from') || today().slice(0, 4) + '-01-01';
  const to = q.get('to') || today();
  const input = (name, value, label) => {
    const el = h('input', { name, id: 'period-' + name, type: 'date', value, required: true, 'aria-describedby': 'period-' + name + '-error' });
    return h('label', { for: el.id }, label, el, h('span', { class: 'field-error', id: el.id + '-error', 'aria-live': 'polite' }));
  };
  const form = h('form', { class: 'filters', novalidate: true, 'aria-label': t('followUp.period') },
    input('from', from, t('followUp.from')), input('to', to, t('followUp.to')),
    h('button', { type: 'submit' }, t('followUp.show')));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const el = form.elements;
    const e = {};
    if (!DATE.test(el.from.value)) e.from = t('validation.required');
    if (!DATE.test(el.to.value)) e.to = t('validation.required');
    else if (DATE.test(el.from.value) && el.to.value < el.from.value) e.to = t('validation.toBeforeFrom');
    if (!showErrors(form, e)) return;
    go('#/agreements/' + enc(id) + '?from=' + el.from.value + '&to=' + el.to.value);
  });
  main.append(h('h2', {}, t('followUp.period')), form);
  const r = await get('/api/v1/agreements/' + enc(id) + '/follow-up?from=' + enc(from) + '&to=' + enc(to) + '&format=json');
  const slot = h('div', {});
  main.append(facts([[t('followUp.country'), r.country], [t('followUp.periodIs'), date(r.from) + ' – ' + date(r.to)],
    [t('followUp.asOf'), date(r.asOf)], [t('followUp.directory'), String(r.directoryVersion)],
    [t('followUp.gateway'), r.gatewayReached ? t('followUp.gatewayReached') : t('followUp.gatewayNotReached')]]));
  if (!r.gatewayReached) main.append(h('p', { class: 'hint' }, t('followUp.gatewayExplain')));
  main.append(h('h2', {}, t('followUp.figures')), figures(r));
  main.append(h('h2', {}, t('followUp.revisions')), table(t('followUp.revisions'), [
    [t('agreements.revision'), (x) => String(x.revision)], [t('agreements.status'), (x) => code('revisionStatus', x.status)],
    [t('agreements.parties'), (x) => x.parties.join(', ')],
    [t('agreements.validity'), (x) => validity(x)],
    [t('agreements.responseTime'), (x) => duration(x.responseTime) || t('common.none')],
    [t('followUp.focalPoints'), (x) => (x.focalPoints || []).map((f) => f.country + ': ' + f.institution).join('; ')]], r.revisions));
  main.append(h('h2', {}, t('followUp.downloads')), h('p', {}, t('followUp.downloadsExplain')), downloads(id, r.from, r.to, slot), slot);
  main.append(h('h2', {}, t('followUp.referralList', { n: r.referrals.length })), table(t('followUp.referralList', { n: r.referrals.length }), [
    [t('referral.conversation'), (x) => h('a', { href: '#/referrals/' + x.conversationId }, h('code', {}, x.conversationId.slice(0, 8)))],
    [t('agreements.revision'), (x) => String(x.revision)], [t('followUp.route'), (x) => x.from + ' → ' + x.to],
    [t('followUp.sentAt'), (x) => date(x.sentAt)], [t('followUp.outcome'), (x) => code('outcome', x.outcome)],
    [t('followUp.answeredAt'), (x) => date(x.answeredAt)],
    [t('followUp.timing'), (x) => (x.answeredLate ? h('strong', { class: 'bad' }, t('followUp.answeredLate')) : x.unansweredPastAgreed ? h('strong', { class: 'bad' }, t('followUp.overdue')) : '')]],
  r.referrals));
}
