#!/usr/bin/env bash
# CI: installs the packed tarball (`npm pack`, which builds through `prepack`) into fresh
# ESM, CommonJS and strict TypeScript projects (moduleResolution node16 and bundler), and
# runs a bot from each against the tarball's own fake NapCat (`ncatbot/testing`); also
# checks the `ncatbot` bin and that "ncatbot" and "ncatbot/testing" share their classes.
# Usage: .ci/pack/run.sh <tarball> <repo-with-node_modules>
set -euo pipefail
TARBALL="$(realpath "$1")"
REPO="$(realpath "$2")"
HERE="$(dirname "$(realpath "$0")")"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
TSC="$REPO/node_modules/.bin/tsc"

for file in dist/index.js dist/index.cjs dist/testing.js dist/testing.cjs dist/cli.js \
  dist/io-worker.js dist/io-worker.cjs dist/fake-napcat-worker.js dist/fake-napcat-worker.cjs \
  dist/index.d.ts dist/index.d.cts dist/testing.d.ts dist/testing.d.cts; do
  tar -tzf "$TARBALL" "package/$file" >/dev/null || { echo "tarball lacks $file"; exit 1; }
done
if tar -tzf "$TARBALL" | grep -q '\.map$'; then echo "tarball ships source maps"; exit 1; fi
echo "ok tarball holds the build ($(du -k "$TARBALL" | cut -f1) KiB)"

project() { # name type
  mkdir -p "$WORK/$1"
  printf '{ "name": "%s", "private": true, "type": "%s" }\n' "$1" "$2" >"$WORK/$1/package.json"
  (cd "$WORK/$1" && npm install --no-audit --no-fund --prefer-offline --loglevel=error "$TARBALL" >/dev/null)
}

project esm module
cp "$HERE/bot.mjs" "$REPO/scripts/smoke-identity.mjs" "$WORK/esm/"
(cd "$WORK/esm" && node bot.mjs && node smoke-identity.mjs && npx --no-install ncatbot --version)

project cjs commonjs
cp "$HERE/bot.cjs" "$WORK/cjs/"
(cd "$WORK/cjs" && node bot.cjs)

for resolution in node16 bundler; do
  name="ts-$resolution"
  project "$name" module
  module=$([ "$resolution" = node16 ] && echo node16 || echo esnext)
  cat >"$WORK/$name/tsconfig.json" <<JSON
{
  "compilerOptions": {
    "target": "es2022", "module": "$module", "moduleResolution": "$resolution",
    "strict": true, "skipLibCheck": false, "outDir": "out",
    "typeRoots": ["$REPO/node_modules/@types"], "types": ["node"]
  },
  "files": ["bot.ts"]
}
JSON
  cp "$HERE/bot.ts" "$WORK/$name/"
  (cd "$WORK/$name" && "$TSC" -p . && node out/bot.js "$resolution")
done
