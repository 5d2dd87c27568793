// The command-line tools' handling of secrets (issue 16 §6), in Node.
import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACK = fileURLToPath(new URL('../build/native-release/tools/localecap-pack', import.meta.url));

test('localecap-pack --generate-key writes the seed with mode 0600 and never overwrites a key', () => {
  const dir = mkdtempSync(join(tmpdir(), 'localecap-key-'));
  try {
    const key = join(dir, 'seed.hex');
    const first = spawnSync(PACK, ['--generate-key', key], { encoding: 'utf8' });
    expect(first.status, first.stderr).toBe(0);
    expect(statSync(key).mode & 0o777).toBe(0o600);
    const seed = readFileSync(key, 'utf8');
    expect(seed).toMatch(/^[0-9a-f]{64}\n$/);
    const again = spawnSync(PACK, ['--generate-key', key], { encoding: 'utf8' });
    expect(again.status).not.toBe(0);
    expect(again.stderr + again.stdout).toMatch(/refusing to overwrite an existing key/);
    expect(readFileSync(key, 'utf8')).toBe(seed);
    const other = join(dir, 'other.txt');
    writeFileSync(other, 'not a key\n');
    expect(spawnSync(PACK, ['--generate-key', other]).status).not.toBe(0);
    expect(readFileSync(other, 'utf8')).toBe('not a key\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
