// Loads one trappa HTML report in Debian's headless Chromium (driven by
// playwright-core, no browser download) and prints what a reader's browser
// saw as one JSON document on standard output. tests/suite/browser.rs runs it and
// decides pass or fail; this script only measures.
//
//   node check-report.mjs --html report.html --out DIR [--expect-text TEXT]...
//
// Measures: console errors and page errors, every request that is not
// file: or data: (blocked and listed), dialogs (an alert() would be one),
// <script> elements in the page, links that are neither http(s) nor #fragment,
// desktop and phone screenshots with their number of distinct colours,
// horizontal overflow at phone widths and at 200 % zoom, the print
// stylesheet's rules and the tallest chart against an A4 page, and an
// axe-core scan (WCAG 2.1 A/AA and best practice).

import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

function parseArgs(argv) {
  const args = { expectText: [] };
  for (let i = 0; i < argv.length; i += 2) {
    const [key, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${key} needs a value`);
    if (key === '--html') args.html = resolve(value);
    else if (key === '--out') args.out = resolve(value);
    else if (key === '--expect-text') args.expectText.push(value);
    else throw new Error(`unknown option ${key}`);
  }
  if (!args.html || !args.out) throw new Error('usage: --html FILE --out DIR [--expect-text TEXT]...');
  return args;
}

const EXECUTABLE = process.env.CHROMIUM || '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// A browser with a fresh profile of its own, recording what the page does.
async function open(url, viewport, { deviceScaleFactor = 1, isMobile = false } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'trappa-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: EXECUTABLE,
    headless: true,
    args: FLAGS,
    viewport,
    deviceScaleFactor,
    isMobile,
    hasTouch: isMobile,
    javaScriptEnabled: true,
  });
  const log = { console_errors: [], page_errors: [], requests: [], dialogs: [] };
  // Nothing may leave the machine: record and block anything not local.
  await context.route('**/*', (route) => {
    const u = route.request().url();
    if (u.startsWith('file:') || u.startsWith('data:')) return route.continue();
    if (!log.requests.includes(u)) log.requests.push(u);
    return route.abort();
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (m) => {
    if (m.type() === 'error') log.console_errors.push(m.text());
  });
  page.on('pageerror', (e) => log.page_errors.push(String(e)));
  page.on('dialog', (d) => {
    log.dialogs.push(`${d.type()}: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith('file:') && !u.startsWith('data:') && !log.requests.includes(u)) log.requests.push(u);
  });
  await page.goto(url, { waitUntil: 'load' });
  return {
    context,
    page,
    log,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

// Distinct colours of a PNG, counted by the browser itself (decode, canvas).
async function distinctColours(page, png) {
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const ctx = canvas.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    const seen = new Set();
    for (let i = 0; i < data.length; i += 4) {
      seen.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
    }
    return { width: canvas.width, height: canvas.height, distinct_colours: seen.size };
  }, png.toString('base64'));
}

async function screenshot(page, path, options) {
  const png = await page.screenshot({ path, ...options });
  return { path, ...(await distinctColours(page, png)) };
}

const overflow = (page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const url = pathToFileURL(args.html).href;
  const result = {};

  // Desktop: what the e-council opens on a laptop.
  const desktop = await open(url, { width: 1280, height: 1600 });
  const { page } = desktop;
  Object.assign(
    result,
    await page.evaluate((expected) => ({
      title: document.title,
      lang: document.documentElement.lang,
      scripts_in_page: document.querySelectorAll('script').length,
      svg_charts: document.querySelectorAll('svg[role="img"] > title + desc').length,
      tables: document.querySelectorAll('table').length,
      tables_with_caption: document.querySelectorAll('table > caption').length,
      header_cells_without_scope: document.querySelectorAll('th:not([scope])').length,
      unsafe_links: [...document.querySelectorAll('[href], [src]')]
        .map((e) => e.getAttribute('href') ?? e.getAttribute('src'))
        .filter((h) => !/^https?:\/\//.test(h) && !h.startsWith('#')),
      expected_text: Object.fromEntries(expected.map((t) => [t, document.body.innerText.includes(t)])),
    }), args.expectText),
  );
  result.desktop = await screenshot(page, join(args.out, 'desktop.png'));
  result.desktop.overflow_px = await overflow(page);
  // Tables that scroll sideways inside their region on a 1280 px screen
  // (the steps per department did, beside their chart).
  result.desktop.scrolling_tables = await page.evaluate(() =>
    [...document.querySelectorAll('.table-wrap')]
      .filter((w) => w.scrollWidth - w.clientWidth > 1)
      .map((w) => w.querySelector('table')?.id ?? '?'),
  );

  // 200 % zoom of a 1280 px window is a 640 px wide layout; WCAG's reflow
  // criterion asks for 320 px without scrolling sideways.
  await page.setViewportSize({ width: 640, height: 800 });
  result.zoom_200_overflow_px = await overflow(page);
  await page.setViewportSize({ width: 320, height: 800 });
  result.reflow_320_overflow_px = await overflow(page);

  // Print (A4): the stylesheet's rules as the browser applies them.
  await page.setViewportSize({ width: 1280, height: 1600 });
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
  writeFileSync(join(args.out, 'report.pdf'), pdf);
  await page.setViewportSize({ width: 680, height: 960 }); // about A4's printable width at 96 dpi
  result.print = await page.evaluate(() => {
    const style = (selector, property) => {
      const e = document.querySelector(selector);
      return e ? getComputedStyle(e).getPropertyValue(property) : null;
    };
    return {
      nav_display: style('nav', 'display'),
      thead_display: style('thead', 'display'),
      figure_break_inside: style('figure', 'break-inside'),
      row_break_inside: style('tbody tr', 'break-inside'),
      tallest_chart_px: Math.max(0, ...[...document.querySelectorAll('svg.chart')].map((s) => s.getBoundingClientRect().height)),
    };
  });
  result.print.pdf_pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  // A4 is 297 mm; less the 16 + 18 mm margins, 263 mm = 994 CSS px.
  result.print.a4_printable_height_px = Math.floor((263 / 25.4) * 96);
  await page.emulateMedia({ media: 'screen' });
  await page.setViewportSize({ width: 1280, height: 1600 });

  // Accessibility: axe-core, injected by this test (the page has no script).
  await page.addScriptTag({ path: require.resolve('axe-core') });
  const axe = await page.evaluate(() =>
    window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    }),
  );
  result.axe = {
    version: axe.testEngine.version,
    passes: axe.passes.length,
    incomplete: axe.incomplete.map((v) => v.id),
    violations: axe.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    })),
  };
  Object.assign(result, { log_desktop: desktop.log });
  await desktop.close();

  // Phone: a 390 px wide screen at twice the pixel density.
  const phone = await open(url, { width: 390, height: 844 }, { deviceScaleFactor: 2, isMobile: true });
  result.phone = await screenshot(phone.page, join(args.out, 'phone.png'));
  result.phone.overflow_px = await overflow(phone.page);
  result.log_phone = phone.log;
  await phone.close();

  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

main().catch((e) => {
  process.stderr.write(`check-report: ${e.stack || e}\n`);
  process.exit(1);
});
