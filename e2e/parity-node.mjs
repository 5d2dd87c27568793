// Node's run of the mode-parity sequence (e2e/parity.spec.js): the package
// imported as a Node application would, against the origin given as argv[2].
// Prints the sequence's record as JSON.
import * as localecap from '../web/index.js';
import { runSequence } from './pages/parity-sequence.js';

// A watch never keeps a Node process alive (its timers are unref'd); this
// script waits for one of its polls, so it keeps itself alive meanwhile.
const alive = setInterval(() => {}, 1000);
process.stdout.write(JSON.stringify(await runSequence(localecap, process.argv[2])));
clearInterval(alive);
