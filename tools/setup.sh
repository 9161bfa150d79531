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
stamp=.venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
if [ ! -f "$stamp" ]; then
  # pip's progress goes to a log; its errors are shown if the install fails.
  if ! { .venv/bin/pip install -q --upgrade pip && .venv/bin/pip install -q -e '.[test,bench]'; } \
      > .venv/pip.log 2>&1; then
    cat .venv/pip.log >&2; exit 1
  fi
  rm -f .venv/.installed-* && touch "$stamp"
fi

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
  apt_install "${missing[@]}"
  # The Nu HTML Checker (chronology check --html) and axe-core (accessibility tests).
  if [ ! -f .tools/node_modules/vnu-jar/build/dist/vnu.jar ] || [ ! -f .tools/node_modules/axe-core/axe.min.js ]; then
    mkdir -p .tools
    npm install --silent --no-audit --no-fund --prefix .tools vnu-jar axe-core >/dev/null
  fi
fi

if [ "$want_bench" = 1 ]; then
  missing=()
  command -v hugo >/dev/null || missing+=(hugo)
  command -v linkchecker >/dev/null || missing+=(linkchecker)
  command -v htmlproofer >/dev/null || missing+=(ruby-html-proofer)
  apt_install "${missing[@]}"
fi
