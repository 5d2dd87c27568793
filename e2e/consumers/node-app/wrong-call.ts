// Must NOT compile: resolve() takes a string, and a Profile is read-only.
import { createRegistry } from 'localecap';

const reg = await createRegistry();
const p = reg.resolve(42);
p.direction = 'rtl';
