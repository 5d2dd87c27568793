#!/usr/bin/env bash
# `npm start`: set up, build, then serve the demo on http://127.0.0.1:${PORT:-8080}/
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. tools/setup.sh
bash tools/build.sh
exec node tools/serve.mjs --admin
