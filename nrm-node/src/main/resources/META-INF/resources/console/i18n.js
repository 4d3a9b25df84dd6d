// Labels come from the message bundles in i18n/; a missing key shows as itself, and the bundle test
// (deploy/console-tests) keeps every language complete.
const LANGS = { en: 'English', de: 'Deutsch', bg: 'Български' };
const DEFAULT_BY_COUNTRY = { AT: 'de', BG: 'bg' };
let current = 'en';
let messages = {};

export const languages = () => LANGS;
export const locale = () => current;

export async function loadLanguage(country) {
  const chosen = localStorage.getItem('trm.console.lang') || DEFAULT_BY_COUNTRY[country] || 'en';
  await use(LANGS[chosen] ? chosen : 'en');
}

export async function use(lang) {
  const res = await fetch('i18n/' + lang + '.json');
  messages = await res.json();
  current = lang;
  localStorage.setItem('trm.console.lang', lang);
  document.documentElement.lang = lang;
}

/** The label for key, with {name} placeholders filled from params. */
export function t(key, params = {}) {
  const text = Object.prototype.hasOwnProperty.call(messages, key) ? messages[key] : key;
  return text.replace(/\{(\w+)\}/g, (m, name) => (params[name] === undefined || params[name] === null ? '' : String(params[name])));
}

/** Whether the bundle has a label for key. */
export const has = (key) => Object.prototype.hasOwnProperty.call(messages, key);

/** A code from the protocol (phase, status, ...) in words, or the code itself where no label exists. */
export function code(kind, value) {
  if (value === null || value === undefined || value === '') return '';
  const key = kind + '.' + value;
  if (Object.prototype.hasOwnProperty.call(messages, key)) return messages[key];
  // Some answers name a code by its Java constant (FORCED_BEGGING) rather than its wire form (ForcedBegging).
  const plain = (k) => k.toLowerCase().replace(/[^a-z0-9]/g, '');
  const alike = Object.keys(messages).find((k) => k.startsWith(kind + '.') && plain(k.slice(kind.length + 1)) === plain(String(value)));
  return alike ? messages[alike] : String(value);
}

export function date(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return isNaN(d) ? String(iso) : d.toLocaleString(current === 'en' ? 'en-GB' : current, { dateStyle: 'medium', timeStyle: iso.length > 10 ? 'short' : undefined });
}
