// Cases: the list with its filters, a new case, a case's page, and a referral abroad.
import { call, get } from '../api.js';
import { go, may, ROLES } from '../app.js';
import { code, date, t } from '../i18n.js';
import { COUNTRY, facts, field, h, notice, problemBox, select, showErrors, table } from '../ui.js';
import * as casework from './casework.js';
import * as returns from './returns.js';
import { country } from '../auth.js';

const PHASES = ['IDENTIFICATION', 'FIRST_ASSISTANCE', 'LONG_TERM_ASSISTANCE', 'RETURN', 'CLOSED'];
const STATUSES = ['PRESUMED', 'IDENTIFIED', 'NOT_CONFIRMED'];
const FORMS = ['Sexual', 'Labour', 'ForcedBegging', 'ForcedCriminality', 'DomesticServitude', 'ForcedMarriage', 'IllegalAdoption', 'Surrogacy', 'OrganRemoval', 'Other'];
const GENDERS = ['Female', 'Male', 'Transgender/NonConforming', 'Unknown'];
const REASONS = ['AdditionalServicesRequired', 'MigrationOrChangeOfLocation', 'Other'];
const opts = (kind, values) => values.map((v) => [v, code(kind, v)]);
const caseLink = (c) => h('a', { href: '#/cases/' + c.id }, c.reference);

export async function list(main, query = '') {
  const q = new URLSearchParams(query.replace(/^\?/, ''));
  main.append(h('h1', {}, t('cases.title')));
  if (may([ROLES.COORDINATOR, ROLES.CASE_WORKER, ROLES.NGO])) {
    main.append(h('p', {}, h('a', { class: 'button', href: '#/cases/new' }, t('cases.new'))));
  }
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': t('cases.filters') },
    h('label', {}, t('case.reference'), h('input', { name: 'reference', value: q.get('reference') || '', maxlength: 40 })),
    h('label', {}, t('case.phase'), select('phase', opts('phase', PHASES), { value: q.get('phase'), blank: t('common.any') })),
    h('label', {}, t('case.identificationStatus'), select('identificationStatus', opts('identification', STATUSES), { value: q.get('identificationStatus'), blank: t('common.any') })),
    h('label', {}, t('case.formOfExploitation'), select('formOfExploitation', opts('form', FORMS), { value: q.get('formOfExploitation'), blank: t('common.any') })),
    h('label', {}, t('case.citizenship'), h('input', { name: 'citizenship', value: q.get('citizenship') || '', size: 3, maxlength: 2, pattern: '[A-Z]{2}', title: t('validation.country') })),
    h('button', { type: 'submit' }, t('common.search')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const next = new URLSearchParams();
    [...form.elements].filter((el) => el.name && el.value).forEach((el) => next.set(el.name, el.value.trim()));
    go('#/cases' + (next.toString() ? '?' + next : ''));
  });
  main.append(form);
  const api = new URLSearchParams();
  for (const [k, v] of q) if (v) api.set(k, v);
  api.set('size', '50');
  const page = await get('/api/v1/cases?' + api);
  main.append(h('p', {}, t('cases.count', { n: page.total })),
    table(t('cases.title'), [
      [t('case.reference'), caseLink],
      [t('case.phase'), (c) => code('phase', c.phase)],
      [t('case.identificationStatus'), (c) => code('identification', c.identificationStatus)],
      [t('case.formsOfExploitation'), (c) => (c.formsOfExploitation || []).map((f) => code('form', f)).join(', ')],
      [t('case.citizenship'), (c) => c.citizenship || ''],
      [t('case.leadOrganisation'), (c) => c.leadOrganisationId || ''],
      [t('case.updatedAt'), (c) => date(c.updatedAt)],
    ], page.items));
}

function validateCase(form) {
  const e = {};
  if (!form.elements.identificationStatus.value) e.identificationStatus = t('validation.required');
  for (const name of ['citizenship', 'countryOfExploitation']) {
    const v = form.elements[name].value.trim();
    if (v && !COUNTRY.test(v)) e[name] = t('validation.country');
  }
  const age = form.elements.ageAtIdentification.value;
  if (age && !(Number.isInteger(Number(age)) && Number(age) >= 0 && Number(age) <= 120)) e.ageAtIdentification = t('validation.age');
  return e;
}

