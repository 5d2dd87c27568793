#!/usr/bin/env bash
# Installs what localecap needs and is missing; safe to run any number of times.
#   - Debian packages (apt): compilers and libraries, Emscripten, Chromium
#   - npm packages (npm ci): CLDR/IANA/ISO data, fastify, Playwright
# Source it (`. tools/setup.sh`) to also export NODE_PATH for emcc.
set -euo pipefail

APT_PACKAGES=(
  cmake ninja-build g++ clang libclang-rt-14-dev   # native builds and sanitizers
  googletest libgtest-dev libbenchmark-dev         # tests and benchmarks
  libicu-dev                                       # ICU4C, the comparison baseline
  libxxhash-dev nlohmann-json3-dev libcli11-dev libsodium-dev  # hash, JSON, CLI, signatures
  zlib1g-dev                                       # gzip sizes in localecap-pack/inspect
  emscripten                                       # the wasm toolchain (3.1.6)
  chromium                                         # browser for Playwright e2e
  nginx                                            # the static origin of e2e/nginx.spec.js
  firefox-esr webkit2gtk-driver xvfb               # the other engines of e2e/engines.spec.js
)

say() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: ERROR: %s\n' "$*" >&2; exit 1; }

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  say "installing with apt: ${missing[*]}"
  command -v apt-get >/dev/null || die "apt-get not found; install these yourself: ${missing[*]}"
  if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then SUDO=sudo
    else die "not root and no passwordless sudo; run as root or install: ${missing[*]}"; fi
  fi
  export DEBIAN_FRONTEND=noninteractive
  ${SUDO:-} apt-get update -qq >/dev/null || die "apt-get update failed (no network or no Debian mirror?)"
  ${SUDO:-} apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || die "apt-get install failed for: ${missing[*]}"
else
  say "Debian packages: all present"
fi

cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [[ ! -d node_modules || package-lock.json -nt node_modules/.package-lock.json ]]; then
  say "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error || die "npm ci failed"
else
  say "npm packages: up to date"
fi

# Debian's emcc needs Node to find its JS optimizer's modules.
export NODE_PATH=/usr/share/nodejs
