// National statistics: the node's fixed tables (GET /api/v1/statistics/tables), every single
// dimension and every cross-tabulation of two, for all years at once. The node takes no filter (two
// filtered answers could be subtracted); choosing a population or a cross-tab here only picks which
// of the released tables to show. Each chart has its table beside it, with the same figures.
import { call, get } from '../api.js';
import { go, may, ROLES } from '../app.js';
import { code, date, t } from '../i18n.js';
import { facts, h, problemBox, select, showErrors } from '../ui.js';

const POPULATIONS = ['registeredVictims', 'referrals', 'returnRequests'];
// The federation's figures: secure aggregation over every participant (docs/PROTOCOL.md section 17).
const FEDERATION = 'federation';
const ROUNDS = '/api/v1/statistics/federation-rounds';
// The code list each dimension's values come from; the others (year, citizenship, partner, age group) read as they are.
const KIND = { identification: 'identification', sex: 'gender', childOrAdult: 'childOrAdult', citizenshipClass: 'citizenshipClass',
  formOfExploitation: 'form', organisationType: 'orgType', phase: 'phase', transnational: 'value', direction: 'direction',
  answer: 'conversation', answerTime: 'answerTime' };
// Okabe-Ito: told apart with every kind of colour vision.
const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#8C6D00', '#000000'];

// The federation's tables name some codes by their Java constant (docs/PROTOCOL.md section 17); those
// whose constant is not their wire form spelt otherwise are read through their wire form.
const WIRE = { organisationType: { HEALTH_SERVICE: 'HealthServiceOrganisation', CENTRAL_GOVERNMENT: 'CentralGovernmentOrganisation',
  LOCAL_GOVERNMENT: 'LocalGovernmentOrganisation' } };
// Their citizenship names the participants and groups the rest as the national citizenship class does.
const CITIZENSHIP_CLASSES = ['OTHER_EU', 'NON_EU'];
const value = (dimension, v) => (v === 'Unknown' || v === 'UNKNOWN' ? t('value.UNKNOWN')
  : dimension === 'citizenship' && CITIZENSHIP_CLASSES.includes(v) ? code('citizenshipClass', v)
    : KIND[dimension] ? code(KIND[dimension], WIRE[dimension]?.[v] ?? v) : v);
// Who may ask for a round; the node refuses anyone else whatever the page shows. A function: app.js,
// which imports this module, has not defined ROLES yet when this one is evaluated.
const mayAskForRound = () => may([ROLES.AUDITOR, ROLES.COORDINATOR]);
const figure = (cell) => (!cell ? '0' : cell.suppressed ? t('stats.suppressed') : String(cell.count));
const dimName = (d) => t('stats.dim.' + d);

function chart(caption, labels, datasets, stacked) {
  // A picture of the table next to it; screen readers get the table.
  const canvas = h('canvas', { role: 'img', 'aria-label': caption });
  const box = h('div', { class: 'chart' }, canvas);
  if (window.Chart) {
    new window.Chart(canvas, { type: 'bar', data: { labels, datasets },
      options: { animation: false, plugins: { legend: { display: datasets.length > 1 } },
        scales: { x: { stacked }, y: { stacked, beginAtZero: true, ticks: { precision: 0 } } } } });
  }
  return box;
}

function single(population, table) {
  const d = table.dimensions[0];
  const id = 'dim-' + population + '-' + d;
  const shown = table.cells.filter((c) => !c.suppressed);
  return h('section', { 'aria-labelledby': id, class: 'dimension' }, h('h3', { id }, dimName(d)),
    d === 'formOfExploitation' ? h('p', { class: 'hint' }, t('stats.multiValued')) : null,
    table.cells.length ? h('table', {}, h('caption', { class: 'sr-only' }, dimName(d)),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, dimName(d)), h('th', { scope: 'col' }, t('stats.count.' + population)))),
      h('tbody', {}, table.cells.map((c) => h('tr', {}, h('th', { scope: 'row' }, value(d, c.values[0])), h('td', {}, figure(c))))))
      : h('p', {}, t('stats.empty')),
    shown.length ? chart(t('stats.chartOf', { dimension: dimName(d) }), shown.map((c) => value(d, c.values[0])),
      [{ label: t('stats.count.' + population), data: shown.map((c) => c.count), backgroundColor: PALETTE[0] }], false) : null);
}

