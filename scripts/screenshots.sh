#!/usr/bin/env bash
# Builds a garden and takes the screenshots we look at before showing the design to anyone: the home
# page and a long note, at desktop and phone widths, in the light and the dark theme, plus the phone
# menus. The images are not kept in the repository; look at them in the output folder.
#
#   npm run screenshots [-- <content-folder> <out-folder> <note-path>]
#
# Defaults: the sourcegraph-handbook corpus in ../shared/corpora, screenshots/ and its Cloud team page.
set -euo pipefail
cd "$(dirname "$0")/.."

content="${1:-../shared/corpora/sourcegraph-handbook}"
out="${2:-screenshots}"
note="${3:-/departments/cloud/}"
site="$(mktemp -d)/site"

GARDEN_CONTENT="$content" ASTRO_TELEMETRY_DISABLED=1 npx astro build --outDir "$site" | tail -n 4
npx node scripts/screenshot.ts "$site" "$out" / "$note" --widths=1280,390 --themes=light,dark
npx node scripts/screenshot.ts "$site" "$out" / "$note" --widths=1280 --themes=light --full
npx node scripts/screenshot.ts "$site" "$out" "$note" --widths=390 --themes=light,dark --open=explorer
npx node scripts/screenshot.ts "$site" "$out" "$note" --widths=390 --themes=light --open=toc
