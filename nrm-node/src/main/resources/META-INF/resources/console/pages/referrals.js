// Transnational referrals: the inbox (accept, decline with a reason) and a conversation's thread.
import { call, get } from '../api.js';
import { go, may, ROLES } from '../app.js';
import { code, date, t } from '../i18n.js';
import { download, facts, field, h, notice, problemBox, select, showErrors, table } from '../ui.js';

function respond(conversationId, status) {
  const form = h('form', { class: 'grid', 'data-draft': 'decline-' + conversationId, novalidate: true, 'aria-label': t('inbox.respond') },
    field(t('inbox.declineReason'), h('textarea', { name: 'reason', rows: 2, maxlength: 1000 }), t('hint.declineReason')),
    h('span', {}), h('div', { class: 'actions' },
      h('button', { type: 'button', name: 'accept', onclick: async () => {
        try {
          await call('POST', '/api/v1/referrals/' + conversationId + '/accept');
          go('#/referrals/' + conversationId);
        } catch (p) { status.replaceChildren(problemBox(p)); }
      } }, t('inbox.accept')),
      h('button', { type: 'submit', class: 'danger' }, t('inbox.decline'))));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const reason = form.elements.reason.value.trim();
    const slot = form.querySelector('.field-error');
    if (!reason) {
      slot.textContent = t('validation.declineReason');
      form.elements.reason.setAttribute('aria-invalid', 'true');
      form.elements.reason.focus();
      return;
    }
    try {
      await call('POST', '/api/v1/referrals/' + conversationId + '/decline', { reason });
      go('#/referrals/' + conversationId);
    } catch (p) { status.replaceChildren(problemBox(p)); }
  });
  return form;
}

const columns = () => [
  [t('referral.conversation'), (r) => h('a', { href: '#/referrals/' + r.conversationId }, t('referral.open', { partner: r.partner, at: date(r.messages?.[0]?.createdAt) }))],
  [t('referral.partner'), (r) => r.partner],
  [t('referral.status'), (r) => code('conversation', r.status)],
  [t('referral.localCase'), (r) => (r.localCaseId ? h('a', { href: '#/cases/' + r.localCaseId }, r.localCaseReference || r.localCaseId) : '')],
  [t('referral.partnerCase'), (r) => r.partnerCaseReference || ''],
];

export async function inbox(main) {
  main.append(h('h1', {}, t('inbox.title')));
  const [inbound, outbound] = await Promise.all([get('/api/v1/referrals?direction=INBOUND'), get('/api/v1/referrals?direction=OUTBOUND')]);
  const pending = inbound.filter((r) => r.status === 'PENDING');
  main.append(h('h2', {}, t('inbox.pending', { n: pending.length })));
  if (!pending.length) main.append(h('p', {}, t('inbox.nothingPending')));
  pending.forEach((r) => {
    const status = h('div', {});
    main.append(h('section', { class: 'pending', 'aria-label': t('referral.from', { partner: r.partner }) },
      h('h3', {}, t('referral.from', { partner: r.partner }), ' — ', date(r.messages?.[0]?.createdAt)),
      summary(r), h('p', {}, h('a', { href: '#/referrals/' + r.conversationId }, t('inbox.thread'))),
      status, may([ROLES.COORDINATOR]) ? respond(r.conversationId, status) : null));
  });
  main.append(h('h2', {}, t('inbox.received')), table(t('inbox.received'), columns(), inbound),
    h('h2', {}, t('inbox.sent')), table(t('inbox.sent'), columns(), outbound));
}

function summary(r) {
  const ref = r.referral || {};
  return facts([[t('refer.reason'), code('reason', ref.reason)], [t('refer.details'), ref.details],
    [t('case.formsOfExploitation'), (ref.formsOfExploitation || []).map((f) => code('form', f)).join(', ')],
    [t('case.identificationStatus'), code('identification', ref.identificationStatus)],
    [t('referral.senderCase'), ref.senderCaseReference], [t('case.citizenship'), ref.citizenship], [t('referral.ageBand'), ref.ageBand],
    [t('referral.consentOverride'), ref.consentOverride ? ref.consentOverride.reason || t('common.yes') : null],
    [t('referral.personalIncluded'), ref.person ? t('common.yes') : null],
    [t('referral.consentWithdrawn'), r.consentWithdrawn ? date(r.consentWithdrawnAt) || t('common.yes') : null]]);
}

