#!/usr/bin/env node
// The `garden` command (package.json "bin"). Plain JavaScript, so that any Node can start it and
// say what is wrong; the command itself is TypeScript, which Node runs natively from version 22.18.
//
// The project runs on the Node.js that `npm ci` installs with it (the `node` devDependency).
// `npx garden` and `npm run` find that one first on their PATH; started by another Node (the
// system's, e.g. `node bin/garden.js`), this file hands over to it. package.json's `engines` names
// only the Node that runs npm itself (20.17 or newer), so that npm prints no engine warnings.
import { spawnSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
const runsTypeScript = major > 22 || (major === 22 && minor >= 18);
const pinned = fileURLToPath(new URL('../node_modules/.bin/node', import.meta.url));
const isPinned = (executable) => existsSync(pinned) && realpathSync(executable) === realpathSync(pinned);

if (existsSync(pinned) && !isPinned(process.execPath)) {
  const result = spawnSync(pinned, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  if (result.error)
    console.error(`garden could not start the project's Node.js (${pinned}): ${result.error.message}. Run \`npm ci\` again.`);
  process.exitCode = result.status ?? 2;
} else if (runsTypeScript) {
  const { runCli } = await import('../src/cli/main.ts');
  process.exitCode = await runCli(process.argv.slice(2));
} else {
  console.error(
    `garden runs on the Node.js that \`npm ci\` installs with the project, and it is not installed (this is Node.js ${process.version}). ` +
      "Run `npm ci` in the garden's folder, then `npx garden`.",
  );
  process.exitCode = 2;
}
