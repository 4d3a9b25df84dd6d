// The operator's page (node-admin): the federation as the country's gateway sees it, through the node —
// its health, partners and a ping of each, the directory, queues, certificates, dead letters with their
// retry —, the node's own certificates and keys, the message trace, and the organisations this node knows.
import { call, get } from '../api.js';
import { go } from '../app.js';
import { code, date, t } from '../i18n.js';
import { download, facts, h, notice, problemBox, table } from '../ui.js';

function age(seconds) {
  if (!seconds) return '0 s';
  if (seconds < 120) return seconds + ' s';
  if (seconds < 7200) return Math.round(seconds / 60) + ' min';
  return Math.round(seconds / 3600) + ' h';
}

function pingButton(country, slot) {
  return h('button', { type: 'button', class: 'secondary', 'data-ping': country, onclick: async () => {
    slot.replaceChildren(h('span', { role: 'status' }, t('operator.pinging')));
    try {
      const r = (await call('POST', '/api/v1/operations/ping/' + country)).body;
      slot.replaceChildren(r.reached
        ? h('span', { class: 'ok', role: 'status' }, t('operator.pingOk', { country, ms: r.millis, caller: r.answer?.caller || '' }))
        : h('span', { class: 'bad', role: 'status' }, t('operator.pingFailed', { country, reason: r.failure || r.status })));
    } catch (p) {
      slot.replaceChildren(problemBox(p));
    }
  } }, t('operator.ping', { country }));
}

const certificateColumns = () => [
  [t('operator.certificate'), (c) => c.name], [t('operator.subject'), (c) => h('code', {}, c.subject)],
  [t('operator.notAfter'), (c) => date(c.notAfter)],
  [t('operator.daysLeft'), (c) => (c.expiringSoon ? h('strong', { class: 'bad' }, t('operator.expiringSoon', { days: c.daysLeft })) : String(c.daysLeft))]];

function healthSection(health) {
  if (!health) return h('p', {}, t('operator.healthUnknown'));
  const up = health.status === 'UP';
  // What a check reports is shown when it fails: why it is down (the certificates' days are in their table).
  return h('div', {}, h('p', { id: 'gateway-health' }, h('strong', { class: up ? 'ok' : 'bad' }, up ? t('operator.healthUp') : t('operator.healthDown'))),
    h('ul', { class: 'checks' }, (health.checks || []).map((c) => h('li', { class: c.status === 'UP' ? 'pass' : 'fail' },
      code('healthCheck', c.name), ': ', code('healthStatus', c.status),
      c.status !== 'UP' && Object.keys(c.data || {}).length ? h('span', { class: 'detail' }, ' (' + Object.entries(c.data).map(([k, v]) => k + ' ' + v).join(', ') + ')') : null))));
}

/** What expires or breaks soon, first: the operator acts on these before anything fails. */
function attention(main, certificates, keys) {
  const soon = certificates.filter((c) => c.expiringSoon);
  const broken = keys.filter((k) => !k.sound);
  const keysSoon = keys.filter((k) => k.sound && k.expiringSoon);
  if (!soon.length && !broken.length && !keysSoon.length) return;
  main.append(h('div', { class: 'problem', role: 'alert', id: 'attention' }, h('strong', {}, t('operator.attention')),
    h('ul', {}, soon.map((c) => h('li', {}, t('operator.certificateExpiring', { name: c.name, days: c.daysLeft, at: date(c.notAfter) }))),
      broken.map((k) => h('li', {}, t('operator.keyBroken', { kid: k.kid }))),
      keysSoon.map((k) => h('li', {}, t('operator.keyExpiring', { kid: k.kid, days: k.daysLeft, at: date(k.expiresAt) }))))));
}

function keyState(k) {
  const expired = k.expiresAt && Date.parse(k.expiresAt) <= Date.now();
  if (!k.sound) return h('strong', { class: 'bad' }, expired ? t('operator.keyExpired') : k.held ? t('operator.keyUnpublished') : t('operator.keyMissing'));
  if (expired) return t('operator.keyExpired');
  if (k.inUse) return h('span', { class: 'ok' }, t('operator.keyInUse'));
  return k.held ? t('operator.keyRetired') : t('operator.keyOld');
}

