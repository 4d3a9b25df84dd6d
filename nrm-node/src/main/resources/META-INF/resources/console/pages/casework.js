// A case's records beside its phase: consents, needs and risk assessments, referrals to national
// services and proceedings, each a table with the form that adds to it. The forms say what is wrong
// before anything is sent; what the node still refuses is shown in its words above the form.
import { call } from '../api.js';
import { go, may, ROLES } from '../app.js';
import { user } from '../auth.js';
import { code, date, t } from '../i18n.js';
import { COUNTRY, field, h, problemBox, select, showErrors, table } from '../ui.js';

const SCOPES = ['SHARE_WITH_COUNTRY', 'SHARE_IDENTITY_WITH_COUNTRY', 'DATA_PROCESSING', 'RETURN', 'SERVICE_REFERRAL', 'STATISTICS'];
const PER_COUNTRY = ['SHARE_WITH_COUNTRY', 'SHARE_IDENTITY_WITH_COUNTRY'];
const NEEDS = ['ACCOMMODATION', 'MEDICAL', 'PSYCHOLOGICAL', 'LEGAL', 'INTERPRETATION', 'FINANCIAL', 'EDUCATION', 'EMPLOYMENT',
  'CHILD_PROTECTION', 'SAFETY', 'DOCUMENTS'];
const SERVICES = ['SHELTER', 'MEDICAL', 'PSYCHOLOGICAL', 'LEGAL', 'INTERPRETATION', 'ASYLUM_AUTHORITY', 'LABOUR_INSPECTION', 'POLICE', 'OTHER'];
// What a service referral may become next, as the node's ServiceStatus allows; the node refuses anything else.
const SERVICE_NEXT = {
  REQUESTED: ['ACCEPTED', 'DECLINED', 'CANCELLED'],
  ACCEPTED: ['IN_PROGRESS', 'COMPLETED', 'CANCELLED'],
  IN_PROGRESS: ['COMPLETED', 'CANCELLED'],
};
const PROCEEDING_KINDS = ['CRIMINAL', 'CIVIL', 'ADMINISTRATIVE'];
const PROCEEDING_STATUSES = ['OPEN', 'SUSPENDED', 'CLOSED'];
const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const opts = (kind, values) => values.map((v) => [v, code(kind, v)]);
const today = () => new Date().toISOString().slice(0, 10);

/** Sends a form's body; on success shows the case again, on refusal the node's problem in status. */
async function send(status, caseId, method, path, body, headers) {
  try {
    await call(method, '/api/v1/cases/' + caseId + path, body, headers);
    go('#/cases/' + caseId);
  } catch (p) {
    status.replaceChildren(problemBox(p));
    status.scrollIntoView({ block: 'nearest' });
  }
}

const formBox = (title, form) => h('div', { class: 'record' }, h('h3', {}, title), form);
const checkboxes = (legend, name, kind, values) => h('fieldset', {}, h('legend', {}, legend),
  values.map((v) => h('label', {}, h('input', { type: 'checkbox', name, value: v }), ' ', code(kind, v))));
const checked = (form, name) => [...form.querySelectorAll('input[name=' + name + ']:checked')].map((c) => c.value);
const text = (form, name) => form.elements[name].value.trim();