export async function create(main) {
  main.append(h('h1', {}, t('cases.new')));
  const formsBox = h('fieldset', {}, h('legend', {}, t('case.formsOfExploitation')),
    FORMS.map((f) => h('label', {}, h('input', { type: 'checkbox', name: 'formsOfExploitation', value: f }), ' ', code('form', f))));
  const status = h('div', {});
  const form = h('form', { class: 'grid', 'data-draft': 'case', novalidate: true },
    field(t('case.identificationStatus'), select('identificationStatus', opts('identification', STATUSES), { required: true, blank: t('common.choose') })),
    h('span', {}, ''), formsBox,
    field(t('case.citizenship'), h('input', { name: 'citizenship', maxlength: 2, size: 3, autocomplete: 'off' }), t('hint.country')),
    field(t('case.countryOfExploitation'), h('input', { name: 'countryOfExploitation', maxlength: 2, size: 3, autocomplete: 'off' }), t('hint.country')),
    field(t('case.sex'), select('sex', opts('gender', GENDERS), { blank: t('common.unknown') })),
    field(t('case.ageAtIdentification'), h('input', { name: 'ageAtIdentification', type: 'number', min: 0, max: 120 })),
    h('span', {}), h('div', {}, h('button', { type: 'submit' }, t('cases.create'))));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    status.replaceChildren();
    if (!showErrors(form, validateCase(form))) return;
    const el = form.elements;
    const body = { identificationStatus: el.identificationStatus.value,
      formsOfExploitation: [...form.querySelectorAll('input[name=formsOfExploitation]:checked')].map((c) => c.value) };
    for (const name of ['citizenship', 'countryOfExploitation', 'sex']) if (el[name].value.trim()) body[name] = el[name].value.trim();
    if (el.ageAtIdentification.value) body.ageAtIdentification = Number(el.ageAtIdentification.value);
    try {
      const res = await call('POST', '/api/v1/cases', body);
      go('#/cases/' + res.body.id);
    } catch (p) {
      status.replaceChildren(problemBox(p));
    }
  });
  main.append(status, form);
}

async function optional(path) {
  try {
    return await get(path);
  } catch (p) {
    if (p.status === 403 || p.status === 404 || p.status === 503) return { refused: p };
    throw p;
  }
}

function section(title, content) {
  return h('section', { 'aria-labelledby': 'h-' + title }, h('h2', { id: 'h-' + title }, t(title)), content);
}

const NEXT = {
  IDENTIFICATION: [['start-first-assistance', 'action.startFirstAssistance']],
  FIRST_ASSISTANCE: [['start-long-term-assistance', 'action.startLongTermAssistance'], ['start-return', 'action.startReturn']],
  LONG_TERM_ASSISTANCE: [['start-return', 'action.startReturn']],
  RETURN: [],
};

