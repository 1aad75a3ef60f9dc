import { readFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
const files = execSync("find /work/shared/corpora /work/wt-9/content -name '*.md'").toString().trim().split('\n');
let foot: [number, string] = [0, '']; let dollars: [number, string] = [0, ''];
for (const f of files) {
  const t = readFileSync(f, 'utf8').replace(/```[\s\S]*?```/g, '');
  const a = (t.match(/\[\^/g) ?? []).length; if (a > foot[0]) foot = [a, f];
  const d = (t.match(/(?<!\\)\$+/g) ?? []).length; if (d > dollars[0]) dollars = [d, f];
}
console.log(foot, dollars);
