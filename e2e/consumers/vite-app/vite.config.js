// `vite build` of the app into dist/. Workers as ES modules: localecap's own
// workers are module workers, and so is the app's.
import { defineConfig } from 'vite';

export default defineConfig({
  base: './',
  logLevel: 'warn',
  build: { target: 'es2022' },
  worker: { format: 'es' },
});
