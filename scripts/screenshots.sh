#!/usr/bin/env bash
# Builds a garden and takes the screenshots we look at before showing the design to anyone: the home
# page and a long note, at desktop and phone widths, in the light and the dark theme, plus the phone
# menus. The images are not kept in the repository; look at them in the output folder.
#
#   npm run screenshots [-- <content-folder> <out-folder> <note-path>]
#
# Defaults: the example garden (content/), screenshots/ and its longest note's page.
set -euo pipefail
cd "$(dirname "$0")/.."

content="${1:-content}"
out="${2:-screenshots}"
# The longest note of the content folder, as a page address, unless one is given.
longest="$(find "$content" -name '*.md' -not -path '*/templates/*' -printf '%s %P\n' | sort -rn | head -n 1 | cut -d' ' -f2-)"
note="${3:-/$(node -e 'const [p] = process.argv.slice(1); console.log(p.replace(/\.md$/, "").toLowerCase().replace(/[^a-z0-9/]+/g, "-").replace(/^-|-$/g, "") + "/")' "$longest")}"
site="$(mktemp -d)/site"

GARDEN_CONTENT="$content" ASTRO_TELEMETRY_DISABLED=1 npx astro build --outDir "$site" | tail -n 4
npx node scripts/screenshot.ts "$site" "$out" / "$note" --widths=1280,390 --themes=light,dark
npx node scripts/screenshot.ts "$site" "$out" / "$note" --widths=1280 --themes=light --full
npx node scripts/screenshot.ts "$site" "$out" "$note" --widths=390 --themes=light,dark --open=explorer
npx node scripts/screenshot.ts "$site" "$out" "$note" --widths=390 --themes=light --open=toc
