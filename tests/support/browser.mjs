// Debian's Chromium through playwright-core, and the check every page test
// makes: a full-page screenshot and axe-core with no serious or critical
// violations and nothing outside a landmark.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { ADMIN_PASSWORD } from './server.mjs';

export const shots = process.env.JOINTLY_SCREENSHOTS || 'build/screenshots';

export async function launchBrowser() {
  mkdirSync(shots, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

// Screenshot and accessibility check of `page` as it is now.
export async function checkPage(page, name) {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true, timeout: 120000 });
  const results = await new AxeBuilder({ page }).analyze();
  // Serious and critical findings, and content outside any landmark (which
  // screen reader users skip past).
  const bad = results.violations.filter((v) =>
    v.impact === 'serious' || v.impact === 'critical' || v.id === 'region');
  writeFileSync(join(shots, `${name}.axe.json`), JSON.stringify(results.violations, null, 2));
  assert.deepEqual(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(', ')})`), [],
    `axe found serious problems on ${name}`);
  // An error summary lists its errors in the order of the fields they
  // concern on the page, and each link lands on a field that is there.
  const order = await page.evaluate(() => {
    const links = [...document.querySelectorAll('.govuk-error-summary a[href^="#"]')];
    return links.map((a) => {
      const target = document.getElementById(a.getAttribute('href').slice(1));
      if (!target) return { href: a.getAttribute('href'), missing: true };
      const all = [...document.querySelectorAll('main [id]')];
      return { href: a.getAttribute('href'), at: all.indexOf(target) };
    });
  });
  const missing = order.filter((o) => o.missing).map((o) => o.href);
  assert.deepEqual(missing, [], `error summary links to nothing on ${name}`);
  const places = order.map((o) => o.at);
  assert.deepEqual(places, [...places].sort((a, b) => a - b),
    `the error summary on ${name} follows the page: ${order.map((o) => o.href).join(' ')}`);
  await checkBackLink(page, name);
}

// The page's GOV.UK back link, if it has one, leads to a page that is
// there: asked for as the person on the page would (their session), it
// answers 200.
export async function checkBackLink(page, name) {
  const back = await page.evaluate(async () => {
    const a = document.querySelector('a.govuk-back-link');
    if (!a) return null;
    const res = await fetch(a.href);
    return { href: a.getAttribute('href'), status: res.status };
  });
  if (back) assert.equal(back.status, 200, `the back link on ${name} (${back.href}) answers ${back.status}`);
  return back;
}

// Types `iso` (YYYY-MM-DD) into the GOV.UK date input `id` as a person
// would: day, month and year in their own boxes.
export async function fillDate(page, id, iso) {
  const [year, month, day] = iso.split('-');
  await page.fill(`#${id}`, String(Number(day)));
  await page.fill(`#${id}-month`, String(Number(month)));
  await page.fill(`#${id}-year`, year);
}

// One of the demo's people, signed in on a page of their own in `browser`
// with a password that `admin` (an API client) resets for them: the first
// sign-in with a one-time password asks for their own.
export async function demoPerson(browser, server, admin, email) {
  const users = (await admin.get('/api/v1/users?limit=200')).json.items;
  const user = users.find((u) => u.email === email);
  assert.ok(user, `no demo user ${email}`);
  const reset = await admin.post(`/api/v1/users/${user.id}/password-reset`);
  assert.equal(reset.status, 200, reset.text);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const p = await context.newPage();
  await p.goto(server.base + '/sign-in');
  await p.fill('#email', email);
  await p.fill('#password', reset.json.one_time_password);
  await p.click('button:has-text("Sign in")');
  await p.waitForURL(/\/account\/password/);
  await p.fill('#new_password', 'a demo passphrase of their own');
  await p.click('button:has-text("Save your password")');
  await p.waitForURL((u) => u.pathname === '/');
  return { context, p };
}

// A page of its own in `browser`, 1280 px wide, signed in as the
// administrator `server` starts with.
export async function adminPage(browser, server) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(server.base + '/sign-in');
  await page.fill('#email', 'admin@jointly.invalid');
  await page.fill('#password', ADMIN_PASSWORD);
  await page.click('button:has-text("Sign in")');
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
  return page;
}

// The demo inspection (a joint thematic of hate crime), as `admin` (an API
// client) lists it.
export async function demoInspection(admin) {
  const items = (await admin.get('/api/v1/inspections')).json.items;
  const demo = items.find((i) => i.title === 'Hate crime');
  assert.ok(demo, 'the demo inspection is there');
  return demo;
}
