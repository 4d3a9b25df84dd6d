// The console's message bundles: every label the code asks for exists in English, and every language
// has exactly English's keys with the same placeholders; the vendored chart library is the pinned one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { console as consoleDir } from './paths.mjs';

const bundle = (lang) => JSON.parse(readFileSync(join(consoleDir, 'i18n', lang + '.json'), 'utf8'));
const placeholders = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',');

test('every language has every English label, with the same placeholders', () => {
  const en = bundle('en');
  for (const file of readdirSync(join(consoleDir, 'i18n'))) {
    const lang = file.replace('.json', '');
    const other = bundle(lang);
    assert.deepEqual(Object.keys(other).sort(), Object.keys(en).sort(), lang + ' has other keys than en');
    for (const key of Object.keys(en)) {
      assert.equal(placeholders(other[key]), placeholders(en[key]), lang + ': ' + key);
      assert.ok(other[key].trim(), lang + ': ' + key + ' is empty');
    }
  }
});

test('every label the console asks for is in the bundles', () => {
  const en = bundle('en');
  const sources = ['app.js', 'ui.js', ...readdirSync(join(consoleDir, 'pages')).map((f) => 'pages/' + f)];
  const missing = [];
  for (const source of sources) {
    const text = readFileSync(join(consoleDir, source), 'utf8');
    for (const m of text.matchAll(/\bt\('([a-zA-Z]+\.[a-zA-Z.]*[a-zA-Z])'/g)) if (!(m[1] in en)) missing.push(source + ': ' + m[1]);
  }
  assert.deepEqual(missing, []);
});

test('the chart library the node serves is the one package-lock.json pins', () => {
  const hash = (path) => createHash('sha256').update(readFileSync(path)).digest('hex');
  assert.equal(hash(join(consoleDir, 'vendor', 'chart.umd.min.js')),
    hash(new URL('../node_modules/chart.js/dist/chart.umd.min.js', import.meta.url)),
    'copy node_modules/chart.js/dist/chart.umd.min.js to the console\'s vendor/ after changing chart.js');
});
