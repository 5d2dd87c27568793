// Firefox ESR (Debian's firefox-esr) driven by puppeteer-core over WebDriver
// BiDi, behind the small interface e2e/engines.spec.js uses for every engine:
//   { name, version, errors, goto(url), evaluate(fn, arg), watchErrors(), collectErrors(), close() }
// `errors` collects the page's console errors and uncaught exceptions.
import puppeteer from 'puppeteer-core';

export async function launchFirefox() {
  const browser = await puppeteer.launch({ browser: 'firefox', executablePath: '/usr/bin/firefox-esr', headless: true });
  const page = await browser.newPage();
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  return {
    name: 'firefox',
    version: await browser.version(),
    errors,
    goto: (url) => page.goto(url, { waitUntil: 'load' }),
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    watchErrors: async () => {}, // BiDi reports them all already
    collectErrors: async () => {},
    close: () => browser.close(),
  };
}
