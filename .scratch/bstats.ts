import { readFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
const files = execSync("find /work/shared/corpora /work/wt-9/content -name '*.md'").toString().trim().split('\n');
let best: [number, string] = [0, ''];
for (const f of files) {
  let count = 0; let fence = false; let n = 0;
  for (const line of readFileSync(f, 'utf8').split('\n')) {
    n++;
    if (/^\s*(```|~~~)/.test(line)) { fence = !fence; count = 0; continue; }
    if (fence) continue;
    if (line.trim() === '' || /^\s{0,3}#/.test(line) || /^\s{0,3}([-*+]|1[.)])\s+\S/.test(line)) count = 0;
    count += (line.match(/(?<!\\)\[/g) ?? []).length;
    if (count > best[0]) best = [count, `${f}:${n}`];
  }
}
console.log(best);