export async function show(main, id) {
  const res = await call('GET', '/api/v1/cases/' + id);
  const c = res.body;
  main.append(h('h1', {}, t('case.title', { reference: c.reference })));
  const status = h('div', {});
  main.append(status, facts([
    [t('case.phase'), code('phase', c.phase)],
    [t('case.identificationStatus'), code('identification', c.identificationStatus)],
    [t('case.formsOfExploitation'), (c.formsOfExploitation || []).map((f) => code('form', f)).join(', ')],
    [t('case.citizenship'), c.citizenship], [t('case.countryOfOrigin'), c.countryOfOrigin],
    [t('case.countryOfExploitation'), c.countryOfExploitation], [t('case.sex'), code('gender', c.sex)],
    [t('case.ageAtIdentification'), c.ageAtIdentification], [t('case.referringOrganisation'), c.referringOrganisationId],
    [t('case.leadOrganisation'), c.leadOrganisationId],
    [t('case.reflectionPeriod'), c.reflectionPeriodStart ? date(c.reflectionPeriodStart) + ' – ' + date(c.reflectionPeriodEnd) : null],
    [t('case.doNotContact'), c.doNotContactCountryOfOrigin ? t('common.yes') : null],
    [t('case.anonymous'), c.anonymous ? t('common.yes') : null],
    [t('case.closureReason'), c.closureReason], [t('case.createdAt'), date(c.createdAt)],
  ]));

  // The phase and what may follow it; the node refuses an illegal step with a problem shown here.
  const actions = h('div', { class: 'actions' });
  const transition = async (action, body) => {
    try {
      await call('POST', '/api/v1/cases/' + id + '/actions/' + action, body, { 'If-Match': res.etag });
      go('#/cases/' + id);
    } catch (p) {
      status.replaceChildren(problemBox(p));
    }
  };
  if (may([ROLES.COORDINATOR, ROLES.CASE_WORKER]) && c.phase !== 'CLOSED') {
    (NEXT[c.phase] || []).forEach(([action, label]) => actions.append(h('button', { type: 'button', onclick: () => transition(action) }, t(label))));
    const reason = h('input', { name: 'closeReason', maxlength: 500, 'aria-label': t('action.closeReason'), placeholder: t('action.closeReason') });
    actions.append(reason, h('button', { type: 'button', class: 'secondary', onclick: () => {
      if (!reason.value.trim()) { status.replaceChildren(problemBox({ title: t('validation.closeReason') })); reason.focus(); return; }
      transition('close', { reason: reason.value.trim() });
    } }, t('action.close')));
  }
  if (may([ROLES.COORDINATOR]) && c.phase !== 'CLOSED') {
    actions.append(h('a', { class: 'button', href: '#/cases/' + id + '/refer' }, t('action.refer')));
  }
  main.append(section('case.phaseActions', actions));

  // Personal data only on an explicit request, which the node writes into its audit trail.
  const personal = h('div', { id: 'personal' }, h('p', {}, t('personal.explain')));
  const showData = (p) => personal.replaceChildren(notice(t('personal.audited')), facts([
    [t('personal.givenName'), p.givenName], [t('personal.familyName'), p.familyName], [t('personal.aliases'), p.aliases],
    [t('personal.dateOfBirth'), p.dateOfBirth], [t('personal.placeOfBirth'), p.placeOfBirth], [t('personal.languages'), p.languages],
    [t('personal.address'), p.address], [t('personal.phone'), p.phone], [t('personal.email'), p.email],
    [t('personal.identityDocument'), p.identityDocument], [t('personal.notes'), p.notes]]));
  personal.append(h('button', { type: 'button', class: 'secondary', id: 'show-personal', onclick: async () => {
    try {
      showData(await get('/api/v1/cases/' + id + '/personal-data'));
    } catch (p) {
      if (p.status === 404 && !c.anonymous && !c.personalDataErased) personal.replaceChildren(h('p', { role: 'status' }, t('personal.empty')), personalForm(id, showData));
      else personal.replaceChildren(problemBox(p));
    }
  } }, t('personal.show')));
  main.append(section('personal.title', personal));

  const [events, consents, assessments, services, proceedings, conversations, organisations, followUps] = await Promise.all([
    optional('/api/v1/cases/' + id + '/events'), optional('/api/v1/cases/' + id + '/consents'),
    optional('/api/v1/cases/' + id + '/assessments'), optional('/api/v1/cases/' + id + '/services'),
    optional('/api/v1/cases/' + id + '/proceedings'),
    may([ROLES.COORDINATOR, ROLES.AUDITOR]) ? optional('/api/v1/cases/' + id + '/referrals') : Promise.resolve([]),
    optional('/api/v1/organisations'), optional('/api/v1/cases/' + id + '/return-follow-ups')]);
  // A part the user's role may not read says so in a line; any other refusal in the node's words.
  const forbidden = (p) => p.status === 403 && (!p.type || p.type.endsWith(':forbidden'));
  const orRefusal = (x, render) => (x && x.refused ? (forbidden(x.refused) ? h('p', { class: 'hint' }, t('case.notForRole')) : problemBox(x.refused)) : render(x));

  main.append(section('case.referrals', orRefusal(conversations, (list) => table(t('case.referrals'), [
    [t('referral.partner'), (r) => h('a', { href: '#/referrals/' + r.conversationId }, r.partner)],
    [t('referral.direction'), (r) => code('direction', r.direction)],
    [t('referral.status'), (r) => code('conversation', r.status)],
    [t('referral.partnerCase'), (r) => r.partnerCaseReference || ''],
  ], list))));
  main.append(section('case.safeReturn', returns.section(c, conversations, followUps, orRefusal, country())));
  main.append(section('case.consents', orRefusal(consents, (list) => casework.consents(id, list))));
  main.append(section('case.assessments', orRefusal(assessments, (list) => casework.assessments(id, list))));
  main.append(section('case.services', orRefusal(services, (list) => casework.services(id, list, organisations.refused ? [] : organisations))));
  main.append(section('case.proceedings', orRefusal(proceedings, (list) => casework.proceedings(id, list))));
  main.append(section('case.timeline', orRefusal(events, (list) => h('ol', {}, list.map((e) =>
    h('li', {}, h('time', { datetime: e.occurredAt }, date(e.occurredAt)), ' — ', code('event', e.type), e.detail ? ': ' + e.detail : '', e.actor ? ' (' + e.actor + ')' : ''))))));
}

