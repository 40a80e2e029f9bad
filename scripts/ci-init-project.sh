#!/usr/bin/env bash
# CI: a project made by `ncatbot init` (and by `npm create ncatbot`, i.e. the
# create-ncatbot package) passes its own `npm test` on a fresh machine, with ncatbot
# installed from this repository's packed tarball. TypeScript and JavaScript flavours.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$root"
[ -f dist/cli.js ] || npm run build >/dev/null
tarball="$work/$(npm pack --silent --pack-destination "$work" | tail -n 1)"
creator="$work/$(cd packages/create-ncatbot && npm pack --silent --pack-destination "$work" | tail -n 1)"

# npm create ncatbot = npx create-ncatbot: install both tarballs, run the creator.
mkdir "$work/tools"
cd "$work/tools"
npm init -y >/dev/null
npm install --no-audit --no-fund --silent "$tarball" "$creator"
npx --no-install create-ncatbot "$work/bot-ts" --yes --qq 123456789 --root 10001
npx --no-install ncatbot init "$work/bot-js" --yes --lang js

for project in bot-ts bot-js; do
  printf -- '--- %s: npm install + npm test\n' "$project"
  cd "$work/$project"
  npm install --no-audit --no-fund --silent "$tarball"
  npm test
  # the installed CLI (plain node, no build step) loads the project's plugin and checks the config
  npx --no-install ncatbot plugin list
  npx --no-install ncatbot config check
done
