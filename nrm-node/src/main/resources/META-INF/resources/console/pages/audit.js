// The auditor's pages: the audit trail with its search and the chain's verification, and statistics.
import { get } from '../api.js';
import { go } from '../app.js';
import { code, date, t } from '../i18n.js';
import { facts, h, problemBox, table } from '../ui.js';

// Values of a dimension in words, with the labels of the code list they come from.
const KIND = { phase: 'phase', identificationStatus: 'identification', sex: 'gender', formOfExploitation: 'form' };
const label = (name, value) => {
  const words = code(KIND[name] || 'value', value);
  return words === String(value) ? code('value', value) : words;
};

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
  const err = h('span', { class: 'field-error', id: 'caseId-error' });
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': t('audit.search'), novalidate: true },
    h('label', {}, t('audit.caseId'), h('input', { name: 'caseId', id: 'caseId', value: q.get('caseId') || '', size: 38, 'aria-describedby': 'caseId-error' })),
    h('button', { type: 'submit' }, t('common.search')), err);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const v = form.elements.caseId.value.trim();
    if (v && !UUID.test(v)) { err.textContent = t('validation.uuid'); form.elements.caseId.focus(); return; }
    go('#/audit' + (v ? '?caseId=' + encodeURIComponent(v) : ''));
  });
  main.append(h('h2', {}, t('audit.entries')), form);
  const page = Number(q.get('page') || 0);
  const api = new URLSearchParams({ page: String(page), size: '50' });
  if (q.get('caseId')) api.set('caseId', q.get('caseId'));
  const entries = await get('/api/v1/audit?' + api);
  main.append(h('p', {}, t('audit.count', { n: entries.total })), table(t('audit.entries'), [
    [t('audit.seq'), (e) => String(e.seq)], [t('audit.at'), (e) => date(e.occurredAt)], [t('audit.actor'), (e) => e.actor],
    [t('audit.organisation'), (e) => e.organisation || ''], [t('audit.action'), (e) => code('auditAction', e.action)],
    [t('audit.resource'), (e) => e.resource || ''],
    [t('audit.case'), (e) => (e.caseId ? h('a', { href: '#/audit?caseId=' + e.caseId }, e.caseId.slice(0, 8)) : '')],
    [t('audit.hash'), (e) => h('code', {}, (e.hash || '').slice(0, 16) + '…')]], entries.items));
  const nav = h('p', { class: 'actions' });
  const base = (p) => '#/audit?' + new URLSearchParams({ ...(q.get('caseId') ? { caseId: q.get('caseId') } : {}), page: String(p) });
  if (page > 0) nav.append(h('a', { href: base(page - 1) }, t('common.previous')));
  if ((page + 1) * 50 < entries.total) nav.append(h('a', { href: base(page + 1) }, t('common.next')));
  main.append(nav);
}

function chart(name, cells) {
  // The table beside it carries the same figures for screen readers; the chart is a picture of them.
  const canvas = h('canvas', { role: 'img', 'aria-label': t('stats.chartOf', { dimension: t('stats.dim.' + name) }) });
  const box = h('div', { class: 'chart' }, canvas);
  if (window.Chart) {
    const shown = cells.filter((c) => !c.suppressed);
    new window.Chart(canvas, { type: 'bar', data: { labels: shown.map((c) => label(name, c.value)),
      datasets: [{ label: t('stats.cases'), data: shown.map((c) => c.count), backgroundColor: '#0b4f8a' }] },
    options: { animation: false, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } } });
  }
  return box;
}

export async function statistics(main, query = '') {
  const q = new URLSearchParams(query.replace(/^\?/, ''));
  main.append(h('h1', {}, t('stats.title')));
  const err = h('span', { class: 'field-error', id: 'year-error' });
  const form = h('form', { class: 'filters', novalidate: true, 'aria-label': t('stats.filter') },
    h('label', {}, t('stats.year'), h('input', { name: 'year', id: 'year', type: 'number', min: 2000, max: 2100, value: q.get('year') || '', 'aria-describedby': 'year-error' })),
    h('button', { type: 'submit' }, t('stats.show')), err);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const y = form.elements.year.value.trim();
    if (y && !(Number(y) >= 2000 && Number(y) <= 2100)) { err.textContent = t('validation.year'); form.elements.year.focus(); return; }
    go('#/statistics' + (y ? '?year=' + y : ''));
  });
  main.append(form);
  const s = await get('/api/v1/statistics' + (q.get('year') ? '?year=' + encodeURIComponent(q.get('year')) : ''));
  main.append(facts([[t('stats.country'), s.country], [t('stats.year'), s.year || t('stats.allYears')],
    [t('stats.total'), s.totalCases === null ? t('stats.suppressed') : String(s.totalCases)],
    [t('stats.minimumCell'), String(s.minimumCellSize)], [t('stats.generatedAt'), date(s.generatedAt)]]),
  h('p', {}, t('stats.suppressionExplain', { n: s.minimumCellSize })));
  for (const [name, cells] of Object.entries(s.dimensions || {})) {
    main.append(h('section', { 'aria-labelledby': 'dim-' + name }, h('h2', { id: 'dim-' + name }, t('stats.dim.' + name)),
      table(t('stats.dim.' + name), [[t('stats.value'), (c) => label(name, c.value)],
        [t('stats.cases'), (c) => (c.suppressed ? t('stats.suppressed') : String(c.count))]], cells),
      cells.some((c) => !c.suppressed) ? chart(name, cells) : null));
  }
}