function personalForm(caseId, shown) {
  const status = h('div', {});
  const form = h('form', { class: 'grid', 'data-draft': 'personal', novalidate: true, 'aria-label': t('personal.record') },
    field(t('personal.givenName'), h('input', { name: 'givenName', maxlength: 200, autocomplete: 'off' })),
    field(t('personal.familyName'), h('input', { name: 'familyName', maxlength: 200, autocomplete: 'off' })),
    field(t('personal.dateOfBirth'), h('input', { name: 'dateOfBirth', type: 'date' })),
    field(t('personal.languages'), h('input', { name: 'languages', maxlength: 200 })),
    h('span', {}), h('div', {}, h('button', { type: 'submit' }, t('personal.record'))));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const el = form.elements;
    const e = {};
    if (el.dateOfBirth.value && !(new Date(el.dateOfBirth.value) < new Date())) e.dateOfBirth = t('validation.past');
    if (!showErrors(form, e)) return;
    const body = {};
    for (const name of ['givenName', 'familyName', 'dateOfBirth', 'languages']) if (el[name].value.trim()) body[name] = el[name].value.trim();
    try {
      shown((await call('PUT', '/api/v1/cases/' + caseId + '/personal-data', body)).body);
    } catch (p) { status.replaceChildren(problemBox(p)); }
  });
  return h('div', {}, status, form);
}

// Which rules a coordinator's life-at-risk override lets a referral past (the node's ReferralChecks).
const OVERRIDABLE = ['consent', 'identity-consent'];

/** ISO 8601 duration (PT72H, P3D) in days, for the agreed response time. */
function days(iso) {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/.exec(iso || '');
  if (!m) return null;
  return Math.round(((Number(m[1] || 0) * 24) + Number(m[2] || 0) + Number(m[3] || 0) / 60) / 24 * 10) / 10;
}

/** The node's decision on each rule, in words: what holds, what would refuse the referral and why. */
function explain(c, r, includePersonal, override) {
  const to = r.to;
  const items = [];
  for (const check of r.checks) {
    const overridden = !check.passed && override && OVERRIDABLE.includes(check.rule);
    let words;
    if (check.rule === 'partner') words = check.passed ? t('check.partner', { to }) : t('check.partnerRefused', { to });
    else if (check.rule === 'contact') words = !check.passed ? t('check.doNotContact', { to }) : to === c.countryOfOrigin ? t('check.originAllowed') : t('check.contactAllowed', { to });
    else if (check.rule === 'consent') words = check.passed ? t('check.consentPresent', { to }) : overridden ? t('check.consentOverridden', { to }) : t('check.consentMissing', { to });
    else if (check.rule === 'identity-consent') words = check.passed ? t('check.identityPresent', { to }) : overridden ? t('check.identityOverridden', { to }) : t('check.identityMissing', { to });
    else if (check.rule === 'agreement') words = check.passed ? t('check.agreementCovers', { to, id: r.agreement.id, revision: r.agreement.revision }) : t('check.agreementMissing', { to });
    else words = check.rule;
    const li = h('li', { class: check.passed ? 'pass' : overridden ? 'warn' : 'fail', 'data-rule': check.rule }, words);
    if (!check.passed && check.detail) li.append(h('br'), h('span', { class: 'detail' }, t('check.nodeSays', { title: check.title, detail: check.detail })));
    if (check.rule === 'agreement' && check.passed) {
      const a = r.agreement;
      const terms = [days(a.responseTime) !== null ? t('check.responseTime', { to, days: days(a.responseTime) }) : null,
        a.validUntil ? t('check.agreementUntil', { at: date(a.validUntil) }) : null,
        a.partnerFocalPoint ? t('check.focalPoint', { to, institution: a.partnerFocalPoint.institution, contact: a.partnerFocalPoint.contact || '' }) : null].filter(Boolean);
      if (terms.length) li.append(h('br'), h('span', { class: 'detail' }, terms.join(' ')));
    }
    items.push(li);
  }
  if (!includePersonal) items.push(h('li', { class: 'pass' }, t('check.noPersonalData')));
  const failing = r.checks.filter((x) => !x.passed);
  const verdict = r.sendable ? ['pass', t('check.sendable')]
    : failing.every((x) => OVERRIDABLE.includes(x.rule)) && override ? ['warn', t('check.sendableOverride')] : ['fail', t('check.notSendable')];
  items.push(h('li', { class: verdict[0] + ' verdict', id: 'refer-verdict' }, h('strong', {}, verdict[1])));
  return items;
}