function receipt(m) {
  if (!m.receipt) return m.direction === 'OUTBOUND' ? t('thread.noReceipt') : '';
  return h('span', {}, t(m.direction === 'INBOUND' ? 'thread.receiptIssued' : 'thread.receipt', { at: date(m.receipt.receivedAt) }), h('br'), h('code', { title: t('thread.receiptHash') }, m.receipt.sha256));
}

function failure(m) {
  if (m.failure) {
    const f = m.failure;
    return h('span', { class: 'bad' }, t('thread.failure', { hop: f.hop || '', problem: f.problem || '', at: date(f.failedAt) }), f.detail ? h('br') : null, f.detail || '');
  }
  return m.lastError ? h('span', {}, t('thread.lastError', { error: m.lastError, attempts: m.attempts })) : '';
}

// Which field of a message carries the text typed, by message type (MessageRequest).
const TEXT_FIELD = { CASE_UPDATE: 'note', INFO_REQUEST: 'text', INFO_RESPONSE: 'text', CASE_CLOSED: 'outcome' };

function messageForm(conversationId) {
  const status = h('div', {});
  const form = h('form', { class: 'grid', 'data-draft': 'message-' + conversationId, novalidate: true, 'aria-labelledby': 'h-send' },
    field(t('thread.messageType'), select('type', Object.keys(TEXT_FIELD).map((k) => [k, code('type', k)]))),
    field(t('thread.messageText'), h('textarea', { name: 'text', rows: 3, maxlength: 2000 })),
    h('span', {}), h('div', {}, h('button', { type: 'submit' }, t('thread.send'))));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const text = form.elements.text.value.trim();
    if (!showErrors(form, text ? {} : { text: t('validation.messageText') })) return;
    const type = form.elements.type.value;
    try {
      await call('POST', '/api/v1/referrals/' + conversationId + '/messages', { type, [TEXT_FIELD[type]]: text });
      go('#/referrals/' + conversationId);
    } catch (p) { status.replaceChildren(problemBox(p)); }
  });
  return h('section', {}, h('h2', { id: 'h-send' }, t('thread.sendTitle')), status, form);
}

export async function thread(main, id) {
  const r = await get('/api/v1/referrals/' + id);
  main.append(h('h1', {}, t('thread.title', { partner: r.partner })));
  main.append(facts([[t('referral.direction'), code('direction', r.direction)], [t('referral.status'), code('conversation', r.status)],
    [t('referral.localCase'), r.localCaseId ? h('a', { href: '#/cases/' + r.localCaseId }, r.localCaseReference || r.localCaseId) : null],
    [t('referral.partnerCase'), r.partnerCaseReference], [t('referral.conversation'), h('code', {}, r.conversationId)]]), summary(r));
  const status = h('div', {});
  main.append(status);
  if (r.direction === 'INBOUND' && r.status === 'PENDING' && may([ROLES.COORDINATOR])) main.append(respond(id, status));
  main.append(h('h2', {}, t('thread.messages')), table(t('thread.messages'), [
    [t('thread.type'), (m) => code('type', m.type)],
    [t('referral.direction'), (m) => code('direction', m.direction)],
    [t('thread.state'), (m) => h('span', { class: 'state' }, code('state', m.state))],
    [t('thread.createdAt'), (m) => date(m.createdAt)],
    [t('thread.receiptColumn'), receipt],
    [t('thread.failureColumn'), failure],
  ], r.messages || []));
  if (may([ROLES.COORDINATOR]) && r.status === 'ACCEPTED') main.append(messageForm(id));
  const evidence = h('div', {});
  main.append(h('h2', {}, t('thread.evidence')), h('p', {}, t('thread.evidenceExplain')), evidence,
    h('button', { type: 'button', class: 'secondary', id: 'evidence', onclick: async () => {
      try {
        const res = await call('GET', '/api/v1/referrals/' + id + '/evidence');
        download('evidence-' + id + '.json', JSON.stringify(res.body, null, 2));
        evidence.replaceChildren(notice(t('thread.evidenceSaved', { items: (res.body.items || []).length })));
      } catch (p) { evidence.replaceChildren(problemBox(p)); }
    } }, t('thread.downloadEvidence')));
}
