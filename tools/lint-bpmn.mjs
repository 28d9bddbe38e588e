// Lints BPMN files with bpmnlint and the repository's .bpmnlintrc; exits non-zero on any lint error
// (warnings are printed but do not fail). Run by ./mvnw verify after the unit tests; by hand:
//   node tools/lint-bpmn.mjs                 every processes/**/*.bpmn
//   node tools/lint-bpmn.mjs some/dir x.bpmn  the .bpmn files under these folders, and these files
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const toolsDir = fileURLToPath(new URL('.', import.meta.url));
const repoDir = resolve(toolsDir, '..');
const targets = process.argv.length > 2 ? process.argv.slice(2).map((p) => resolve(p)) : [join(repoDir, 'processes')];

const files = targets.flatMap((target) => {
  const stat = statSync(target, { throwIfNoEntry: false });
  if (!stat) {
    return [];
  }
  if (stat.isFile()) {
    return [target];
  }
  return readdirSync(target, { recursive: true })
    .filter((name) => name.endsWith('.bpmn'))
    .map((name) => join(target, name))
    .sort();
});

// Paths inside the repository are shown relative to it, others in full.
const show = (path) => (relative(repoDir, path).startsWith('..') ? path : relative(repoDir, path) || '.');
const shown = targets.map(show).join(', ');
if (files.length === 0) {
  console.log(`bpmnlint: no .bpmn files in ${shown}, nothing to lint`);
  process.exit(0);
}

// bpmnlint resolves the rule plug-ins of .bpmnlintrc from its working directory, so run it in tools/.
const bpmnlint = spawnSync(process.execPath, [
  join(toolsDir, 'node_modules', 'bpmnlint', 'bin', 'bpmnlint.js'),
  '--config', join(repoDir, '.bpmnlintrc'),
  ...files,
], { cwd: toolsDir, stdio: 'inherit' });

const names = files.map(show).join(', ');
if (bpmnlint.error || bpmnlint.status !== 0) {
  console.error(`bpmnlint: FAILED for ${names} (see the problems above; rules: .bpmnlintrc)`);
  process.exit(1);
}
console.log(`bpmnlint: ${files.length} file(s) without errors: ${names}`);
