// Starts and stops a private nginx (the Debian package, tools/setup.sh) on a
// loopback port, serving `root` with docs/nginx.conf — the file the README
// shows — unchanged except its `listen` and `root` lines. Everything nginx
// writes (pid, logs, temp files) stays in a scratch directory.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const NGINX_CONF = new URL('../docs/nginx.conf', import.meta.url);

/** A free TCP port on 127.0.0.1 (the OS picks it). */
export function freePort() {
  return new Promise((done, fail) => {
    const s = createServer().once('error', fail).listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => done(port));
    });
  });
}

/** docs/nginx.conf with this port and root; throws if either line is missing. */
export function siteConfig(port, root) {
  const text = readFileSync(NGINX_CONF, 'utf8');
  const site = text.replace(/^(\s*)listen .*;$/m, `$1listen 127.0.0.1:${port};`).replace(/^(\s*)root .*;$/m, `$1root ${root};`);
  if (!site.includes(`listen 127.0.0.1:${port};`) || !site.includes(`root ${root};`)) {
    throw new Error('docs/nginx.conf: no `listen` or `root` line to set');
  }
  return site;
}

/**
 * Runs nginx in the foreground serving `root`; resolves once it answers.
 * @returns {Promise<{url: string, stop: () => Promise<void>, log: () => string, accessLog: () => string[]}>}
 */
export async function startNginx(root) {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'localecap-nginx-'));
  chmodSync(dir, 0o755); // workers may run as nobody when the test runs as root
  // `user` is honoured only when nginx starts as root; then its workers must read `root`.
  const user = process.getuid?.() === 0 ? 'user root;\n' : '';
  writeFileSync(join(dir, 'site.conf'), siteConfig(port, root));
  writeFileSync(join(dir, 'nginx.conf'), `${user}daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 64; }
http {
  access_log ${dir}/access.log;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  include ${dir}/site.conf;
}
`);
  const args = ['-p', dir, '-e', `${dir}/error.log`, '-c', `${dir}/nginx.conf`];
  const check = spawnSync('nginx', [...args, '-t'], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`nginx -t: ${check.stderr}`);
  const child = spawn('nginx', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise((done) => child.once('exit', done));
  const url = `http://127.0.0.1:${port}`;
  const log = () => `${stderr}${readFileSync(join(dir, 'error.log'), 'utf8')}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`nginx exited: ${log()}`);
    try { await fetch(`${url}/`); break; } catch {}
    if (i > 100) throw new Error(`nginx did not answer on ${url}`);
    await new Promise((done) => setTimeout(done, 50));
  }
  return {
    url,
    log,
    /** Access log lines so far: `"GET /path HTTP/1.1" status …` (nginx's combined format). */
    accessLog: () => readFileSync(join(dir, 'access.log'), 'utf8').split('\n').filter(Boolean),
    async stop() {
      if (child.exitCode === null) { child.kill('SIGQUIT'); await exited; }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
