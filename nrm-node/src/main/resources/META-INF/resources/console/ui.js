// DOM helpers. Every value from the node is set as text, never parsed as HTML.
import { has, t } from './i18n.js';

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** The console's own sentence for a problem type it knows (problemType.<slug>), in the user's language. */
function known(p) {
  const slug = p.type && p.type.startsWith('urn:trm:problem:') ? p.type.slice('urn:trm:problem:'.length) : null;
  return slug && has('problemType.' + slug) ? t('problemType.' + slug) : null;
}

/** A refusal or failure of the node in words: its title, its detail, and each violation. */
export function problemBox(p) {
  // A role refusal is said in the console's words; every other refusal (no agreement, no consent...) in the node's.
  const forbidden = p.status === 403 && (!p.type || p.type.endsWith(':forbidden'));
  const box = h('div', { class: 'problem', role: 'alert' },
    h('strong', {}, forbidden ? t('problem.forbidden') : p.status === 0 ? t('problem.unreachable') : known(p) || p.title || t('problem.failed')),
    p.detail ? h('p', {}, p.detail) : null,
    p.hop ? h('p', {}, t('problem.hop', { hop: p.hop })) : null);
  if (p.violations && p.violations.length) {
    box.append(h('ul', {}, p.violations.map((v) => h('li', {}, (v.field ? v.field + ': ' : '') + v.message))));
  }
  return box;
}

export function notice(text) { return h('p', { class: 'notice', role: 'status' }, text); }

/** A table of rows; columns are [label, row => cell]. An empty list says so in words. */
export function table(caption, columns, rows) {
  if (!rows.length) return h('p', {}, t('common.none'));
  return h('table', {},
    h('caption', { class: 'sr-only' }, caption),
    h('thead', {}, h('tr', {}, columns.map(([label]) => h('th', { scope: 'col' }, label)))),
    h('tbody', {}, rows.map((r) => h('tr', {}, columns.map(([, cell]) => h('td', {}, cell(r)))))));
}

export function facts(pairs) {
  return h('dl', { class: 'facts' }, pairs.filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

let fieldSeq = 0;
/** A labelled control in a .grid form, with a place for its error message. */
export function field(label, control, hint) {
  const id = control.id || 'f' + (++fieldSeq);
  control.id = id;
  const err = h('span', { class: 'field-error', id: id + '-error', 'aria-live': 'polite' });
  control.setAttribute('aria-describedby', id + '-error' + (hint ? ' ' + id + '-hint' : ''));
  return [h('label', { for: id }, label), h('div', {}, control, hint ? h('div', { id: id + '-hint', class: 'hint' }, hint) : null, err)];
}

/** Shows each error next to its control and answers whether the form is clean; focuses the first error. */
export function showErrors(form, errors) {
  form.querySelectorAll('.field-error').forEach((e) => { e.textContent = ''; });
  form.querySelectorAll('[aria-invalid]').forEach((e) => e.removeAttribute('aria-invalid'));
  let first = null;
  for (const [name, message] of Object.entries(errors)) {
    const control = form.elements[name];
    const el = control && (control.length && !control.tagName ? control[0] : control);
    if (!el) continue;
    el.setAttribute('aria-invalid', 'true');
    const slot = document.getElementById(el.id + '-error') || el.closest('fieldset')?.querySelector('.field-error');
    if (slot) slot.textContent = message;
    first = first || el;
  }
  if (first) first.focus();
  return !first;
}

export function select(name, options, { required, value, blank } = {}) {
  return h('select', { name, required },
    blank !== undefined ? h('option', { value: '' }, blank) : null,
    options.map(([v, label]) => h('option', { value: v, selected: v === value }, label)));
}

export const COUNTRY = /^[A-Z]{2}$/;

/** Starts a download of a JSON answer of the node (or a Blob it sent) as a file. */
export function download(name, text, type = 'application/json') {
  const url = URL.createObjectURL(text instanceof Blob ? text : new Blob([text], { type }));
  const a = h('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
