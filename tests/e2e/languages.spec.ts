// Issue #24: the app in German and Arabic at 1280×800 — the counter, kitchen and board in the chosen
// language, Arabic right to left, no text overflowing or clipped (checked in the DOM), no serious axe
// violation — and a language never loaded before switches offline (every catalogue is precached).
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { counter, openApp, placeOrder } from './helpers/device.ts';
import { expect, test } from './helpers/fixtures.ts';
import { waitForServiceWorkerControl } from './helpers/device.ts';

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.html).join(' | ')}`);
}

/**
 * Elements whose own text does not fit: wider than their box (clipped or spilling), or outside the viewport
 * across the page's width. Visually hidden text (1 px, clipped on purpose) and inline boxes are not boxes; text
 * cut with an ellipsis on purpose (a long customer name) is not clipped.
 */
async function overflowingText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const width = document.documentElement.clientWidth;
    for (const element of document.querySelectorAll<HTMLElement>('main *, header *, .banner *')) {
      const ownText = [...element.childNodes].some(
        (node) => node.nodeType === Node.TEXT_NODE && (node.textContent ?? '').trim() !== '',
      );
      if (!ownText || element.closest('.visually-hidden, [hidden], select')) continue;
      const style = getComputedStyle(element);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      const box = element.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      const label = `${element.tagName.toLowerCase()}.${element.className}: ${element.textContent?.trim().slice(0, 40)}`;
      // A customer name cut with an ellipsis is the row's design (Details shows it whole), not a clipped word.
      const ellipsis = style.textOverflow === 'ellipsis';
      if (style.display !== 'inline' && !ellipsis && element.scrollWidth > element.clientWidth + 1)
        found.push(`too wide (${element.scrollWidth} > ${element.clientWidth}) ${label}`);
      if (box.left < -1 || box.right > width + 1) found.push(`outside the viewport ${label}`);
    }
    return found;
  });
}

async function chooseLanguage(page: Page, current: string, language: string): Promise<void> {
  await page.goto('/diagnostics');
  await waitForServiceWorkerControl(page);
  await page.getByRole('combobox', { name: current, exact: true }).selectOption({ label: language });
}

const CASES = [
  {
    code: 'de',
    name: 'Deutsch',
    dir: 'ltr',
    language: 'Sprache',
    active: 'Offene Bestellungen',
    tickets: 'Küchenbons',
    ready: 'Fertig',
  },
  {
    code: 'ar',
    name: 'العربية',
    dir: 'rtl',
    language: 'اللغة',
    active: 'الطلبات النشطة',
    tickets: 'تذاكر المطبخ',
    ready: 'جاهز',
  },
] as const;

for (const lang of CASES) {
  test(`counter, kitchen and board in ${lang.code}: its words, ${lang.dir}, nothing clipped, no serious axe violation`, async ({
    app,
    uniqueName,
  }) => {
    // Three screens, three axe scans: the kitchen's scan alone took 31 s of the default 60 at load 15.
    test.slow();
    await app.setViewportSize({ width: 1280, height: 800 });
    const name = uniqueName('Sprache');
    await placeOrder(app, { customerName: name });
    await chooseLanguage(app, 'Language', lang.name);
    await expect(app.locator('html')).toHaveAttribute('lang', lang.code);
    await expect(app.locator('html')).toHaveAttribute('dir', lang.dir);
    // Applied without a reload: the combobox now reads in the new language.
    await expect(app.getByRole('combobox', { name: lang.language, exact: true })).toHaveValue(lang.code);

    await app.goto('/');
    await expect(app.getByRole('list', { name: lang.active, exact: true })).toBeVisible();
    // The check itself finds clipped text: a word too wide for its box.
    await app.evaluate(() => {
      const probe = document.createElement('p');
      probe.id = 'overflow-probe';
      probe.style.cssText = 'width: 40px; white-space: nowrap; overflow: hidden';
      probe.textContent = 'Bestellungsübersicht';
      document.querySelector('main')?.append(probe);
    });
    expect(await overflowingText(app)).toHaveLength(1);
    await app.evaluate(() => document.getElementById('overflow-probe')?.remove());
    await expect(app.getByRole('listitem').filter({ hasText: name })).toBeVisible();
    expect(await overflowingText(app)).toEqual([]);
    expect(await seriousViolations(app)).toEqual([]);

    await app.goto('/kitchen');
    await expect(app.getByRole('list', { name: lang.tickets, exact: true })).toBeVisible();
    await expect(app.getByRole('listitem').filter({ hasText: name })).toBeVisible();
    expect(await overflowingText(app)).toEqual([]);
    expect(await seriousViolations(app)).toEqual([]);

    await app.goto('/board');
    await expect(app.getByRole('list', { name: lang.ready, exact: true })).toBeAttached();
    expect(await overflowingText(app)).toEqual([]);
    expect(await seriousViolations(app)).toEqual([]);
    // Still there after a reload: the choice is kept on the device.
    await app.reload();
    await expect(app.locator('html')).toHaveAttribute('lang', lang.code);
  });
}

/** The owner's Menu and Devices screens in each language: their own words (none of the English left), RTL in Arabic. */
const OWNER_CASES = [
  {
    code: 'de',
    name: 'Deutsch',
    dir: 'ltr',
    menu: 'Speisekarte',
    items: 'Artikel',
    addCategory: 'Kategorie hinzufügen',
    edit: 'Bearbeiten',
    devices: 'Geräte',
    pairNew: 'Neues Gerät koppeln',
    createCode: 'Kopplungscode erstellen',
  },
  {
    code: 'ar',
    name: 'العربية',
    dir: 'rtl',
    menu: 'القائمة',
    items: 'العناصر',
    addCategory: 'أضف الفئة',
    edit: 'تعديل',
    devices: 'الأجهزة',
    pairNew: 'إقران جهاز جديد',
    createCode: 'إنشاء رمز إقران',
  },
] as const;

/** English words these two screens showed before they were translated: none may be left on the page. */
const ENGLISH = [
  'Add an item',
  'Add category',
  'Archive',
  'Option groups',
  'Tax rates',
  'Discounts',
  'Export menu',
  'Pair a new device',
  'Create pairing code',
  'Refresh device list',
  'Last seen',
  'Ticket code',
  'Backups',
];

async function englishLeft(page: Page): Promise<string[]> {
  const text = await page.locator('main').innerText();
  return ENGLISH.filter((words) => text.includes(words));
}

for (const lang of OWNER_CASES) {
  test(`the owner's Menu and Devices screens in ${lang.code}: its words, ${lang.dir}, nothing clipped, no serious axe violation`, async ({
    device,
  }) => {
    const owner = await (await device({ role: 'owner' })).newPage();
    await owner.setViewportSize({ width: 1280, height: 800 });
    await openApp(owner);
    await chooseLanguage(owner, 'Language', lang.name);
    await expect(owner.locator('html')).toHaveAttribute('dir', lang.dir);

    await owner.goto('/menu');
    await expect(owner.getByRole('heading', { name: lang.menu, exact: true })).toBeVisible();
    const items = owner.getByRole('region', { name: lang.items, exact: true });
    // Each row's button reads the word; its accessible name adds the item ("Latte bearbeiten").
    await expect(items.locator('button').filter({ hasText: lang.edit }).first()).toBeVisible();
    await expect(owner.getByRole('button', { name: lang.addCategory, exact: true })).toBeVisible();
    expect(await englishLeft(owner)).toEqual([]);
    expect(await overflowingText(owner)).toEqual([]);
    expect(await seriousViolations(owner)).toEqual([]);

    await owner.goto('/devices');
    await expect(owner.getByRole('heading', { name: lang.devices, exact: true })).toBeVisible();
    await expect(owner.getByRole('heading', { name: lang.pairNew, exact: true })).toBeVisible();
    await expect(owner.getByRole('list', { name: lang.devices, exact: true })).toBeVisible();
    await owner.getByRole('button', { name: lang.createCode, exact: true }).click();
    await expect(owner.locator('.pairing-code')).toBeVisible();
    expect(await englishLeft(owner)).toEqual([]);
    expect(await overflowingText(owner)).toEqual([]);
    expect(await seriousViolations(owner)).toEqual([]);
  });
}

