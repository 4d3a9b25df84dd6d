// The federation's figures in the console: AT's auditor asks for a secure-aggregation round over AT,
// BG and RO (each pair under an agreement), waits until it is complete and reads the federation's
// tables in words, a small cell suppressed; a case worker is neither offered a round nor allowed one.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { apiToken, browser, label, NODES, open, seedCases, settled, shoot, until, user } from './browser.mjs';

const de = (key, params) => label('de', key, params);
const ROUNDS = '/api/v1/statistics/federation-rounds';
// What the federation's tables name by Java constant (docs/PROTOCOL.md section 17): never shown as such.
const CONSTANTS = ['MALE', 'FEMALE', 'TRANSGENDER_NON_CONFORMING', 'SEXUAL', 'LABOUR', 'FORCED_BEGGING', 'FORCED_CRIMINALITY',
  'DOMESTIC_SERVITUDE', 'FORCED_MARRIAGE', 'ILLEGAL_ADOPTION', 'SURROGACY', 'ORGAN_REMOVAL', 'OTHER', 'LAW_ENFORCEMENT',
  'HEALTH_SERVICE', 'CENTRAL_GOVERNMENT', 'LOCAL_GOVERNMENT', 'IMMIGRATION_SERVICE', 'LEGAL_SERVICE', 'CORPORATE_BUSINESS',
  'IDENTIFICATION', 'FIRST_ASSISTANCE', 'LONG_TERM_ASSISTANCE', 'RETURN', 'CLOSED', 'IDENTIFIED', 'PRESUMED', 'DECLINED',
  'Child', 'Adult', 'true', 'false', 'Unknown', 'UNKNOWN', 'OTHER_EU', 'NON_EU'];

describe('federation statistics', () => {
  let b;
  let roundId;

  before(async () => {
    b = await browser();
    // Six victims of one kind per country give cells above the threshold; one child from Moldova at AT
    // gives cells below it, which the federation's tables must suppress.
    for (const c of ['AT', 'BG', 'RO']) await seedCases(c, 6);
    await seedCases('AT', 1, { citizenship: 'MD', sex: 'Male', formsOfExploitation: ['Labour'], ageAtIdentification: 15,
      identificationStatus: 'PRESUMED' });
  });
  after(async () => { await b?.close(); });

  it('AT auditor asks for the federation\'s figures and reads its tables in words, small cells suppressed', async () => {
    const u = await user(b, 'AT', 'auditor');
    await open(u, '#/statistics');
    await u.page.click('main nav.tabs a[href="#/statistics?population=federation"]');
    await u.page.waitForURL(/population=federation$/);
    await settled(u.page);
    await u.page.locator('main h2', { hasText: de('stats.pop.federation') }).waitFor();
    await shoot(u, '30-at-federation-statistics-start');
    await u.page.click('main form button[type=submit]');
    await u.page.waitForURL(/population=federation&round=[0-9a-f-]{36}$/);
    await settled(u.page);
    roundId = new URL(u.page.url()).hash.match(/round=([0-9a-f-]{36})/)[1];
    const state = u.page.locator('main dd', { hasText: de('stats.fed.state.COMPLETE') });
    const failed = u.page.locator('main dd', { hasText: de('stats.fed.state.FAILED') });
    await until(u, async () => {
      if (await failed.count()) assert.fail('the round failed: ' + await u.page.locator('main').textContent());
      return (await state.count()) > 0;
    }, 'the round to complete', 180);
    await u.page.locator('main dd', { hasText: 'AT, BG, RO' }).waitFor();
    // The cross-tabulation and one table per dimension, each value in words from the bundle.
    await u.page.locator('#cross-tab caption', { hasText: de('stats.crossCaption',
      { rows: de('stats.dim.citizenship'), cols: de('stats.dim.identification') }) }).waitFor();
    await u.page.locator('#cross-tab thead th', { hasText: de('identification.IDENTIFIED') }).waitFor();
    await u.page.locator('#dim-registeredVictims-sex + table tbody th', { hasText: de('gender.Female') }).waitFor();
    await u.page.locator('#dim-registeredVictims-formOfExploitation ~ table tbody th', { hasText: de('form.Labour') }).waitFor();
    // Citizenship names the participants and groups the others, as the national citizenship class does.
    await u.page.locator('#dim-registeredVictims-citizenship + table tbody th', { hasText: de('citizenshipClass.NON_EU') }).waitFor();
    const heads = await u.page.locator('main table th').allTextContents();
    const raw = heads.map((x) => x.trim()).filter((x) => CONSTANTS.includes(x));
    assert.deepEqual(raw, [], 'values shown as codes: ' + raw.join(', '));
    // Eighteen victims of one kind are released; the one non-EU citizen (a cell below the threshold) is not.
    const row = (dimension, name) => u.page.locator('#dim-registeredVictims-' + dimension + ' ~ table tbody tr',
      { has: u.page.locator('th', { hasText: new RegExp('^' + name + '$') }) }).locator('td');
    const figures = (await u.page.locator('main td').allTextContents()).map((x) => Number(x.trim())).filter((n) => n >= 18);
    assert.ok(figures.length > 0, 'the federation\'s eighteen and more victims of one kind are released');
    assert.equal(await row('citizenship', de('citizenshipClass.NON_EU')).textContent(), de('stats.suppressed'));
    assert.ok(await u.page.locator('#cross-tab td', { hasText: de('stats.suppressed') }).count() > 0);
    assert.ok(await u.page.locator('main canvas').count() > 0, 'charts of the released figures');
    await shoot(u, '31-at-federation-statistics');
    // The round is among the node's latest.
    await open(u, '#/statistics?population=federation');
    await u.page.locator(`main li a[href$="round=${roundId}"]`, { hasText: de('stats.fed.state.COMPLETE') }).waitFor();
    await u.context.close();
  });

  it('AT case worker is not offered a round, and the node refuses one', async () => {
    const u = await user(b, 'AT', 'caseworker');
    const menu = await u.page.locator('#nav a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.ok(!menu.includes('#/statistics'), menu.join(' '));
    await open(u, '#/statistics?population=federation');
    await u.page.locator('main .problem', { hasText: de('problem.forbidden') }).waitFor();
    assert.equal(await u.page.locator('main button', { hasText: de('stats.fed.start') }).count(), 0);
    await shoot(u, '32-at-caseworker-federation-statistics-refused');
    await u.context.close();
    const token = await apiToken('AT', 'caseworker');
    const headers = { Authorization: 'Bearer ' + token, 'Content-Type': 'application/json', Accept: 'application/problem+json, application/json' };
    const start = await fetch(NODES.AT + ROUNDS, { method: 'POST', headers, body: JSON.stringify({ exclude: [] }) });
    assert.equal(start.status, 403, 'a case worker may not start a round');
    const read = await fetch(NODES.AT + ROUNDS + '/' + roundId, { headers });
    assert.equal(read.status, 403, 'nor read one');
  });
});
