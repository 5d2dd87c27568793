#!/usr/bin/env bash
# `npm test`: set up, build, run every suite, end with "N passed, N failed".
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. tools/setup.sh
bash tools/build.sh
exec node tools/run-tests.mjs "$@"
