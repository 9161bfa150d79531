#!/usr/bin/env bash
# Instructions a cold build costs, for two checkouts of the project: a figure that does not move
# with the host's load (wall and CPU times on a shared machine vary far more than a 5 % change).
#
#   tools/count_instructions.sh BEFORE AFTER [INCIDENTS] [build|build-search]
#
# BEFORE and AFTER are checkouts (`git worktree add --detach DIR COMMIT`). Each is built from the
# same synthetic corpus (../shared/bench/make_corpus.py) into an empty folder with no cache,
# under `valgrind --tool=callgrind --trace-children=yes`: every process of the tree counts (the
# rendering workers, Pagefind with build-search). Both checkouts' modules are compiled to bytecode
# first, as an installed package has them: a checkout without it (PYTHONDONTWRITEBYTECODE) would
# compile its modules again in every process and count that too.
# A forked child starts with its parent's counts (callgrind copies them at the fork), so its
# counts are zeroed where CPython's child begins (PyOS_AfterFork_Child): otherwise every parse
# or rendering worker would count again all that its parent did before forking it.
# Needs valgrind (apt-get).
set -euo pipefail
cd "$(dirname "$0")/.."
before=$(realpath "$1") after=$(realpath "$2") incidents=${3:-500} mode=${4:-build}
python="$PWD/.venv/bin/python"  # not realpath: that is the interpreter outside the venv
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$python" ../shared/bench/make_corpus.py "$incidents" "$work/corpus" >/dev/null

count() {  # count CHECKOUT TAG: the instructions of one cold build, summed over its processes
  rm -rf "$work/corpus/.cache" "$work/out-$2"
  "$python" -m compileall -q "$1/generator" >/dev/null
  (cd "$1" && PYTHONHASHSEED=0 PYTHONPATH="$1" valgrind --tool=callgrind --trace-children=yes \
    --zero-before=PyOS_AfterFork_Child \
    --callgrind-out-file="$work/$2.%p" "$python" -m generator.bench.child "$mode" \
    "$work/corpus/content" "$work/out-$2" >"$work/$2.log" 2>&1)
  grep -h "Collected" "$work/$2.log" | awk '{ s += $4 } END { print s }'
}

old=$(count "$before" before)
new=$(count "$after" after)
awk -v o="$old" -v n="$new" -v i="$incidents" -v m="$mode" 'BEGIN {
  printf "%s, %d incidents: before %.2f G, after %.2f G instructions (%+.1f %%)\n",
    m, i, o / 1e9, n / 1e9, (n - o) * 100 / o }'