async function credentials(main) {
  main.append(h('h2', { id: 'h-credentials' }, t('operator.nodeCredentials')), h('p', {}, t('operator.nodeCredentialsExplain')));
  let c;
  try {
    c = await get('/api/v1/operations/credentials');
  } catch (p) {
    if (p.status === 403) throw p;
    main.append(problemBox(p));
    return { certificates: [], keys: [] };
  }
  main.append(h('h3', {}, t('operator.nodeCertificates')), table(t('operator.nodeCertificates'), certificateColumns(), c.certificates));
  main.append(h('h3', {}, t('operator.keys')), h('p', {}, t('operator.keysExplain')), c.federation ? table(t('operator.keys'), [
    [t('operator.kid'), (k) => h('code', {}, k.kid)], [t('operator.keyUse'), (k) => code('keyUse', k.use)],
    [t('operator.keyHeld'), (k) => (k.held ? t('common.yes') : t('common.no'))],
    [t('operator.keyPublished'), (k) => (k.published ? t('common.yes') : t('common.no'))],
    [t('operator.keyExpires'), (k) => (k.expiresAt ? date(k.expiresAt) + ' (' + t('operator.daysLeft') + ': ' + k.daysLeft + ')' : t('operator.keyNoExpiry'))],
    [t('operator.keyState'), keyState]], c.keys) : h('p', {}, t('operator.noFederation')));
  return c;
}

async function federation(main) {
  let o;
  try {
    o = await get('/api/v1/operations');
  } catch (p) {
    // A role's refusal is the whole page's (app.js shows it once); the gateway's own refusal or absence is this part's.
    if (p.status === 403) throw p;
    main.append(h('h2', {}, t('operator.federation')), problemBox(p));
    return { certificates: [] };
  }
  main.append(h('h2', {}, t('operator.federation')), facts([
    [t('operator.country'), o.country],
    [t('operator.directory'), o.directoryVersion === null || o.directoryVersion === undefined ? t('operator.noDirectory')
      : t('operator.directoryVersion', { version: o.directoryVersion, at: date(o.directoryIssuedAt) })],
    [t('operator.deadLetterCount'), String(o.deadLetters) + (o.deadLettersCapped ? '+' : '')]]));
  main.append(h('h3', {}, t('operator.health')), healthSection(o.health));
  main.append(h('h3', {}, t('operator.partners')), table(t('operator.partners'), [
    [t('operator.partner'), (p) => p.country + ' — ' + (p.name || '')], [t('operator.status'), (p) => code('participant', p.status)],
    [t('operator.gatewayUrl'), (p) => h('code', {}, p.gatewayUrl || '')],
    [t('operator.mtls'), (p) => { const slot = h('span', { class: 'ping-result' }); return h('span', {}, pingButton(p.country, slot), ' ', slot); }]],
  o.partners || []));
  main.append(h('h3', {}, t('operator.queues')), table(t('operator.queues'), [
    [t('operator.peer'), (q) => (q.peer === 'node' ? t('operator.ownNode') : q.peer)], [t('operator.depth'), (q) => String(q.depth)],
    [t('operator.oldest'), (q) => age(q.oldestAgeSeconds)]], o.queues || []));
  main.append(h('h3', {}, t('operator.certificates')), table(t('operator.certificates'), certificateColumns(), o.certificates || []));
  return o;
}

