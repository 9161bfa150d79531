#!/usr/bin/env bash
# Everything a fresh Debian machine needs, installed by the project itself:
#   tools/setup.sh            the virtual environment and the Python packages (site build)
#   tools/setup.sh --test     + Chromium (browser tests) and the Nu HTML Checker (Java + vnu-jar)
#   tools/setup.sh --bench    + Hugo, linkchecker and html-proofer (reference tools of the benchmark)
# Idempotent: each step is skipped when what it installs is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0 want_bench=0
for arg in "$@"; do
  case "$arg" in
    --test) want_test=1 ;;
    --bench) want_bench=1; want_test=1 ;;
    *) echo "usage: tools/setup.sh [--test] [--bench]" >&2; exit 2 ;;
  esac
done

PY=${PYTHON:-python3}
extras=()
[ "$want_test" = 1 ] && extras+=(--extra test)
[ "$want_bench" = 1 ] && extras+=(--extra bench)

# uv itself, pinned by hash, in its own small environment (.tools/uv).
uv_pin=$(grep -o '^uv==[0-9.]*' tools/uv-requirements.txt)
if [ "$(.tools/uv/bin/uv --version 2>/dev/null | cut -d' ' -f2)" != "${uv_pin#uv==}" ]; then
  rm -rf .tools/uv
  "$PY" -m venv .tools/uv
  if ! .tools/uv/bin/pip install -q --require-hashes -r tools/uv-requirements.txt \
      > .tools/uv.log 2>&1; then
    cat .tools/uv.log >&2; exit 1
  fi
fi

# Every Python package at the version and hash uv.lock gives; the project itself editable.
# Compiled to bytecode as pip does (uv does not by default): where PYTHONDONTWRITEBYTECODE is
# set, nothing is ever cached, and every command would compile its imports again.
# A stamp of the lock and the extras skips the step when nothing changed.
stamp=.venv/.installed-$( { cat uv.lock; echo "${extras[*]:-} compiled"; } | sha256sum | cut -c1-16)
if [ ! -f "$stamp" ]; then
  if ! UV_PROJECT_ENVIRONMENT=.venv UV_PYTHON_DOWNLOADS=never .tools/uv/bin/uv sync \
      --locked --compile-bytecode --python "$PY" ${extras[@]+"${extras[@]}"} \
      > .tools/sync.log 2>&1; then
    cat .tools/sync.log >&2
    echo "tools/setup.sh: uv.lock does not match pyproject.toml? Run 'make lock'." >&2
    exit 1
  fi
  rm -f .venv/.installed-* && touch "$stamp"
fi
# The project's own modules too (an edited module is compiled again: its bytecode records the
# source's size and mtime).
.venv/bin/python -m compileall -q generator > /dev/null

apt_updated=0
apt_install() {  # apt_install PACKAGE... (only those whose command is missing are passed)
  [ "$#" -gt 0 ] || return 0
  if [ "$apt_updated" = 0 ]; then apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

if [ "$want_test" = 1 ]; then
  missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v java >/dev/null || missing+=(default-jre-headless)
  command -v npm >/dev/null || missing+=(npm)
  fc-list 2>/dev/null | grep -qi dejavu || missing+=(fonts-dejavu-core)
  command -v soffice >/dev/null || missing+=(libreoffice-calc-nogui)  # opens incidents.csv as a spreadsheet would
  apt_install "${missing[@]}"
  # The Nu HTML Checker (chronology check --html) and axe-core (accessibility tests).
  # Their versions and hashes are those of tools/npm/package-lock.json (npm ci refuses others).
  npm_stamp=.tools/node_modules/.installed-$(cat tools/npm/package-lock.json | sha256sum | cut -c1-16)
  if [ ! -f "$npm_stamp" ]; then
    mkdir -p .tools
    cp tools/npm/package.json tools/npm/package-lock.json .tools/
    npm ci --silent --no-audit --no-fund --prefix .tools >/dev/null
    touch "$npm_stamp"
  fi
fi

if [ "$want_bench" = 1 ]; then
  missing=()
  command -v hugo >/dev/null || missing+=(hugo)
  command -v linkchecker >/dev/null || missing+=(linkchecker)
  command -v htmlproofer >/dev/null || missing+=(ruby-html-proofer)
  apt_install "${missing[@]}"
fi
