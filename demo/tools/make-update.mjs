#!/usr/bin/env node
// Builds the playground's "data update" snapshot: the same data as the shipped
// snapshot with one visible change (Arabic's English name gains a "demo data
// update" note), packed by localecap-pack like any snapshot. The dev server
// (tools/serve.mjs --admin) publishes it on `POST /admin/bump {"data": "update"}`
// so the Hot swap panel can show a card change with no page reload.
// It is demo data, never shipped: build/ only.
//
// Usage: node demo/tools/make-update.mjs [--data build/data/localecap-data.json]
//          [--pack build/native-release/tools/localecap-pack] [--out build/demo/update.lcs]
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export const UPDATED_TAG = 'ar';
export const UPDATED_NOTE = ' (demo data update)';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const { values } = parseArgs({
  options: {
    data: { type: 'string', default: join(root, 'build/data/localecap-data.json') },
    pack: { type: 'string', default: join(root, 'build/native-release/tools/localecap-pack') },
    out: { type: 'string', default: join(root, 'build/demo/update.lcs') },
  },
});

const doc = JSON.parse(readFileSync(values.data, 'utf8'));
const profile = doc.profiles.find((p) => p.tag === UPDATED_TAG);
if (!profile) throw new Error(`make-update: no profile '${UPDATED_TAG}' in ${values.data}`);
profile.name = `${profile.name}${UPDATED_NOTE}`;
const json = join(dirname(values.out), 'update-data.json');
mkdirSync(dirname(values.out), { recursive: true });
writeFileSync(json, JSON.stringify(doc));
execFileSync(values.pack, ['--input', json, '--output', values.out, '--registry-version', '1'], { stdio: 'inherit' });
console.log(`make-update: ${values.out} ('${UPDATED_TAG}' is now named '${profile.name}')`);