/** One cross-tabulation as rows × columns, in the order chosen (the node keeps one order per pair). */
function crossTab(population, tables, rows, cols) {
  const table = tables.find((x) => x.dimensions.length === 2 && x.dimensions.includes(rows) && x.dimensions.includes(cols));
  if (!table) return h('p', {}, t('stats.empty'));
  const r = table.dimensions.indexOf(rows);
  const k = 1 - r;
  const rowValues = [...new Set(table.cells.map((c) => c.values[r]))];
  const colValues = [...new Set(table.cells.map((c) => c.values[k]))];
  const at = new Map(table.cells.map((c) => [c.values[r] + '\u0000' + c.values[k], c]));
  const cell = (rv, cv) => at.get(rv + '\u0000' + cv);
  const caption = t('stats.crossCaption', { rows: dimName(rows), cols: dimName(cols) });
  if (!table.cells.length) return h('p', {}, t('stats.empty'));
  return h('div', { id: 'cross-tab' },
    h('div', { class: 'scroll' }, h('table', {}, h('caption', {}, caption),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, dimName(rows) + ' \\ ' + dimName(cols)),
        colValues.map((cv) => h('th', { scope: 'col' }, value(cols, cv))))),
      h('tbody', {}, rowValues.map((rv) => h('tr', {}, h('th', { scope: 'row' }, value(rows, rv)),
        colValues.map((cv) => h('td', {}, figure(cell(rv, cv))))))))),
    table.cells.some((c) => !c.suppressed) ? chart(t('stats.crossChart', { rows: dimName(rows), cols: dimName(cols) }),
      rowValues.map((rv) => value(rows, rv)),
      colValues.map((cv, i) => ({ label: value(cols, cv), backgroundColor: PALETTE[i % PALETTE.length],
        data: rowValues.map((rv) => { const c = cell(rv, cv); return c && !c.suppressed ? c.count : c ? null : 0; }) })), true) : null);
}

/** A round's state in words: running, failed with its problem, or its tables as the node's own are shown. */
function round(r) {
  const about = [[t('stats.fed.participants'), r.participants.join(', ')], [t('stats.fed.requestedAt'), date(r.createdAt)],
    [t('stats.fed.state'), t('stats.fed.state.' + r.state)]];
  if (r.state === 'RUNNING') {
    return h('div', {}, facts(about), h('p', { role: 'status' }, t('stats.fed.running', { deadline: date(r.deadline) })),
      h('p', {}, h('a', { href: '#/statistics?population=' + FEDERATION + '&round=' + r.id + '&t=' + Date.now() }, t('stats.fed.refresh'))));
  }
  if (r.state === 'FAILED') {
    const p = r.problem || {};
    return h('div', {}, facts(about), h('div', { class: 'problem', role: 'alert' },
      h('strong', {}, t('stats.fed.problem.' + p.type, { countries: (p.countries || []).join(', ') })),
      p.detail ? h('p', {}, p.detail) : null,
      p.countries && p.countries.length ? h('p', {}, t('stats.fed.rerun', { countries: p.countries.join(', ') })) : null));
  }
  const singles = r.tables.tables.filter((x) => x.dimensions.length === 1);
  return h('div', {}, facts([...about, [t('stats.total'), figure(r.tables.total)], [t('stats.minimumCell'), String(r.tables.minimumCellSize)]]),
    h('p', {}, t('stats.fed.ownPart')),
    // Headed as the national cross-tabulation: its caption names the two dimensions.
    h('section', { 'aria-labelledby': 'h-fed-cross' }, h('h3', { id: 'h-fed-cross' }, t('stats.crossTitle')),
    crossTab('registeredVictims', r.tables.tables, 'citizenship', 'identification')),
    h('div', { class: 'dimensions' }, singles.map((x) => single('registeredVictims', x))));
}