async function deadLetters(main) {
  main.append(h('h2', {}, t('operator.deadLetters')), h('p', {}, t('operator.deadLettersExplain')));
  const status = h('div', {});
  main.append(status);
  let list;
  try {
    list = (await call('GET', '/api/v1/operations/dead-letters')).body;
  } catch (p) {
    main.append(problemBox(p));
    return;
  }
  main.append(table(t('operator.deadLetters'), [
    [t('operator.message'), (m) => h('code', {}, m.messageId)], [t('trace.type'), (m) => code('type', m.type)],
    [t('operator.route'), (m) => m.from + ' → ' + m.to], [t('operator.deadAt'), (m) => date(m.deadAt)],
    [t('operator.attempts'), (m) => String(m.attempts)], [t('operator.lastError'), (m) => m.lastError || ''],
    [t('operator.retryColumn'), (m) => h('button', { type: 'button', 'data-retry': m.messageId, onclick: async () => {
      try {
        await call('POST', '/api/v1/operations/dead-letters/' + m.messageId + '/retry');
        sessionStorage.setItem('trm.console.retried', m.messageId);
        go('#/operator');
      } catch (p) { status.replaceChildren(problemBox(p)); }
    } }, t('operator.retry'))]], list));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TRACE_COLUMNS = ['messageId', 'conversationId', 'type', 'direction', 'nodeState', 'createdAt', 'attempts', 'lastError',
  'receiptReceivedAt', 'gatewayState', 'gatewayAcceptedAt', 'gatewayForwardedAt', 'gatewayDeliveredAt', 'gatewayReceiptedAt',
  'gatewayDeadAt', 'gatewayLastError'];

/** RFC 4180: every field quoted, quotes doubled. */
function csv(rows) {
  const cell = (v) => '"' + String(v === null || v === undefined ? '' : v).replace(/"/g, '""') + '"';
  return [TRACE_COLUMNS.map(cell).join(','), ...rows.map((r) => TRACE_COLUMNS.map((k) => cell(r[k])).join(','))].join('\r\n') + '\r\n';
}

function traceSection() {
  const result = h('div', { id: 'trace-result' });
  const form = h('form', { class: 'filters', role: 'search', novalidate: true, 'aria-label': t('trace.title') },
    h('label', {}, t('trace.messageId'), h('input', { name: 'messageId', size: 38 })),
    h('label', {}, t('trace.conversationId'), h('input', { name: 'conversationId', size: 38 })),
    h('label', {}, t('trace.caseReference'), h('input', { name: 'caseReference', size: 16, maxlength: 40 })),
    h('button', { type: 'submit' }, t('common.search')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const q = new URLSearchParams();
    for (const name of ['messageId', 'conversationId', 'caseReference']) {
      const v = form.elements[name].value.trim();
      if (v) q.set(name, v);
    }
    if (![...q.keys()].length) { result.replaceChildren(problemBox({ title: t('validation.traceAny') })); return; }
    for (const name of ['messageId', 'conversationId']) {
      if (q.get(name) && !UUID.test(q.get(name))) { result.replaceChildren(problemBox({ title: t('validation.uuid') })); form.elements[name].focus(); return; }
    }
    try {
      const rows = await get('/api/v1/operations/trace?' + q);
      result.replaceChildren(h('p', { role: 'status' }, t('trace.count', { n: rows.length })), table(t('trace.title'), [
        [t('operator.message'), (m) => h('code', {}, m.messageId.slice(0, 8))], [t('trace.type'), (m) => code('type', m.type)],
        [t('referral.direction'), (m) => code('direction', m.direction)], [t('trace.node'), (m) => code('state', m.nodeState)],
        [t('trace.gateway'), (m) => (m.gatewayState ? code('gwState', m.gatewayState) : '')],
        [t('trace.history'), (m) => [['trace.accepted', m.gatewayAcceptedAt], ['trace.forwarded', m.gatewayForwardedAt],
          ['trace.delivered', m.gatewayDeliveredAt], ['trace.receipted', m.gatewayReceiptedAt || m.receiptReceivedAt], ['trace.dead', m.gatewayDeadAt]]
          .filter(([, at]) => at).map(([k, at]) => t(k) + ' ' + date(at)).join(' → ')],
        [t('operator.lastError'), (m) => m.gatewayLastError || m.lastError || '']], rows),
      rows.length ? h('button', { type: 'button', class: 'secondary', id: 'trace-csv', onclick: () => download('trace.csv', csv(rows), 'text/csv') }, t('trace.csv')) : null);
    } catch (p) { result.replaceChildren(problemBox(p)); }
  });
  return h('section', { 'aria-labelledby': 'h-trace' }, h('h2', { id: 'h-trace' }, t('trace.title')), h('p', {}, t('trace.explain')), form, result);
}

export async function overview(main) {
  main.append(h('h1', {}, t('operator.title')));
  const retried = sessionStorage.getItem('trm.console.retried');
  if (retried) {
    sessionStorage.removeItem('trm.console.retried');
    main.append(notice(t('operator.retried', { id: retried })));
  }
  // Asked at once; the node answers for its own credentials even when its gateway does not.
  const gatewayPart = h('div', {});
  const nodePart = h('div', {});
  const [gateway, own] = await Promise.all([federation(gatewayPart), credentials(nodePart)]);
  attention(main, [...(gateway.certificates || []), ...own.certificates], own.keys);
  main.append(gatewayPart, nodePart);
  await deadLetters(main);
  main.append(traceSection());
  const orgs = await get('/api/v1/organisations');
  main.append(h('h2', {}, t('operator.organisations')), table(t('operator.organisations'), [
    [t('operator.orgId'), (o) => h('code', {}, o.id)], [t('operator.orgName'), (o) => o.name],
    [t('operator.orgType'), (o) => code('orgType', o.type)], [t('operator.orgCountry'), (o) => o.country || ''],
    [t('operator.orgActive'), (o) => (o.active ? t('common.yes') : t('common.no'))], [t('operator.orgCreated'), (o) => date(o.createdAt)]], orgs));
}