export async function refer(main, id) {
  const c = await get('/api/v1/cases/' + id);
  main.append(h('h1', {}, t('refer.title', { reference: c.reference })), h('p', {}, t('refer.explain')));
  const status = h('div', {});
  const checklist = h('ul', { class: 'checks', 'aria-live': 'polite', id: 'refer-checks' });
  const form = h('form', { class: 'grid', 'data-draft': 'referral', novalidate: true },
    field(t('refer.to'), h('input', { name: 'to', maxlength: 2, size: 3, required: true, autocomplete: 'off' }), t('hint.country')),
    field(t('refer.reason'), select('reason', opts('reason', REASONS), { required: true, blank: t('common.choose') })),
    field(t('refer.details'), h('textarea', { name: 'details', rows: 4, maxlength: 2000 })),
    h('span', {}), h('label', {}, h('input', { type: 'checkbox', name: 'includePersonalData', value: 'yes' }), ' ', t('refer.includePersonalData')),
    field(t('refer.override'), h('textarea', { name: 'consentOverrideReason', rows: 2, maxlength: 1000 }), t('hint.override')),
    h('span', {}), h('div', {}, h('h2', {}, t('refer.checks')), checklist),
    h('span', {}), h('div', {}, h('button', { type: 'submit' }, t('refer.send'))));
  const el = form.elements;
  // The node decides each rule as it would on sending (GET …/referrals/checks), asked again when the
  // partner or the personal data change; only the latest answer is shown.
  let asked = '';
  let answer = null;
  let seq = 0;
  const update = async () => {
    const to = el.to.value.trim().toUpperCase();
    const includePersonal = el.includePersonalData.checked;
    if (!COUNTRY.test(to)) {
      asked = '';
      seq++;
      checklist.replaceChildren(h('li', { class: 'info' }, t('check.countryMissing')));
      return;
    }
    const query = new URLSearchParams({ to, includePersonalData: String(includePersonal) }).toString();
    if (query !== asked) {
      asked = query;
      answer = null;
      // A refusal shown for another partner or other data no longer applies.
      status.replaceChildren();
      const mine = ++seq;
      checklist.replaceChildren(h('li', { class: 'info' }, t('check.asking', { to })));
      try {
        const r = await get('/api/v1/cases/' + id + '/referrals/checks?' + query);
        if (mine !== seq) return;
        answer = r;
      } catch (p) {
        if (mine !== seq) return;
        asked = '';
        checklist.replaceChildren(h('li', {}, problemBox(p)));
        return;
      }
    }
    if (answer) checklist.replaceChildren(...explain(c, answer, el.includePersonalData.checked, el.consentOverrideReason.value.trim()));
  };
  form.addEventListener('input', update);
  update();
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    status.replaceChildren();
    const to = el.to.value.trim().toUpperCase();
    const e = {};
    if (!COUNTRY.test(to)) e.to = t('validation.country');
    if (!el.reason.value) e.reason = t('validation.required');
    if (!showErrors(form, e)) return;
    const body = { to, reason: el.reason.value, details: el.details.value.trim() || null,
      includePersonalData: el.includePersonalData.checked, consentOverrideReason: el.consentOverrideReason.value.trim() || null };
    try {
      const res = await call('POST', '/api/v1/cases/' + id + '/referrals', body);
      go('#/referrals/' + res.body.conversationId);
    } catch (p) {
      status.replaceChildren(problemBox(p));
      status.focus();
    }
  });
  main.append(status, form);
}
