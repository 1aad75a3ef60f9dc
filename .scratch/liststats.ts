import { readFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
const files = execSync("find /work/shared/corpora /work/wt-9/content -name '*.md'").toString().trim().split('\n');
const rows: [number, number, string][] = [];
for (const f of files) {
  const lines = readFileSync(f, 'utf8').split('\n');
  let items = 0, nestedItems = 0;
  for (const l of lines) { const m = /^(\s*(?:>\s*)*)([-*+]|\d{1,9}[.)])\s+\S/.exec(l); if (m) { items++; if (m[1]!.replace(/>/g, '').length >= 2) nestedItems++; } }
  rows.push([items, nestedItems, f]);
}
rows.sort((a, b) => b[0] - a[0]); console.log(rows.slice(0, 5));
rows.sort((a, b) => b[1] - a[1]); console.log(rows.slice(0, 5));