export function consents(caseId, list) {
  const status = h('div', {});
  const canRecord = may([ROLES.COORDINATOR, ROLES.CASE_WORKER, ROLES.NGO]);
  const withdraw = (x) => {
    if (!x.valid || !canRecord) return '';
    // Two steps: a withdrawal stops sharing and tells every partner that received data under it.
    const button = h('button', { type: 'button', class: 'secondary', 'data-withdraw': x.id, onclick: () => {
      if (button.dataset.confirm) { send(status, caseId, 'POST', '/consents/' + x.id + '/withdraw'); return; }
      button.dataset.confirm = 'yes';
      button.className = 'danger';
      button.textContent = t('consent.withdrawConfirm');
    } }, t('consent.withdraw'));
    return button;
  };
  const rows = table(t('case.consents'), [
    [t('consent.scope'), (x) => code('scope', x.scope)], [t('consent.country'), (x) => x.country || ''],
    [t('consent.givenBy'), (x) => code('giver', x.givenBy) + (x.guardian ? ' (' + x.guardian + ')' : '')],
    [t('consent.givenAt'), (x) => date(x.givenAt)], [t('consent.validUntil'), (x) => (x.validUntil ? date(x.validUntil) : t('consent.untilWithdrawn'))],
    [t('consent.state'), (x) => (x.valid ? t('consent.valid') : x.withdrawnAt ? t('consent.withdrawnAt', { at: date(x.withdrawnAt) }) : t('consent.lapsed'))],
    [t('common.action'), withdraw]], list);
  if (!canRecord) return h('div', {}, status, rows);
  const form = h('form', { class: 'grid', 'data-draft': 'consent', novalidate: true, 'aria-label': t('consent.record') },
    field(t('consent.scope'), select('scope', opts('scope', SCOPES), { required: true })),
    field(t('consent.country'), h('input', { name: 'country', maxlength: 2, size: 3, autocomplete: 'off' }), t('hint.consentCountry')),
    field(t('consent.givenBy'), select('givenBy', opts('giver', ['VICTIM', 'GUARDIAN']))),
    field(t('consent.guardian'), h('input', { name: 'guardian', maxlength: 200 })),
    field(t('consent.interpreter'), h('input', { name: 'interpreter', maxlength: 200 })),
    field(t('consent.language'), h('input', { name: 'language', maxlength: 12, size: 6 }), t('hint.language')),
    field(t('consent.validUntil'), h('input', { name: 'validUntil', type: 'date' }), t('hint.validUntil')),
    h('span', {}), h('div', {}, h('button', { type: 'submit' }, t('consent.record'))));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    status.replaceChildren();
    const el = form.elements;
    const e = {};
    const country = text(form, 'country');
    const perCountry = PER_COUNTRY.includes(el.scope.value);
    if (perCountry && !country) e.country = t('validation.consentCountry');
    else if (!perCountry && country) e.country = t('validation.consentNoCountry');
    else if (country && !COUNTRY.test(country)) e.country = t('validation.country');
    if (el.givenBy.value === 'GUARDIAN' && !text(form, 'guardian')) e.guardian = t('validation.guardian');
    if (text(form, 'language') && !LANGUAGE.test(text(form, 'language'))) e.language = t('validation.language');
    if (el.validUntil.value && el.validUntil.value < today()) e.validUntil = t('validation.future');
    if (!showErrors(form, e)) return;
    const body = { scope: el.scope.value, givenBy: el.givenBy.value };
    if (country) body.country = country;
    for (const name of ['guardian', 'interpreter', 'language', 'validUntil']) if (text(form, name)) body[name] = text(form, name);
    send(status, caseId, 'POST', '/consents', body);
  });
  return h('div', {}, status, rows, formBox(t('consent.record'), form));
}

export function assessments(caseId, list) {
  const rows = table(t('case.assessments'), [
    [t('assessment.kind'), (x) => code('assessmentKind', x.kind)], [t('assessment.risk'), (x) => code('risk', x.riskLevel)],
    [t('assessment.needs'), (x) => (x.needs || []).map((n) => code('need', n)).join(', ')],
    [t('assessment.summary'), (x) => x.summary || ''], [t('assessment.at'), (x) => date(x.assessedAt)],
    [t('assessment.by'), (x) => x.assessedBy || '']], list);
  if (!may([ROLES.COORDINATOR, ROLES.CASE_WORKER, ROLES.NGO])) return h('div', {}, rows);
  const status = h('div', {});
  const needs = checkboxes(t('assessment.needs'), 'needs', 'need', NEEDS);
  const form = h('form', { class: 'grid', 'data-draft': 'assessment', novalidate: true, 'aria-label': t('assessment.record') },
    field(t('assessment.kind'), select('kind', opts('assessmentKind', ['NEEDS', 'RISK']), { required: true, blank: t('common.choose') })),
    field(t('assessment.risk'), select('riskLevel', opts('risk', ['LOW', 'MEDIUM', 'HIGH']), { blank: t('common.none') }), t('hint.riskLevel')),
    h('span', {}), needs,
    field(t('assessment.summary'), h('textarea', { name: 'summary', rows: 3, maxlength: 4000 }), t('hint.noPersonalData')),
    h('span', {}), h('div', {}, h('button', { type: 'submit' }, t('assessment.record'))));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    status.replaceChildren();
    const el = form.elements;
    const e = {};
    if (!el.kind.value) e.kind = t('validation.required');
    if (el.kind.value === 'RISK' && !el.riskLevel.value) e.riskLevel = t('validation.riskLevel');
    if (!showErrors(form, e)) return;
    const body = { kind: el.kind.value, needs: checked(form, 'needs') };
    if (el.riskLevel.value) body.riskLevel = el.riskLevel.value;
    if (text(form, 'summary')) body.summary = text(form, 'summary');
    send(status, caseId, 'POST', '/assessments', body);
  });
  return h('div', {}, status, rows, formBox(t('assessment.record'), form));
}

