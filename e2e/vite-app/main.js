// A tiny app importing the package by name, bundled by Vite (e2e/vite.spec.js).
import { createRegistry } from 'localecap';

const out = document.getElementById('out');
try {
  const reg = await createRegistry();
  const p = reg.resolve('ar-EG');
  out.textContent = `${reg.mode} ${p.tag} ${p.direction} v${reg.version}`;
} catch (e) {
  out.textContent = `error: ${e.message}`;
}