test('a language never loaded before switches offline, without a reload', async ({ app }) => {
  // Attached, not visible: on a server no earlier test wrote to, the list is empty and has no height.
  await expect(counter(app).activeOrders).toBeAttached();
  await app.goto('/diagnostics');
  await waitForServiceWorkerControl(app);
  await expect(app.getByRole('heading', { name: 'Diagnostics', exact: true })).toBeVisible();
  await app.context().setOffline(true);
  await app.getByRole('combobox', { name: 'Language', exact: true }).selectOption({ label: 'Français' });
  await expect(app.getByRole('heading', { name: 'Diagnostic', exact: true })).toBeVisible();
  await expect(app.getByRole('link', { name: 'Comptoir', exact: true })).toBeVisible();
  await app.getByRole('combobox', { name: 'Langue', exact: true }).selectOption({ label: 'العربية' });
  await expect(app.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(app.getByRole('heading', { name: 'التشخيص', exact: true })).toBeVisible();
  await app.context().setOffline(false);
});

/** The Pay dialog, the Drawer screen and its Z report (issue 24, the money screens), in German and Arabic. */
const MONEY_CASES = [
  {
    code: 'de',
    name: 'Deutsch',
    dir: 'ltr',
    pay: 'Bezahlen',
    cash: 'Bar',
    tendered: 'Gegeben',
    confirm: 'Zahlung bestätigen',
    change: 'Rückgeld',
    done: 'Fertig',
    drawer: 'Kassenlade',
    open: 'Kassenlade öffnen',
    float: 'Wechselgeld',
    counted: 'Gezähltes Bargeld',
    close: 'Kassenlade schließen',
    yesClose: 'Ja, Kassenlade schließen',
    zReport: 'Z-Bericht',
  },
  {
    code: 'ar',
    name: 'العربية',
    dir: 'rtl',
    pay: 'دفع',
    cash: 'نقدًا',
    tendered: 'المبلغ المُسلَّم',
    confirm: 'تأكيد الدفع',
    change: 'الباقي',
    done: 'تم',
    drawer: 'درج النقود',
    open: 'فتح الدرج',
    float: 'الرصيد الافتتاحي',
    counted: 'النقد المعدود',
    close: 'إغلاق الدرج',
    yesClose: 'نعم، أغلق الدرج',
    zReport: 'تقرير Z',
  },
] as const;

for (const lang of MONEY_CASES) {
  test(`the pay dialog and the drawer screen in ${lang.code}: its words, ${lang.dir}, nothing clipped, no serious axe violation`, async ({
    app,
    uniqueName,
  }) => {
    await app.setViewportSize({ width: 1280, height: 800 });
    const name = uniqueName('Kasse');
    await placeOrder(app, { customerName: name, itemCount: 2 });
    await chooseLanguage(app, 'Language', lang.name);
    await expect(app.locator('html')).toHaveAttribute('dir', lang.dir);

    // No drawer yet: the `Open drawer` form.
    await app.goto('/drawer');
    await expect(app.getByRole('heading', { name: lang.drawer, exact: true })).toBeVisible();
    const open = app.getByRole('form', { name: lang.open, exact: true });
    await expect(open.getByRole('textbox', { name: lang.float, exact: true })).toBeVisible();
    expect(await overflowingText(app)).toEqual([]);
    expect(await seriousViolations(app)).toEqual([]);
    await open.getByRole('textbox', { name: lang.float, exact: true }).fill('100');
    await open.getByRole('button', { name: lang.open, exact: true }).click();

    await app.goto('/');
    const row = app.getByRole('listitem').filter({ hasText: name });
    await row.getByRole('button', { name: lang.pay, exact: true }).click();
    const dialog = app.getByRole('dialog', { name: new RegExp(`^${lang.pay} `) });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('button', { name: lang.cash, exact: true })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    const tendered = dialog.getByRole('textbox', { name: lang.tendered, exact: true });
    await expect(tendered).toBeVisible();
    // Laid out in the page's direction: in Arabic the dialog is mirrored (its first method on the right).
    expect(await dialog.evaluate((element) => getComputedStyle(element).direction)).toBe(lang.dir);
    const [cash, card] = await Promise.all(
      [0, 1].map((i) =>
        dialog
          .locator('.pay-methods button')
          .nth(i)
          .evaluate((b) => b.getBoundingClientRect().left),
      ),
    );
    expect(lang.dir === 'rtl' ? cash! > card! : cash! < card!).toBe(true);
    expect(await overflowingText(app)).toEqual([]);
    expect(await seriousViolations(app)).toEqual([]);
    await tendered.fill('100');
    await dialog.getByRole('button', { name: lang.confirm, exact: true }).click();
    await expect(dialog.getByRole('status')).toContainText(lang.change);
    expect(await overflowingText(app)).toEqual([]);
    await dialog.getByRole('button', { name: lang.done, exact: true }).click();
    await expect(dialog).toBeHidden();

    // The open drawer: its facts, the paid in / out form and the close form.
    await app.goto('/drawer');
    await expect(app.getByRole('textbox', { name: lang.counted, exact: true })).toBeVisible();
    expect(await overflowingText(app)).toEqual([]);
    expect(await seriousViolations(app)).toEqual([]);
    // Closed (asked first): the Z report's cash, by-method table and movements.
    await app.getByRole('textbox', { name: lang.counted, exact: true }).fill('105');
    await app.getByRole('button', { name: lang.close, exact: true }).click();
    await app.getByRole('button', { name: lang.yesClose, exact: true }).click();
    await expect(app.getByRole('heading', { name: new RegExp(`^${lang.zReport} `) })).toBeVisible();
    expect(await overflowingText(app)).toEqual([]);
    expect(await seriousViolations(app)).toEqual([]);
  });
}
