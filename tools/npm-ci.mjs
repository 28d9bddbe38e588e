// Installs the Node tools (tools/package-lock.json) with `npm ci`, unless tools/node_modules already
// holds exactly that lock file's packages. Run by ./mvnw verify before the tests; by hand:
//   node tools/npm-ci.mjs
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const toolsDir = fileURLToPath(new URL('.', import.meta.url));
const stampFile = join(toolsDir, 'node_modules', '.npm-ci.sha256');

const lock = readFileSync(join(toolsDir, 'package-lock.json'));
const wanted = createHash('sha256').update(lock).update(process.version).digest('hex');

if (existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === wanted) {
  console.log('npm-ci: tools/node_modules is up to date with tools/package-lock.json');
  process.exit(0);
}

console.log('npm-ci: npm ci in tools/ ...');
const npm = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {
  cwd: toolsDir,
  stdio: 'inherit',
  shell: process.platform === 'win32',
});
if (npm.error || npm.status !== 0) {
  console.error(`npm-ci: 'npm ci' in ${toolsDir} failed (${npm.error ? npm.error.message : `exit ${npm.status}`})`);
  process.exit(1);
}
writeFileSync(stampFile, `${wanted}\n`);
