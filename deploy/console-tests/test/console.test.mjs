// The console end to end: AT's coordinator opens a case and refers it to BG, BG's coordinator accepts
// it in BG's console, AT's thread shows BG's receipt; AT's auditor verifies the chain; every demo role
// logs in and is refused, in words, what it may not do; a lost session keeps what was typed.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { accessible, browser, federation, label, NODES, open, seedCases, settled, shoot, signIn, sql, until, user } from './browser.mjs';

const de = (key, params) => label('de', key, params);
/** The day n days from today (UTC), as a date field takes it. */
const inDays = (n) => new Date(Date.now() + n * 86400000).toISOString().slice(0, 10);
const bg = (key, params) => label('bg', key, params);

describe('console', () => {
  let b;
  let atCoordinator;
  let caseUrl;
  let caseRef;
  let conversation;

  before(async () => { b = await browser(); });
  after(async () => { await b?.close(); });

  it('AT coordinator opens a case, checked before it is sent', async () => {
    atCoordinator = await user(b, 'AT', 'coordinator');
    const u = atCoordinator;
    // AT's console speaks German unless the user chooses otherwise.
    assert.equal(await u.page.locator('html').getAttribute('lang'), 'de');
    // Served with a policy that allows no inline script or style and no origin but the node's and its realm's.
    const served = await u.page.request.get(NODES.AT + '/console/');
    assert.match(served.headers()['content-security-policy'], /script-src 'self';.*connect-src 'self' http:\/\/127\.0\.0\.1:8180\/realms\/nrm-at\//);
    // The keyboard first reaches the skip link, which moves it to the page's content.
    await u.page.keyboard.press('Tab');
    assert.equal(await u.page.evaluate(() => document.activeElement.id), 'skip');
    await u.page.keyboard.press('Enter');
    assert.equal(await u.page.evaluate(() => document.activeElement.id), 'main');
    await shoot(u, '01-at-coordinator-home');
    await open(u, '#/cases/new');
    await u.page.click('main form button[type=submit]');
    assert.equal(await u.page.locator('[name=identificationStatus] ~ .field-error').textContent(), de('validation.required'));
    await u.page.selectOption('[name=identificationStatus]', 'PRESUMED');
    await u.page.check('input[name=formsOfExploitation][value=Labour]');
    await u.page.fill('[name=citizenship]', 'bg');
    await u.page.fill('[name=countryOfExploitation]', 'AT');
    await u.page.selectOption('[name=sex]', 'Female');
    await u.page.fill('[name=ageAtIdentification]', '24');
    await u.page.click('main form button[type=submit]');
    assert.equal(await u.page.locator('[name=citizenship] ~ .field-error').textContent(), de('validation.country'));
    await shoot(u, '02-at-new-case-validation');
    await u.page.fill('[name=citizenship]', 'BG');
    await u.page.click('main form button[type=submit]');
    await u.page.waitForURL(/#\/cases\/[0-9a-f-]{36}$/);
    await settled(u.page);
    caseUrl = new URL(u.page.url()).hash;
    caseRef = (await u.page.locator('main h1').filter({ hasText: /AT-\d{4}-/ }).textContent()).match(/AT-\d{4}-\d+/)[0];
  });

  it('AT coordinator records a consent and asks, audited, for the personal data', async () => {
    const u = atCoordinator;
    const consent = u.page.locator('form[data-draft=consent]');
    await consent.locator('[name=scope]').selectOption('SHARE_WITH_COUNTRY');
    await consent.locator('button[type=submit]').click();
    assert.equal(await consent.locator('[name=country] ~ .field-error').textContent(), de('validation.consentCountry'));
    await consent.locator('[name=country]').fill('BG');
    await consent.locator('[name=language]').fill('bg');
    await consent.locator('button[type=submit]').click();
    await u.page.locator('main td', { hasText: de('scope.SHARE_WITH_COUNTRY') }).waitFor();
    // Nothing recorded yet: the console offers to record it; what is shown afterwards is an audited read.
    await u.page.click('#show-personal');
    const personal = u.page.locator('form[data-draft=personal]');
    await personal.locator('[name=givenName]').fill('Elena');
    await personal.locator('[name=dateOfBirth]').fill('2001-03-04');
    await personal.locator('button[type=submit]').click();
    await u.page.locator('#personal dd', { hasText: 'Elena' }).waitFor();
    await u.page.reload();
    await settled(u.page);
    assert.equal(await u.page.locator('#personal dd').count(), 0, 'personal data stays hidden until asked for');
    await u.page.click('#show-personal');
    await u.page.locator('#personal .notice', { hasText: de('personal.audited') }).waitFor();
    await u.page.locator('#personal dd', { hasText: 'Elena' }).waitFor();
    await shoot(u, '03-at-case');
  });

  it('AT coordinator records an assessment, a service referral and a proceeding, each checked first, and withdraws a consent', async () => {
    const u = atCoordinator;
    // A risk assessment states the risk: said next to the field before anything is sent.
    const assessment = u.page.locator('form[data-draft=assessment]');
    await assessment.locator('[name=kind]').selectOption('RISK');
    await assessment.locator('button[type=submit]').click();
    assert.equal(await assessment.locator('[name=riskLevel] ~ .field-error').textContent(), de('validation.riskLevel'));
    await assessment.locator('[name=riskLevel]').selectOption('MEDIUM');
    await assessment.locator('input[name=needs][value=ACCOMMODATION]').check();
    await assessment.locator('[name=summary]').fill('Safe accommodation needed before any return');
    await assessment.locator('button[type=submit]').click();
    await u.page.locator('main td', { hasText: de('assessmentKind.RISK') }).waitFor();
    await u.page.locator('main td', { hasText: de('need.ACCOMMODATION') }).waitFor();

    // A service referral needs the victim's consent to it (service-referral-consent-required).
    const serviceConsent = u.page.locator('form[data-draft=consent]');
    await serviceConsent.locator('[name=scope]').selectOption('SERVICE_REFERRAL');
    await serviceConsent.locator('[name=country]').fill('');
    await serviceConsent.locator('[name=language]').fill('bg');
    await serviceConsent.locator('button[type=submit]').click();
    await u.page.locator('main td', { hasText: de('scope.SERVICE_REFERRAL') }).first().waitFor();

    const service = u.page.locator('form[data-draft=service]');
    await service.locator('button[type=submit]').click();
    assert.equal(await service.locator('[name=providerOrganisationId] ~ .field-error').textContent(), de('validation.provider'));
    await service.locator('[name=serviceType]').selectOption('SHELTER');
    await service.locator('[name=providerOrganisationId]').selectOption('at-org-ngo-1');
    await service.locator('button[type=submit]').click();
    // Status is the third column; the action column's choices name statuses too, so the wait looks there only.
    const shelter = u.page.locator('main tr', { has: u.page.locator('td', { hasText: de('serviceType.SHELTER') }) });
    await shelter.locator('td:nth-child(3)', { hasText: de('serviceStatus.REQUESTED') }).waitFor();
    // The provider's answer: only what may follow REQUESTED is offered, and the node keeps the version.
    assert.deepEqual(await shelter.locator('select[name=status] option').evaluateAll((os) => os.map((o) => o.value)), ['ACCEPTED', 'DECLINED', 'CANCELLED']);
    await shelter.locator('select[name=status]').selectOption('ACCEPTED');
    await shelter.locator('button[type=submit]').click();
    await shelter.locator('td:nth-child(3)', { hasText: de('serviceStatus.ACCEPTED') }).waitFor();

    const proceeding = u.page.locator('form[data-draft=proceeding]');
    await proceeding.locator('[name=kind]').selectOption('CRIMINAL');
    await proceeding.locator('[name=status]').selectOption('CLOSED');
    await proceeding.locator('button[type=submit]').click();
    assert.equal(await proceeding.locator('[name=closedOn] ~ .field-error').textContent(), de('validation.closedOn'));
    await proceeding.locator('[name=status]').selectOption('OPEN');
    await proceeding.locator('[name=authority]').fill('Staatsanwaltschaft Wien');
    await proceeding.locator('[name=openedOn]').fill('2026-10-01');
    await proceeding.locator('button[type=submit]').click();
    await u.page.locator('main td', { hasText: 'Staatsanwaltschaft Wien' }).waitFor();
    await u.page.click('button[data-edit-proceeding]');
    const change = u.page.locator('form[data-draft^=proceeding-]');
    await change.locator('[name=status]').selectOption('SUSPENDED');
    await change.locator('button[type=submit]').click();
    await u.page.locator('main tr', { has: u.page.locator('td', { hasText: 'Staatsanwaltschaft Wien' }) })
      .locator('td:nth-child(2)', { hasText: de('proceedingStatus.SUSPENDED') }).waitFor();

    // A consent given and withdrawn again: two steps, since a withdrawal tells the partners.
    const consent = u.page.locator('form[data-draft=consent]');
    await consent.locator('[name=scope]').selectOption('DATA_PROCESSING');
    await consent.locator('[name=country]').fill('BG');
    await consent.locator('button[type=submit]').click();
    assert.equal(await consent.locator('[name=country] ~ .field-error').textContent(), de('validation.consentNoCountry'));
    await consent.locator('[name=country]').fill('');
    await consent.locator('button[type=submit]').click();
    const processing = u.page.locator('main tr', { has: u.page.locator('td', { hasText: de('scope.DATA_PROCESSING') }) });
    await processing.locator('button[data-withdraw]').click();
    await processing.locator('button[data-withdraw]', { hasText: de('consent.withdrawConfirm') }).click();
    await processing.locator('td:nth-child(6)', { hasText: de('consent.withdrawnAt', { at: '' }).trim() }).waitFor();
    assert.equal(await processing.locator('button[data-withdraw]').count(), 0, 'a withdrawn consent cannot be withdrawn again');
    await u.page.locator('main li', { hasText: de('event.PROCEEDING_OPENED') }).waitFor();
    await shoot(u, '03b-at-case-records');
  });

  it('AT coordinator sees the checks, is refused in words, and a lost session keeps the referral typed', async () => {
    const u = atCoordinator;
    await open(u, caseUrl + '/refer');
    // HU is no participant of the tests' federation (AT, BG and RO, each pair under an agreement).
    await u.page.fill('[name=to]', 'HU');
    // The node's own rules, asked before sending: no consent for HU and no agreement with it.
    await u.page.locator('#refer-checks li.fail', { hasText: de('check.consentMissing', { to: 'HU' }) }).waitFor();
    await u.page.locator('#refer-checks li.fail[data-rule=agreement]', { hasText: de('check.agreementMissing', { to: 'HU' }) }).waitFor();
    await u.page.locator('#refer-verdict', { hasText: de('check.notSendable') }).waitFor();
    await u.page.selectOption('[name=reason]', 'AdditionalServicesRequired');
    await u.page.click('main form button[type=submit]');
    // The node's problem, in words: its title and detail, not a status code.
    const problem = u.page.locator('main .problem[role=alert]');
    await problem.waitFor();
    const words = (await problem.locator('strong').textContent()).trim();
    assert.ok(words.length > 10 && !/^\d+$/.test(words), 'the refusal in words: ' + words);
    await shoot(u, '04-at-refer-refused');

    await u.page.fill('[name=to]', 'BG');
    await u.page.locator('#refer-checks li.pass', { hasText: de('check.consentPresent', { to: 'BG' }) }).waitFor();
    await u.page.locator('#refer-checks li.pass[data-rule=agreement]', { hasText: /AT-BG|BG/ }).waitFor();
    await u.page.locator('#refer-verdict', { hasText: de('check.sendable') }).waitFor();
    await shoot(u, '04b-at-refer-checks');
    await u.page.fill('[name=details]', 'Needs a shelter in Sofia');
    // The session ends behind the user's back (tokens and the realm's cookies gone): sending goes to
    // the login page, and after it the form is back as it was typed.
    await u.page.evaluate(() => sessionStorage.removeItem('trm.console.session'));
    await u.context.clearCookies();
    await u.page.click('main form button[type=submit]');
    await signIn(u.page, 'coordinator');
    await settled(u.page);
    await u.page.locator('main .notice', { hasText: de('common.draftRestored') }).waitFor();
    assert.equal(await u.page.inputValue('[name=to]'), 'BG');
    assert.equal(await u.page.inputValue('[name=details]'), 'Needs a shelter in Sofia');
    assert.equal(await u.page.inputValue('[name=reason]'), 'AdditionalServicesRequired');
    await shoot(u, '05-at-refer-restored');
    await u.page.click('main form button[type=submit]');
    await u.page.waitForURL(/#\/referrals\/[0-9a-f-]{36}$/);
    await settled(u.page);
    conversation = new URL(u.page.url()).hash.split('/').pop();
    await u.page.locator('main td', { hasText: de('type.REFERRAL') }).waitFor();
  });

  it('BG coordinator accepts the referral in BG\'s console', async () => {
    const u = await user(b, 'BG', 'coordinator');
    assert.equal(await u.page.locator('html').getAttribute('lang'), 'bg');
    await open(u, '#/referrals');
    const pending = u.page.locator('section.pending', { has: u.page.locator(`a[href="#/referrals/${conversation}"]`) });
    await until(u, async () => (await pending.count()) > 0, 'the referral to reach BG');
    await pending.locator('button[type=submit]').click();
    assert.equal(await pending.locator('.field-error').textContent(), bg('validation.declineReason'));
    await shoot(u, '06-bg-inbox');
    await pending.locator('button[name=accept]').click();
    await u.page.waitForURL(new RegExp('#/referrals/' + conversation + '$'));
    await settled(u.page);
    await u.page.locator('main dd', { hasText: bg('conversation.ACCEPTED') }).waitFor();
    await u.page.locator('main td', { hasText: bg('type.REFERRAL_RESPONSE') }).waitFor();
    await shoot(u, '07-bg-thread');
    await u.context.close();
  });

  it('AT\'s thread shows BG\'s receipt and the answer, and gives the evidence bundle', async () => {
    const u = atCoordinator;
    await open(u, '#/referrals/' + conversation);
    const referralRow = u.page.locator('main tr', { has: u.page.locator('td', { hasText: new RegExp('^' + de('type.REFERRAL') + '$') }) });
    await until(u, async () => (await referralRow.locator('td', { hasText: de('state.RECEIPTED') }).count()) > 0
        && (await u.page.locator('main td', { hasText: de('type.REFERRAL_RESPONSE') }).count()) > 0, 'the receipt and the answer at AT');
    assert.match(await referralRow.textContent(), /[0-9a-f]{64}/);
    await u.page.locator('main dd', { hasText: de('conversation.ACCEPTED') }).waitFor();
    const download = u.page.waitForEvent('download');
    await u.page.click('#evidence');
    assert.equal((await download).suggestedFilename(), 'evidence-' + conversation + '.json');
    await u.page.locator('main .notice', { hasText: /\d+/ }).waitFor();
    await shoot(u, '08-at-thread');
    await open(u, '#/cases');
    await shoot(u, '09-at-cases');
    await open(u, '#/statistics');
    await shoot(u, '10-at-statistics-coordinator');
    // A coordinator is not an auditor: the node refuses the trail, and the console says so.
    await open(u, '#/audit');
    await u.page.locator('main .problem', { hasText: de('problem.forbidden') }).waitFor();
    // Nor an operator: the gateway's view is the node administrator's.
    await open(u, '#/operator');
    await u.page.locator('main .problem', { hasText: de('problem.forbidden') }).waitFor();
    assert.equal(await u.page.locator('main .problem').count(), 1, 'one refusal for the page');
    assert.equal(await u.page.locator('button[data-ping]').count(), 0);
    // The case list finds the case by its reference, searched from the keyboard.
    await open(u, '#/cases');
    await u.page.locator('main form[role=search] [name=reference]').focus();
    await u.page.keyboard.type(caseRef);
    await u.page.keyboard.press('Enter');
    await u.page.waitForURL(/reference=/);
    await settled(u.page);
    await u.page.locator('main td a', { hasText: caseRef }).waitFor();
    assert.equal(await u.page.locator('main tbody tr').count(), 1);
    await u.context.close();
  });

  it('AT coordinator announces a return, is told in words that the notice is too short, requests it and records the departure', async () => {
    const u = await user(b, 'AT', 'coordinator');
    await open(u, caseUrl);
    // The return needs the victim's consent to it.
    const consent = u.page.locator('form[data-draft=consent]');
    await consent.locator('[name=scope]').selectOption('RETURN');
    await consent.locator('[name=country]').fill('');
    await consent.locator('button[type=submit]').click();
    await u.page.locator('main td', { hasText: de('scope.RETURN') }).first().waitFor();
    const form = u.page.locator('#prenotify');
    // Checked before sending: not to this country, and not in the past.
    await form.locator('[name=to]').fill('AT');
    await form.locator('[name=plannedDeparture]').fill(inDays(-1));
    await form.locator('button[type=submit]').click();
    assert.equal(await form.locator('[name=to] ~ .field-error').textContent(), de('validation.ownCountry'));
    assert.equal(await form.locator('[name=plannedDeparture] ~ .field-error').textContent(), de('validation.notPast'));
    // Three days' notice where the agreement asks for fourteen: the node's problem, in words.
    await form.locator('[name=to]').fill('BG');
    await form.locator('[name=plannedDeparture]').fill(inDays(3));
    await form.locator('input[name=supportNeeds][value=RECEPTION_ON_ARRIVAL]').check();
    await form.locator('button[type=submit]').click();
    const problem = u.page.locator('#safe-return .problem[role=alert]');
    await problem.waitFor();
    assert.equal((await problem.locator('strong').textContent()).trim(), de('problemType.lead-time-too-short'));
    assert.match(await problem.textContent(), /P14D/, 'the node\'s detail names the agreed notice');
    assert.doesNotMatch(await problem.textContent(), /urn:trm|\b409\b/);
    await shoot(u, '19-at-case-return-refused');
    await form.locator('[name=plannedDeparture]').fill(inDays(20));
    await form.locator('button[type=submit]').click();
    await u.page.locator('#safe-return .notice', { hasText: /BG/ }).waitFor();
    await u.page.locator('#safe-return td', { hasText: de('returns.prenotification') }).waitFor();
    // The return requested in the referral's thread, then the departure recorded on the case.
    await open(u, '#/referrals/' + conversation);
    const message = u.page.locator('form[data-draft^=message]');
    await message.locator('[name=type]').selectOption('RETURN_REQUEST');
    await message.locator('button[type=submit]').click();
    assert.equal(await message.locator('[name=plannedDate] ~ .field-error').textContent(), de('validation.required'));
    await message.locator('[name=plannedDate]').fill(inDays(20));
    await message.locator('[name=text]').fill('Return to Sofia as announced');
    await message.locator('button[type=submit]').click();
    await settled(u.page);
    await u.page.locator('main td', { hasText: new RegExp('^' + de('type.RETURN_REQUEST') + '$') }).waitFor();
    await open(u, caseUrl);
    const departure = u.page.locator('form[data-departure="' + conversation + '"]');
    await departure.locator('button[type=submit]').click();
    assert.equal(await departure.locator('.field-error').textContent(), de('validation.required'));
    await departure.locator('[name=departedOn]').fill(inDays(0));
    await departure.locator('button[type=submit]').click();
    await settled(u.page);
    // The follow-ups the agreement sets (1, 3 and 6 months), none overdue yet.
    const owed = u.page.locator('#safe-return tr', { has: u.page.locator('td', { hasText: de('followUpState.DUE') }) });
    await owed.first().waitFor();
    assert.equal(await owed.count(), 3);
    await u.page.locator('#safe-return td', { hasText: de('returns.departedOnDay', { on: '' }).trim() }).waitFor();
    await shoot(u, '20-at-case-safe-return');
    // The list of follow-ups owed, by state: nothing overdue today, the three due.
    await open(u, '#/returns');
    await u.page.locator('#follow-up-state', { hasText: de('followUpState.OVERDUE') }).waitFor();
    assert.equal(await u.page.locator('main tbody tr').count(), 0, 'nothing overdue yet');
    await u.page.click('main nav.tabs a[href="#/returns?state=DUE"]');
    await settled(u.page);
    await u.page.locator('main td a', { hasText: caseRef }).first().waitFor();
    await shoot(u, '22-at-returns-due');
    await u.context.close();
  });

  it('BG coordinator, the country of return, reports the first follow-up, which AT then shows received', async () => {
    const u = await user(b, 'BG', 'coordinator');
    await open(u, '#/referrals/' + conversation);
    const message = u.page.locator('form[data-draft^=message]');
    await until(u, async () => (await message.locator('option[value=RETURN_FOLLOW_UP]').count()) > 0, 'the return request at BG');
    await message.locator('[name=type]').selectOption('RETURN_FOLLOW_UP');
    await message.locator('button[type=submit]').click();
    assert.equal(await message.locator('fieldset .field-error').textContent(), bg('validation.reached'));
    await message.locator('input[name=reached][value=yes]').check();
    await message.locator('[name=contactedOn]').fill(inDays(0));
    await message.locator('[name=text]').fill('Living with her family, attending counselling');
    await shoot(u, '23-bg-thread-follow-up');
    await message.locator('button[type=submit]').click();
    await settled(u.page);
    await u.page.locator('main td', { hasText: new RegExp('^' + bg('type.RETURN_FOLLOW_UP') + '$') }).waitFor();
    await u.context.close();
    const at = await user(b, 'AT', 'coordinator');
    await open(at, caseUrl);
    await until(at, async () => (await at.page.locator('#safe-return td', { hasText: de('followUpState.RECEIVED') }).count()) > 0, 'the follow-up at AT');
    // The second follow-up's day moved into the past, as if two months had gone by: OVERDUE on the
    // case's list and on the country's.
    sql('AT', "UPDATE return_follow_up SET due_on = CURRENT_DATE - 1 WHERE seq = 2 AND received_at IS NULL");
    await at.page.reload();
    await settled(at.page);
    await at.page.locator('#safe-return td .overdue', { hasText: de('followUpState.OVERDUE') }).waitFor();
    await at.page.locator('#safe-return p.overdue', { hasText: de('returns.overdueCount', { n: 1 }) }).waitFor();
    await shoot(at, '20b-at-case-follow-up-overdue');
    await open(at, '#/returns');
    const overdue = at.page.locator('main tbody tr');
    await overdue.first().waitFor();
    assert.equal(await overdue.count(), 1);
    assert.match(await overdue.textContent(), new RegExp(caseRef));
    await shoot(at, '21-at-returns-overdue');
    await at.context.close();
  });

  it('AT auditor opens an agreement\'s follow-up report and downloads it as CSV and signed', async () => {
    const u = await user(b, 'AT', 'auditor');
    await open(u, '#/agreements');
    await u.page.locator('main td a[href="#/agreements/AT-BG"]').waitFor();
    assert.match(await u.page.locator('main tbody tr').first().textContent(), new RegExp(de('revisionStatus.IN_FORCE')));
    await shoot(u, '24-at-agreements');
    await u.page.click('main td a[href="#/agreements/AT-BG"]');
    await settled(u.page);
    // The period is checked before it is asked for.
    await u.page.fill('main form [name=from]', '2026-12-31');
    await u.page.fill('main form [name=to]', '2026-01-01');
    await u.page.click('main form button[type=submit]');
    assert.equal(await u.page.locator('[name=to] ~ .field-error').textContent(), de('validation.toBeforeFrom'));
    await u.page.fill('main form [name=from]', inDays(-30));
    await u.page.fill('main form [name=to]', inDays(0));
    await u.page.keyboard.press('Enter');
    await u.page.waitForURL(/#\/agreements\/AT-BG\?from=/);
    await settled(u.page);
    // The referral AT sent BG, accepted, counted on the sent leg of revision 1.
    const figures = u.page.locator('#follow-up-figures');
    const head = await figures.locator('thead th').allTextContents();
    const sent = head.findIndex((x) => x.includes('AT → BG'));
    assert.ok(sent > 0, head.join('|'));
    const row = (name) => figures.locator('tbody tr', { has: u.page.locator('th', { hasText: new RegExp('^' + name + '$') }) }).locator('td').nth(sent - 1);
    assert.ok(Number(await row(de('followUp.referrals')).textContent()) >= 1);
    assert.ok(Number(await row(de('followUp.accepted')).textContent()) >= 1);
    await shoot(u, '25-at-follow-up-report');
    const csv = u.page.waitForEvent('download');
    await u.page.click('button[data-download=csv]');
    const file = await csv;
    assert.match(file.suggestedFilename(), /^follow-up-AT-BG-AT-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = readFileSync(await file.path(), 'utf8');
    assert.match(text.split(/\r?\n/)[0], /revision/i, 'a header row');
    assert.match(text, /AT,BG|"AT","BG"/);
    await u.page.locator('main .notice', { hasText: file.suggestedFilename() }).waitFor();
    const jws = u.page.waitForEvent('download');
    await u.page.click('button[data-download=jws]');
    const signed = readFileSync(await (await jws).path(), 'utf8');
    assert.match(signed.trim(), /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, 'a compact JWS');
    await u.context.close();
  });

  it('AT auditor verifies the chain and reads the statistics, and is refused the cases', async () => {
    const u = await user(b, 'AT', 'auditor');
    assert.deepEqual(await u.page.locator('#nav a').evaluateAll((as) => as.map((a) => a.getAttribute('href'))), ['#/', '#/audit', '#/statistics', '#/agreements']);
    await open(u, '#/audit');
    await u.page.click('#verify');
    await u.page.locator('#verification', { hasText: de('audit.chainValid') }).waitFor({ timeout: 60000 });
    // The coordinator's reads of Elena's data, found by user and kind of access.
    await u.page.fill('main form[role=search] [name=actor]', 'coordinator');
    await u.page.selectOption('main form[role=search] [name=action]', 'READ');
    await u.page.fill('main form[role=search] [name=from]', '2026-12-31');
    await u.page.fill('main form[role=search] [name=to]', '2026-01-01');
    await u.page.click('main form[role=search] button[type=submit]');
    assert.equal(await u.page.locator('[name=to] ~ .field-error').textContent(), de('validation.toBeforeFrom'));
    await u.page.fill('main form[role=search] [name=from]', '');
    await u.page.fill('main form[role=search] [name=to]', '');
    await u.page.click('main form[role=search] button[type=submit]');
    await u.page.waitForURL(/actor=coordinator/);
    await settled(u.page);
    const rows = u.page.locator('main tbody tr');
    assert.ok(await rows.count() >= 1, 'the coordinator read the personal data');
    assert.deepEqual([...new Set(await rows.locator('td:nth-child(3)').allTextContents())], ['coordinator']);
    assert.deepEqual([...new Set(await rows.locator('td:nth-child(5)').allTextContents())], [de('auditAction.READ')]);
    await u.page.click('#verify');
    await u.page.locator('#verification', { hasText: de('audit.chainValid') }).waitFor({ timeout: 60000 });
    await shoot(u, '11-at-audit');
    // Six more cases of one kind (through the API, as an NGO's system would) give figures above the
    // threshold, which the charts draw; the single case's figures stay suppressed.
    await seedCases('AT', 6);
    await open(u, '#/statistics');
    await u.page.locator('main canvas').first().waitFor();
    assert.ok(await u.page.locator('main td', { hasText: de('stats.suppressed') }).count() > 0);
    // The national tables: one per dimension with its chart, and any cross-tab of two.
    await u.page.locator('#dim-registeredVictims-citizenship + table tbody th', { hasText: 'RO' }).waitFor();
    await u.page.selectOption('main form [name=rows]', 'sex');
    await u.page.selectOption('main form [name=cols]', 'sex');
    await u.page.click('main form button[type=submit]');
    assert.equal(await u.page.locator('[name=cols] ~ .field-error').textContent(), de('validation.twoDimensions'));
    await u.page.selectOption('main form [name=cols]', 'citizenship');
    await u.page.click('main form button[type=submit]');
    await u.page.waitForURL(/rows=sex&cols=citizenship/);
    await settled(u.page);
    await u.page.locator('#cross-tab caption', { hasText: de('stats.crossCaption', { rows: de('stats.dim.sex'), cols: de('stats.dim.citizenship') }) }).waitFor();
    await u.page.locator('#cross-tab tbody th', { hasText: de('gender.Female') }).waitFor();
    // Each cell a figure, a zero or suppressed; a chart only where a figure is released.
    const cells = await u.page.locator('#cross-tab td').allTextContents();
    assert.ok(cells.length > 0 && cells.every((c) => /^\d+$/.test(c) || c === de('stats.suppressed')), cells.join('|'));
    assert.equal(await u.page.locator('#cross-tab canvas').count(), cells.some((c) => /^[1-9]\d*$/.test(c)) ? 1 : 0);
    await shoot(u, '12-at-statistics');
    await u.page.click('main nav.tabs a[href$="population=referrals"]');
    await settled(u.page);
    await u.page.locator('main h2#population', { hasText: de('stats.pop.referrals') }).waitFor();
    await shoot(u, '12b-at-statistics-referrals');
    // The auditor reads a case's metadata, never its personal data: asking for it is refused in words.
    await open(u, caseUrl);
    await u.page.locator('main h1', { hasText: caseRef }).waitFor();
    await u.page.click('#show-personal');
    await u.page.locator('#personal .problem', { hasText: de('problem.forbidden') }).waitFor();
    assert.equal(await u.page.locator('#personal dd').count(), 0);
    assert.equal(await u.page.locator('main form[data-draft=consent], main form[data-draft=proceeding]').count(), 0);
    await shoot(u, '13-at-auditor-refused');
    await open(u, '#/operator');
    await u.page.locator('main .problem', { hasText: de('problem.forbidden') }).waitFor();
    assert.equal(await u.page.locator('main .problem').count(), 1, 'one refusal for the page');
    // The return follow-ups are the coordinator's to watch.
    await open(u, '#/returns');
    await u.page.locator('main .problem', { hasText: de('problem.forbidden') }).waitFor();
    await u.context.close();
  });

  it('AT node administrator sees the operations page and is refused the audit trail', async () => {
    const u = await user(b, 'AT', 'admin');
    await open(u, '#/operator');
    await u.page.locator('main td', { hasText: 'at-org-nrm' }).first().waitFor();
    await u.page.locator('main td', { hasText: /^BG/ }).first().waitFor();
    // The gateway's readiness, and what the node itself holds: its certificate and its keys as the directory lists them.
    await u.page.locator('#gateway-health', { hasText: de('operator.healthUp') }).waitFor();
    await u.page.locator('main li', { hasText: de('healthCheck.federation-directory') }).waitFor();
    await u.page.locator('main td', { hasText: 'keystore.node' }).waitFor();
    await u.page.locator('main td code', { hasText: 'AT-sig-1' }).waitFor();
    assert.equal(await u.page.locator('#attention').count(), 0, 'nothing expires within 30 days');
    await shoot(u, '14-at-operator');
    await open(u, '#/audit');
    await u.page.locator('main .problem', { hasText: de('problem.forbidden') }).waitFor();
    await open(u, '#/agreements');
    await u.page.locator('main .problem', { hasText: de('problem.forbidden') }).waitFor();
    await open(u, '#/cases');
    await u.page.locator('main .problem', { hasText: de('problem.forbidden') }).waitFor();
    await u.context.close();
  });

  it('a message BG\'s restored node refuses shows its failure at AT; AT\'s operator retries the dead letter and pings BG', async () => {
    // BG's node comes back from an old backup (an empty database): it no longer knows the conversation.
    federation('stop', 'bg-node');
    federation('up', '--countries', 'AT,BG,RO', '--fresh');
    const u = await user(b, 'AT', 'coordinator');
    await open(u, '#/referrals/' + conversation);
    const form = u.page.locator('form[data-draft^=message]');
    await form.locator('button[type=submit]').click();
    assert.equal(await form.locator('[name=text] ~ .field-error').textContent(), de('validation.messageText'));
    await form.locator('[name=type]').selectOption('CASE_UPDATE');
    await form.locator('[name=text]').fill('Placed in a shelter');
    await form.locator('button[type=submit]').click();
    await settled(u.page);
    const update = u.page.locator('main tr', { has: u.page.locator('td', { hasText: new RegExp('^' + de('type.CASE_UPDATE') + '$') }) });
    await until(u, async () => (await update.locator('td', { hasText: de('state.FAILED') }).count()) > 0, 'the failure signal at AT');
    // Why, in words: BG's node no longer knows the conversation; where and when, never the problem's URI.
    const why = update.locator('.failure');
    assert.equal(await why.getAttribute('data-problem'), 'urn:trm:problem:unknown-conversation');
    const words = await why.textContent();
    assert.ok(words.startsWith(de('failure.unknown-conversation', { hop: de('hop.node', { country: 'BG' }), at: '' }).split(' (')[0]), words);
    assert.doesNotMatch(words, /urn:trm/);
    await shoot(u, '16-at-thread-failure');
    await u.context.close();

    const admin = await user(b, 'AT', 'admin');
    await open(admin, '#/operator');
    await admin.page.click('button[data-ping=BG]');
    await admin.page.locator('.ping-result .ok').waitFor({ timeout: 30000 });
    assert.match(await admin.page.locator('.ping-result').first().textContent(), /AT/);
    const retry = admin.page.locator('button[data-retry]').first();
    await until(admin, async () => (await retry.count()) > 0, 'the dead letter at AT\'s gateway', 60);
    await admin.page.click('button[data-ping=BG]');
    await admin.page.locator('.ping-result .ok').waitFor({ timeout: 30000 });
    await shoot(admin, '17-at-operator-dead-letter');
    // The message trace: the conversation's messages at AT's node and gateway, exported as CSV.
    await admin.page.fill('[name=conversationId]', conversation);
    await admin.page.click('#h-trace ~ form button[type=submit]');
    await admin.page.locator('#trace-result td', { hasText: de('type.CASE_UPDATE') }).first().waitFor();
    await admin.page.locator('#trace-result td', { hasText: de('gwState.DEAD') }).first().waitFor();
    // Each message's type in its own column, in words.
    const traceHead = await admin.page.locator('#trace-result thead th').allTextContents();
    assert.ok(traceHead.includes(de('trace.type')), traceHead.join('|'));
    await shoot(admin, '17b-at-operator-trace');
    const csv = admin.page.waitForEvent('download');
    await admin.page.click('#trace-csv');
    assert.equal((await csv).suggestedFilename(), 'trace.csv');
    const id = await retry.getAttribute('data-retry');
    await retry.click();
    await admin.page.locator('main .notice', { hasText: de('operator.retried', { id }) }).waitFor();
    await shoot(admin, '18-at-operator-retried');
    await admin.context.close();
  });

  it('AT case worker and NGO see cases, and are refused referrals and the audit trail', async () => {
    for (const name of ['caseworker', 'ngo']) {
      const u = await user(b, 'AT', name);
      await open(u, '#/cases');
      await u.page.locator('main h1', { hasText: de('cases.title') }).waitFor();
      assert.equal(await u.page.locator('main .problem').count(), 0, name + ' sees the case list');
      await accessible(u, name + ' cases');
      await open(u, '#/referrals');
      await u.page.locator('main .problem', { hasText: de('problem.forbidden') }).waitFor();
      await open(u, '#/audit');
      await u.page.locator('main .problem', { hasText: de('problem.forbidden') }).waitFor();
      // Neither the follow-up reports nor the return follow-ups are theirs: not offered, and refused.
      const menu = await u.page.locator('#nav a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      assert.ok(!menu.includes('#/agreements') && !menu.includes('#/returns'), menu.join(' '));
      await open(u, '#/agreements');
      await u.page.locator('main .problem', { hasText: de('problem.forbidden') }).waitFor();
      await open(u, '#/agreements/AT-BG');
      await u.page.locator('main .problem', { hasText: de('problem.forbidden') }).waitFor();
      assert.equal(await u.page.locator('button[data-download]').count(), 0);
      await open(u, '#/returns');
      await u.page.locator('main .problem', { hasText: de('problem.forbidden') }).waitFor();
      await shoot(u, '15-at-' + name + '-refused');
      await u.context.close();
    }
  });
});
