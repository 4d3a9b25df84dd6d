// Transnational referrals: the inbox (accept, decline with a reason) and a conversation's thread.
import { call, get } from '../api.js';
import { go, may, ROLES } from '../app.js';
import { code, date, has, t } from '../i18n.js';
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

/** Where a hop is: its kind (a gateway or a node) and country, in words. */
function hopWords(hop) {
  const m = /^(gateway|node)\.([A-Z]{2})$/.exec(hop || '');
  return m ? t('hop.' + m[1], { country: m[2] }) : hop || t('hop.unknown');
}

/**
 * Why a message failed, in a sentence: the bundles' own for a problem type they know, else the
 * registry's title the node adds (or, failing both, the gateway's detail); the hop and the time.
 */
export function failureWords(f) {
  const slug = (f.problem || '').startsWith('urn:trm:problem:') ? f.problem.slice('urn:trm:problem:'.length) : '';
  const params = { hop: hopWords(f.hop), at: date(f.failedAt) };
  if (slug && has('failure.' + slug)) return t('failure.' + slug, params);
  return t('failure.other', { ...params, reason: f.title || f.detail || f.problem || t('problem.failed') });
}

function failure(m) {
  if (m.failure) {
    const f = m.failure;
    // The gateway's detail names the problem by its URI and status code: it is the operator's (in the trace), not shown here.
    return h('span', { class: 'bad failure', 'data-problem': f.problem || '' }, failureWords(f));
  }
  return m.lastError ? h('span', {}, t('thread.lastError', { error: m.lastError, attempts: m.attempts })) : '';
}

// Which field of a message carries the text typed, by message type (MessageRequest).
const TEXT_FIELD = { CASE_UPDATE: 'note', INFO_REQUEST: 'text', INFO_RESPONSE: 'text', CASE_CLOSED: 'outcome', RETURN_REQUEST: 'note', RETURN_FOLLOW_UP: 'note' };
// A return's messages: the text is optional, the other fields say what matters.
const RETURN_TYPES = ['RETURN_REQUEST', 'RETURN_FOLLOW_UP'];
const today = () => new Date().toISOString().slice(0, 10);

/**
 * The messages this country may send in the thread: a return request where it could ask for one, and
 * the follow-up where it is the country of return (the partner asked it for the return).
 */
function sendable(r) {
  const types = ['CASE_UPDATE', 'INFO_REQUEST', 'INFO_RESPONSE', 'RETURN_REQUEST', 'CASE_CLOSED'];
  if ((r.messages || []).some((m) => m.type === 'RETURN_REQUEST' && m.direction === 'INBOUND')) types.splice(4, 0, 'RETURN_FOLLOW_UP');
  return types;
}

function messageForm(r) {
  const conversationId = r.conversationId;
  const status = h('div', {});
  const plannedDate = field(t('thread.plannedDate'), h('input', { name: 'plannedDate', type: 'date', min: today() }), t('hint.leadTime'));
  const reached = h('fieldset', {}, h('legend', {}, t('thread.reached')),
    h('label', {}, h('input', { type: 'radio', name: 'reached', value: 'yes' }), ' ', t('thread.reachedYes')),
    h('label', {}, h('input', { type: 'radio', name: 'reached', value: 'no' }), ' ', t('thread.reachedNo')),
    h('span', { class: 'field-error', 'aria-live': 'polite' }));
  const contactedOn = field(t('thread.contactedOn'), h('input', { name: 'contactedOn', type: 'date', max: today() }));
  const returnRequest = h('div', { class: 'subgrid', hidden: true }, plannedDate);
  const followUp = h('div', { class: 'subgrid', hidden: true }, h('span', {}), reached, contactedOn);
  const form = h('form', { class: 'grid', 'data-draft': 'message-' + conversationId, novalidate: true, 'aria-labelledby': 'h-send' },
    field(t('thread.messageType'), select('type', sendable(r).map((k) => [k, code('type', k)]))),
    returnRequest, followUp,
    field(t('thread.messageText'), h('textarea', { name: 'text', rows: 3, maxlength: 2000 })),
    h('span', {}), h('div', {}, h('button', { type: 'submit' }, t('thread.send'))));
  // Only the chosen type's fields are shown (and so reached by the keyboard).
  const shown = () => {
    returnRequest.hidden = form.elements.type.value !== 'RETURN_REQUEST';
    followUp.hidden = form.elements.type.value !== 'RETURN_FOLLOW_UP';
  };
  form.elements.type.addEventListener('change', shown);
  // An answer chosen clears the question's error at once, not only at the next sending.
  reached.addEventListener('change', () => { reached.querySelector('.field-error').textContent = ''; reached.querySelectorAll('[aria-invalid]').forEach((e) => e.removeAttribute('aria-invalid')); });
  form.addEventListener('input', shown);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const el = form.elements;
    const type = el.type.value;
    const text = el.text.value.trim();
    const e = {};
    if (!text && !RETURN_TYPES.includes(type)) e.text = t('validation.messageText');
    const body = { type };
    if (text) body[TEXT_FIELD[type]] = text;
    if (type === 'RETURN_REQUEST') {
      if (!el.plannedDate.value) e.plannedDate = t('validation.required');
      else if (el.plannedDate.value < today()) e.plannedDate = t('validation.notPast');
      body.plannedDate = el.plannedDate.value;
    }
    if (type === 'RETURN_FOLLOW_UP') {
      const chosen = form.querySelector('input[name=reached]:checked');
      if (!chosen) e.reached = t('validation.reached');
      body.reached = chosen ? chosen.value === 'yes' : undefined;
      if (el.contactedOn.value) {
        if (!chosen || chosen.value !== 'yes') e.contactedOn = t('validation.contactedOnReached');
        else if (el.contactedOn.value > today()) e.contactedOn = t('validation.notFuture');
        body.contactedOn = el.contactedOn.value;
      }
    }
    if (!showErrors(form, e)) return;
    try {
      await call('POST', '/api/v1/referrals/' + conversationId + '/messages', body);
      go('#/referrals/' + conversationId);
    } catch (p) { status.replaceChildren(problemBox(p)); }
  });
  shown();
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
  if (may([ROLES.COORDINATOR]) && r.status === 'ACCEPTED') main.append(messageForm(r));
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