/** A provider answers, or a case worker moves a referral on: the next statuses only, with the outcome. */
function serviceChange(caseId, s, status) {
  const next = SERVICE_NEXT[s.status] || [];
  const mine = may([ROLES.COORDINATOR, ROLES.CASE_WORKER]) || (may([ROLES.NGO]) && user().org === s.providerOrganisationId);
  if (!next.length || !mine) return '';
  const form = h('form', { class: 'inline', novalidate: true, 'data-draft': 'service-' + s.id, 'aria-label': t('service.change', { service: code('serviceType', s.serviceType) }) },
    h('label', {}, t('service.newStatus'), select('status', opts('serviceStatus', next))),
    h('label', {}, t('service.outcome'), h('input', { name: 'outcome', maxlength: 1000, size: 18 })),
    h('button', { type: 'submit', class: 'secondary' }, t('service.save')));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const body = { status: form.elements.status.value };
    if (text(form, 'outcome')) body.outcome = text(form, 'outcome');
    send(status, caseId, 'PUT', '/services/' + s.id, body, { 'If-Match': '"' + s.version + '"' });
  });
  return form;
}

export function services(caseId, list, organisations) {
  const status = h('div', {});
  const name = (id) => (organisations.find((o) => o.id === id) || {}).name || id;
  const rows = table(t('case.services'), [
    [t('service.type'), (x) => code('serviceType', x.serviceType)], [t('service.provider'), (x) => name(x.providerOrganisationId)],
    [t('service.status'), (x) => code('serviceStatus', x.status)], [t('service.outcome'), (x) => x.outcome || ''],
    [t('service.requestedAt'), (x) => date(x.requestedAt)], [t('common.action'), (x) => serviceChange(caseId, x, status)]], list);
  if (!may([ROLES.COORDINATOR, ROLES.CASE_WORKER])) return h('div', {}, status, rows);
  const form = h('form', { class: 'grid', 'data-draft': 'service', novalidate: true, 'aria-label': t('service.record') },
    field(t('service.type'), select('serviceType', opts('serviceType', SERVICES), { required: true, blank: t('common.choose') })),
    field(t('service.provider'), select('providerOrganisationId', organisations.filter((o) => o.active).map((o) => [o.id, o.name + ' (' + code('orgType', o.type) + ')']),
      { required: true, blank: t('common.choose') })),
    h('span', {}), h('div', {}, h('button', { type: 'submit' }, t('service.record'))));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    status.replaceChildren();
    const el = form.elements;
    const e = {};
    if (!el.serviceType.value) e.serviceType = t('validation.required');
    if (!el.providerOrganisationId.value) e.providerOrganisationId = t('validation.provider');
    if (!showErrors(form, e)) return;
    send(status, caseId, 'POST', '/services', { serviceType: el.serviceType.value, providerOrganisationId: el.providerOrganisationId.value });
  });
  return h('div', {}, status, rows, formBox(t('service.record'), form));
}

