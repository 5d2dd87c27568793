#!/usr/bin/env bash
# Builds everything `npm start` and `npm test` need, incrementally:
#   1. native Release: the library and localecap-pack
#   2. the snapshot: tools/data/gather.mjs → localecap-pack → build/snapshots/localecap.lcs,
#      and the optional names file (build/data/names.json, for suggest())
#   3. wasm (pthreads) and wasm-single, copied with the snapshot into web/dist/,
#      with the names file and the licences of their data (web/dist/licenses/)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export NODE_PATH=/usr/share/nodejs

step() { printf '\nbuild: %s\n' "$*"; }

preset() {
  [[ -f build/$1/build.ninja ]] || cmake --preset "$1" >/dev/null
  cmake --build --preset "$1" "${@:2}"
}

step "native-release (library, localecap-pack)"
preset native-release --target localecap-pack

step "snapshot from CLDR"
node tools/data/gather.mjs --out build/data/localecap-data.json --names build/data/names.json
mkdir -p build/snapshots
build/native-release/tools/localecap-pack --input build/data/localecap-data.json \
  --output build/snapshots/localecap.lcs --registry-version 1
node demo/tools/make-update.mjs >/dev/null  # the playground's data-update snapshot (build/demo/update.lcs)
node demo/tools/make-samples.mjs >/dev/null # the playground's sample text from CLDR (build/demo/samples.json)

step "wasm (pthreads) and wasm-single"
preset wasm --target localecap-wasm
preset wasm-single --target localecap-wasm-single
mkdir -p web/dist
cp build/wasm/wasm/localecap.{mjs,wasm,worker.js} build/wasm-single/wasm/localecap-single.{mjs,wasm} web/dist/
cp build/snapshots/localecap.lcs web/dist/localecap.lcs
cp build/data/names.json web/dist/names.json
# The wasm/JS interface generated from wasm/abi.h; both builds print the same text.
cmp -s build/wasm/wasm/abi.js build/wasm-single/wasm/abi.js || { echo "build: the two wasm builds disagree on wasm/abi.h" >&2; exit 1; }
cp build/wasm/wasm/abi.js web/dist/abi.js
node tools/data/licenses.mjs web/dist/licenses >/dev/null
for f in web/dist/localecap.wasm web/dist/localecap.mjs web/dist/localecap.worker.js web/dist/localecap-single.wasm web/dist/localecap-single.mjs web/dist/localecap.lcs web/dist/names.json; do
  printf '  %-32s %8d bytes, %7d gzip\n' "$f" "$(stat -c %s "$f")" "$(gzip -9c "$f" | wc -c)"
done
# Budget (DESIGN.md §7): wasm + JS glue ≤ 300 KB gzip, for each build a page may load
# (the ES module files in web/*.js included).
gz() { cat "$@" | gzip -9c | wc -c; }
for build in threads single; do
  if [[ $build == threads ]]; then files=(web/dist/localecap.{wasm,mjs,worker.js}); else files=(web/dist/localecap-single.{wasm,mjs}); fi
  total=$(( $(gz "${files[0]}") + $(gz "${files[@]:1}" web/*.js web/dist/abi.js) ))
  printf '  %-32s %8d gzip (budget 307200)\n' "wasm + glue, $build" "$total"
  (( total <= 307200 )) || { echo "build: wasm + glue ($build) is over the 300 KB gzip budget" >&2; exit 1; }
done
