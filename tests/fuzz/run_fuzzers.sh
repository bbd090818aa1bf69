#!/usr/bin/env bash
# Runs one libFuzzer target for a while on a scratch copy of its seeds, so
# that the repository's corpus is read, never written.  Used by
# `meson test --suite fuzz` (a short run) and by tools/fuzz.sh (long runs).
#   run_fuzzers.sh FUZZER_EXE SOURCE_DIR TARGET SECONDS [WORK_DIR] [extra libFuzzer flags...]
# A crash, a hang (-timeout) or running out of memory fails the run; the
# reproducer is left in WORK_DIR (default: a directory next to the
# executable) and its path printed.  libFuzzer's own exit code for a
# finding is 77, which meson counts as a skipped test: the run asks for 1.
set -uo pipefail
exe=$1 src=$2 target=$3 seconds=$4
work=${5:-$(dirname "$exe")/fuzz-work}
shift 5 2>/dev/null || shift $#
mkdir -p "$work/$target/corpus" "$work/$target/artifacts"
cp -n "$src/corpus/$target"/* "$work/$target/corpus/" 2>/dev/null
if [ "$target" = fuzz_rules ]; then
    cp -n "$src/../../plugins"/*.lua "$work/$target/corpus/" 2>/dev/null # real rule sets as seeds
fi
if [ -d "$src/regressions/$target" ]; then
    cp -n "$src/regressions/$target"/* "$work/$target/corpus/" 2>/dev/null
fi
"$exe" "$work/$target/corpus" \
    -dict="$src/text.dict" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -error_exitcode=1 \
    -print_final_stats=1 -artifact_prefix="$work/$target/artifacts/" "$@" \
    2>"$work/$target/log.txt"
rc=$?
tail -n 20 "$work/$target/log.txt"
if [ $rc -ne 0 ]; then
    echo "$target failed (exit $rc); reproducers:"
    ls -l "$work/$target/artifacts/"
fi
exit $rc
