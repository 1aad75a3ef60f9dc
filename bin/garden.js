#!/usr/bin/env node
// The `garden` command (package.json "bin"). Plain JavaScript, so that any Node can start it and
// say what is wrong; the command itself is TypeScript, which Node runs natively from version 22.18.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
const runsTypeScript = major > 22 || (major === 22 && minor >= 18);

if (runsTypeScript) {
  const { runCli } = await import('../src/cli/main.ts');
  process.exitCode = await runCli(process.argv.slice(2));
} else {
  // Started by an older Node (for example the system's, outside `npx`): hand over to the Node
  // that `npm ci` installed with the project (the `node` devDependency), if it is there.
  const pinned = fileURLToPath(new URL('../node_modules/.bin/node', import.meta.url));
  if (existsSync(pinned)) {
    const result = spawnSync(pinned, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
    process.exitCode = result.status ?? 2;
  } else {
    console.error(`garden needs Node.js 22.18 or newer (this is ${process.version}). Run \`npm ci\` in the garden's folder, then \`npx garden\`.`);
    process.exitCode = 2;
  }
}
