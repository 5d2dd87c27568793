// WebKitGTK (Debian's webkit2gtk-driver: WebKitWebDriver, and MiniBrowser)
// under xvfb-run, driven by selenium-webdriver; the interface of
// e2e/engines/firefox.js. WebDriver classic has no console events, so
// `errors` holds what a listener installed by watchErrors() saw.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { Builder } from 'selenium-webdriver';
import { freePort } from '../nginx-server.js';

const MINIBROWSER = readdirSync('/usr/lib').map((d) => `/usr/lib/${d}/webkit2gtk-4.1/MiniBrowser`).find(existsSync); // /usr/lib/<multiarch>/

export async function launchWebKit() {
  if (!MINIBROWSER) throw new Error('MiniBrowser not found: install webkit2gtk-driver (tools/setup.sh)');
  const port = await freePort();
  // Its own process group, so close() ends xvfb-run, Xvfb and the driver together.
  const driver = spawn('xvfb-run', ['-a', 'WebKitWebDriver', `--port=${port}`], { stdio: 'ignore', detached: true });
  const stop = () => { try { process.kill(-driver.pid, 'SIGTERM'); } catch {} };
  try {
    for (let i = 0; ; i++) {
      try { await fetch(`http://127.0.0.1:${port}/status`); break; } catch {}
      if (i > 200) throw new Error('WebKitWebDriver did not start');
      await new Promise((done) => setTimeout(done, 100));
    }
    const d = await new Builder().usingServer(`http://127.0.0.1:${port}`).withCapabilities({
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
    }).build();
    await d.manage().setTimeouts({ script: 120_000, pageLoad: 60_000 });
    const caps = await d.getCapabilities();
    const errors = [];
    const evaluate = async (fn, arg) => {
      const r = await d.executeAsyncScript(`const done = arguments[arguments.length - 1];
        Promise.resolve(arguments[0]).then(${fn}).then((value) => done({ value }), (e) => done({ error: String(e && e.stack || e) }));`, arg ?? null);
      if (r.error) throw new Error(`in WebKit: ${r.error}`);
      return r.value;
    };
    return {
      name: 'webkit',
      version: `${caps.get('browserName')} ${caps.get('browserVersion')}`,
      errors,
      goto: (url) => d.get(url),
      evaluate,
      /** Records later console errors and uncaught errors on the page (read with collectErrors). */
      watchErrors: () => evaluate(() => {
        const seen = (window.__engineErrors = []);
        const error = console.error.bind(console);
        console.error = (...a) => { seen.push(a.join(' ')); error(...a); };
        addEventListener('error', (e) => seen.push(e.message));
        addEventListener('unhandledrejection', (e) => seen.push(String(e.reason)));
      }),
      collectErrors: async () => { errors.push(...await evaluate(() => window.__engineErrors ?? [])); },
      close: async () => { try { await d.quit(); } finally { stop(); } },
    };
  } catch (e) {
    stop();
    throw e;
  }
}