function proceedingFields(p = {}) {
  return [
    field(t('proceeding.kind'), select('kind', opts('proceedingKind', PROCEEDING_KINDS), { required: true, value: p.kind, blank: t('common.choose') })),
    field(t('proceeding.status'), select('status', opts('proceedingStatus', PROCEEDING_STATUSES), { required: true, value: p.status || 'OPEN' })),
    field(t('proceeding.authority'), h('input', { name: 'authority', maxlength: 200, value: p.authority || '' })),
    field(t('proceeding.fileReference'), h('input', { name: 'fileReference', maxlength: 100, value: p.fileReference || '' })),
    field(t('proceeding.openedOn'), h('input', { name: 'openedOn', type: 'date', value: p.openedOn || '' })),
    field(t('proceeding.closedOn'), h('input', { name: 'closedOn', type: 'date', value: p.closedOn || '' })),
    field(t('proceeding.outcome'), h('textarea', { name: 'outcome', rows: 2, maxlength: 500 }, p.outcome || ''), t('hint.noPersonalData'))];
}

/** The proceeding form's body, or null after showing what is wrong next to its fields. */
function proceedingBody(form) {
  const el = form.elements;
  const e = {};
  if (!el.kind.value) e.kind = t('validation.required');
  if (el.openedOn.value && el.openedOn.value > today()) e.openedOn = t('validation.notFuture');
  if (el.closedOn.value && el.openedOn.value && el.closedOn.value < el.openedOn.value) e.closedOn = t('validation.closedBeforeOpened');
  if (el.status.value === 'CLOSED' && !el.closedOn.value) e.closedOn = t('validation.closedOn');
  if (!showErrors(form, e)) return null;
  const body = { kind: el.kind.value, status: el.status.value };
  for (const name of ['authority', 'fileReference', 'openedOn', 'closedOn', 'outcome']) if (text(form, name)) body[name] = text(form, name);
  return body;
}

export function proceedings(caseId, list) {
  const status = h('div', {});
  const keep = may([ROLES.COORDINATOR, ROLES.CASE_WORKER]);
  const edit = (p) => {
    if (!keep) return '';
    return h('button', { type: 'button', class: 'secondary', 'data-edit-proceeding': p.id, onclick: () => {
      const form = h('form', { class: 'grid', novalidate: true, 'data-draft': 'proceeding-' + p.id, 'aria-label': t('proceeding.change') },
        proceedingFields(p), h('span', {}), h('div', {}, h('button', { type: 'submit' }, t('proceeding.save'))));
      form.addEventListener('submit', (ev) => {
        ev.preventDefault();
        const body = proceedingBody(form);
        if (body) send(status, caseId, 'PUT', '/proceedings/' + p.id, body, { 'If-Match': '"' + p.version + '"' });
      });
      editing.replaceChildren(h('h3', {}, t('proceeding.change')), form);
      form.elements.status.focus();
    } }, t('proceeding.edit'));
  };
  const editing = h('div', {});
  const rows = table(t('case.proceedings'), [
    [t('proceeding.kind'), (x) => code('proceedingKind', x.kind)], [t('proceeding.status'), (x) => code('proceedingStatus', x.status)],
    [t('proceeding.authority'), (x) => x.authority || ''], [t('proceeding.fileReference'), (x) => x.fileReference || ''],
    [t('proceeding.openedOn'), (x) => date(x.openedOn)], [t('proceeding.closedOn'), (x) => date(x.closedOn)],
    [t('proceeding.outcome'), (x) => x.outcome || ''], [t('common.action'), edit]], list);
  if (!keep) return h('div', {}, rows);
  const form = h('form', { class: 'grid', 'data-draft': 'proceeding', novalidate: true, 'aria-label': t('proceeding.record') },
    proceedingFields(), h('span', {}), h('div', {}, h('button', { type: 'submit' }, t('proceeding.record'))));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    status.replaceChildren();
    const body = proceedingBody(form);
    if (body) send(status, caseId, 'POST', '/proceedings', body);
  });
  return h('div', {}, status, rows, editing, formBox(t('proceeding.record'), form));
}
