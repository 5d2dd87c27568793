// A Vite app that installed localecap from its tarball (e2e/tarball.spec.js):
// it imports the package by name on the page and in a module Worker it creates.
import { createRegistry } from 'localecap';

const show = (id, text) => { document.getElementById(id).textContent = text; };
try {
  const reg = await createRegistry();
  const p = reg.resolve('ar-EG');
  show('out', `${reg.mode} ${p.tag} ${p.direction} v${reg.version}`);
} catch (e) {
  show('out', `error: ${e.message}`);
}

const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
worker.onmessage = (e) => show('worker', e.data);
worker.onerror = (e) => show('worker', `error: ${e.message}`);