async function federation(main, q) {
  main.append(h('h2', { id: 'population' }, t('stats.pop.' + FEDERATION)), h('p', {}, t('stats.fed.explain')));
  const exclude = h('input', { name: 'exclude', id: 'fed-exclude', autocomplete: 'off', 'aria-describedby': 'fed-exclude-hint' });
  const out = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'filters', novalidate: true, 'aria-label': t('stats.fed.start') },
    h('label', { for: 'fed-exclude' }, t('stats.fed.exclude')), exclude,
    h('span', { class: 'hint', id: 'fed-exclude-hint' }, t('stats.fed.excludeHint')),
    h('button', { type: 'submit' }, t('stats.fed.start')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const list = exclude.value.split(/[\s,;]+/).filter(Boolean).map((x) => x.toUpperCase());
    try {
      const r = await call('POST', ROUNDS, { exclude: list });
      go('#/statistics?population=' + FEDERATION + '&round=' + r.body.id);
    } catch (e) {
      out.replaceChildren(problemBox(e));
    }
  });
  if (mayAskForRound()) main.append(form, out);
  const id = q.get('round');
  if (id) {
    main.append(h('section', { 'aria-labelledby': 'h-round' }, h('h2', { id: 'h-round' }, t('stats.fed.round')),
      round(await get(ROUNDS + '/' + encodeURIComponent(id)))));
    return;
  }
  const recent = await get(ROUNDS);
  main.append(h('h3', {}, t('stats.fed.recent')), recent.length ? h('ul', {}, recent.map((r) => h('li', {},
    h('a', { href: '#/statistics?population=' + FEDERATION + '&round=' + r.id },
      date(r.createdAt) + ': ' + t('stats.fed.state.' + r.state) + ' (' + r.participants.join(', ') + ')'))))
    : h('p', {}, t('stats.fed.none')));
}

export async function show(main, query = '') {
  const q = new URLSearchParams(query.replace(/^\?/, ''));
  main.append(h('h1', {}, t('stats.title')));
  const s = await get('/api/v1/statistics/tables');
  const tabs = () => h('nav', { 'aria-label': t('stats.populations'), class: 'tabs' }, h('ul', {},
    [...POPULATIONS.filter((x) => s.populations[x]), FEDERATION].map((x) => h('li', {}, h('a', { href: '#/statistics?population=' + x,
      'aria-current': x === q.get('population') || (x === POPULATIONS[0] && !q.get('population')) ? 'page' : null }, t('stats.pop.' + x))))));
  if (q.get('population') === FEDERATION) {
    main.append(tabs());
    await federation(main, q);
    return;
  }
  const population = POPULATIONS.includes(q.get('population')) ? q.get('population') : POPULATIONS[0];
  const p = s.populations[population];
  main.append(facts([[t('stats.country'), s.country], [t('stats.generatedAt'), date(s.generatedAt)],
    [t('stats.minimumCell'), String(s.minimumCellSize)]]),
  h('p', {}, t('stats.suppressionExplain', { n: s.minimumCellSize })), tabs());
  main.append(h('h2', { id: 'population' }, t('stats.pop.' + population)),
    facts([[t('stats.total'), figure(p.total)]]));

  const singles = p.tables.filter((x) => x.dimensions.length === 1);
  const dimensions = singles.map((x) => x.dimensions[0]);
  const rows = dimensions.includes(q.get('rows')) ? q.get('rows') : dimensions[0];
  const cols = dimensions.includes(q.get('cols')) && q.get('cols') !== rows ? q.get('cols') : dimensions.find((d) => d !== rows);
  const form = h('form', { class: 'filters', novalidate: true, 'aria-label': t('stats.crossTitle') },
    h('label', {}, t('stats.rows'), select('rows', dimensions.map((d) => [d, dimName(d)]), { value: rows })),
    h('label', {}, t('stats.cols'), select('cols', dimensions.map((d) => [d, dimName(d)]), { value: cols })),
    h('button', { type: 'submit' }, t('stats.show')));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const el = form.elements;
    if (!showErrors(form, el.rows.value === el.cols.value ? { cols: t('validation.twoDimensions') } : {})) return;
    go('#/statistics?' + new URLSearchParams({ population, rows: el.rows.value, cols: el.cols.value }));
  });
  // showErrors puts a message next to a control that has a slot for it.
  form.elements.cols.id = 'stats-cols';
  form.elements.cols.setAttribute('aria-describedby', 'stats-cols-error');
  form.elements.cols.after(h('span', { class: 'field-error', id: 'stats-cols-error', 'aria-live': 'polite' }));
  main.append(h('section', { 'aria-labelledby': 'h-cross' }, h('h2', { id: 'h-cross' }, t('stats.crossTitle')), form,
    cols ? crossTab(population, p.tables, rows, cols) : null));
  main.append(h('h2', {}, t('stats.byDimension')), h('div', { class: 'dimensions' }, singles.map((x) => single(population, x))));
}
