import { spawn } from 'node:child_process';
import { Builder } from 'selenium-webdriver';
import LogInspector from 'selenium-webdriver/bidi/logInspector.js';
const port = 4446;
const driver = spawn('WebKitWebDriver', [`--port=${port}`], { stdio: 'inherit' });
await new Promise((r) => setTimeout(r, 1000));
const d = await new Builder().usingServer(`http://127.0.0.1:${port}`).withCapabilities({
  browserName: 'MiniBrowser', webSocketUrl: true,
  'webkitgtk:browserOptions': { binary: '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser', args: ['--automation'] },
}).build();
const caps = await d.getCapabilities();
console.log('ws', caps.get('webSocketUrl'));
try {
  const inspector = await LogInspector(d);
  const logs = [];
  await inspector.onConsoleEntry((e) => logs.push(['console', e.level, e.text]));
  await inspector.onJavascriptException((e) => logs.push(['js', e.text]));
  await d.get('data:text/html,<script>console.error("boom"); setTimeout(() => { throw new Error("late") }, 10)</script>');
  await new Promise((r) => setTimeout(r, 500));
  console.log(logs);
} catch (e) { console.log('bidi failed', e.message); }
await d.quit();
driver.kill();
