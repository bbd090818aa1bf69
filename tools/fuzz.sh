#!/usr/bin/env bash
# Fuzzing and cost checks for readstat (see tests/fuzz/README.md).
#
#   tools/fuzz.sh build                 configure and build build-fuzz (clang, -Dfuzz=true)
#   tools/fuzz.sh run TARGET SECONDS [libFuzzer flags...]
#                                       one long run; the corpus grows in build-fuzz/fuzz-work
#   tools/fuzz.sh ci [SECONDS]          every target for SECONDS (default 60), one after another
#   tools/fuzz.sh cost [BYTES]          callgrind instruction counts of repetitive shapes at
#                                       BYTES and 2*BYTES (default 262144); ratio ~2 is linear
#
# BUILD_DIR overrides build-fuzz.  Exit status: non-zero if a target crashed,
# hung or ran out of memory, or a shape's cost grew by more than 2.5x.
set -uo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build-fuzz}
targets=$(sed -n "s/^  \['\(fuzz_[a-z0-9_]*\)'.*/\1/p" tests/fuzz/meson.build)

configure() {
    if [ ! -f "$build/build.ninja" ]; then
        # DWARF 4: valgrind 3.19 cannot read clang 14's default DWARF 5 (cost).
        CC=clang meson setup "$build" -Dfuzz=true -Dc_args=-gdwarf-4 >/dev/null || exit 1
    fi
    ninja -C "$build" >/dev/null || { ninja -C "$build"; exit 1; }
}

run_one() {
    local target=$1 seconds=$2
    shift 2
    bash tests/fuzz/run_fuzzers.sh "$build/tests/fuzz/$target" tests/fuzz "$target" "$seconds" \
        "$build/fuzz-work" "$@"
}

case ${1:-} in
build)
    configure
    ;;
run)
    [ $# -ge 3 ] || { sed -n '2,13p' "$0"; exit 2; }
    configure
    target=$2 seconds=$3
    shift 3
    run_one "$target" "$seconds" "$@"
    ;;
ci)
    configure
    seconds=${2:-60}
    status=0
    for t in $targets; do
        echo "== $t, ${seconds}s"
        run_one "$t" "$seconds" || status=1
    done
    exit $status
    ;;
cost)
    configure
    command -v valgrind >/dev/null || { echo "valgrind is not installed"; exit 1; }
    n=${2:-262144}
    status=0
    printf '%-20s %15s %15s %6s\n' shape "Ir at $n" "Ir at $((2 * n))" ratio
    for unit in "a.b." "Go.Go." "1.1.1.1." "((((((" "!!!!!" "...." "@@@@" "####" "http://" \
                "www." "e.g." "a.b.c.d.e.f.g.h." "#a" "@a" "x@" "a@b." "Go. " "word " "a"; do
        irs=()
        for size in "$n" "$((2 * n))"; do
            out=$(mktemp)
            valgrind --tool=callgrind --toggle-collect=rs_analyze --callgrind-out-file="$out" \
                "$build/tests/fuzz/shape_cost" "$unit" "$size" >/dev/null 2>&1
            irs+=("$(awk '/^(summary|totals):/ {print $2; exit}' "$out")")
            rm -f "$out"
        done
        if [ -z "${irs[0]}" ] || [ -z "${irs[1]}" ]; then
            echo "callgrind gave no count for \"$unit\" (run it by hand to see why)"
            exit 1
        fi
        ratio=$(awk -v a="${irs[0]}" -v b="${irs[1]}" 'BEGIN { printf "%.2f", b / a }')
        printf '%-20s %15s %15s %6s\n' "\"$unit\"" "${irs[0]}" "${irs[1]}" "$ratio"
        awk -v r="$ratio" 'BEGIN { exit !(r > 2.5) }' && status=1
    done
    exit $status
    ;;
*)
    sed -n '2,13p' "$0"
    exit 2
    ;;
esac
