// A module Worker of the Vite app: localecap works inside it unchanged.
import { createRegistry } from 'localecap';

try {
  const reg = await createRegistry();
  const p = reg.resolve('he-IL');
  postMessage(`${reg.mode} ${p.tag} ${p.direction} v${reg.version}`);
} catch (e) {
  postMessage(`error: ${e.message}`);
}
