#!/usr/bin/env bash
# Times `oscx validate` against quick-xml baselines and peer validators on generated inputs,
# all in one run, and prints a Markdown table.
#
#   scripts/bench-peers.sh [--big] [--rounds N] [--keep]
#
#   --big       also a 600 MiB friends list (about 5 s to generate; xmllint without --stream
#               needs several GiB of memory for it)
#   --rounds N  repetitions (default 5: on a shared machine, fewer let one slow moment
#               move a median); the table shows the median wall time
#   --keep      keep the generated inputs (they are kept anyway when BENCH_DIR is set)
#   BENCH_DIR   where inputs go (default: a temporary directory); existing inputs with the
#               same name are reused, so repeated runs skip generation
#
# Rounds alternate: each round runs every tool on every input once, so a slow phase of the
# machine (another job, thermal throttling) hits all tools alike instead of one tool's runs; a
# warm-up round before them is not counted.
# Every command's exit status is checked: the inputs are valid, so anything but success is a
# failure, shown as FAILED in the table (and the script exits 1) rather than as a fast time.
# Peak RSS comes from GNU time (`/usr/bin/time`, package `time`).
set -euo pipefail

ROUNDS=5
BIG=0
KEEP=0
while [[ $# -gt 0 ]]; do
    case "$1" in
        --big) BIG=1 ;;
        --rounds) ROUNDS="$2"; shift ;;
        --keep) KEEP=1 ;;
        -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "bench-peers: unknown argument: $1" >&2; exit 2 ;;
    esac
    shift
done

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# ----- tools we depend on ----------------------------------------------------------------------
if ! /usr/bin/time -f '%M' -o /dev/null true 2>/dev/null; then
    echo "bench-peers: GNU time is needed for peak RSS: sudo apt-get install time" >&2
    exit 2
fi
HAVE_XMLLINT=0
if command -v xmllint >/dev/null; then HAVE_XMLLINT=1; else
    echo "bench-peers: xmllint not found (sudo apt-get install libxml2-utils); its rows are skipped" >&2
fi
HAVE_XMLSCHEMA=0
if python3 -c 'import xmlschema' 2>/dev/null; then HAVE_XMLSCHEMA=1; else
    echo "bench-peers: python3 xmlschema not found (pip install xmlschema); its rows are skipped" >&2
fi

# The peers validate against the published 2013 schema when it is at hand, so their verdict
# does not depend on our own schema file; otherwise against ours (same content model).
XSD="$ROOT/../shared/reference/xsd/OutlookSocialProvider_1.1-2013.utf8.xsd"
[[ -f "$XSD" ]] || XSD="$ROOT/schemas/osc-2013.xsd"

# ----- build -------------------------------------------------------------------------------------
echo "bench-peers: building release binaries…" >&2
cargo build --release --quiet --bin oscx --example gen_osc --example xml_scan
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
OSCX="$TARGET_DIR/release/oscx"
GEN="$TARGET_DIR/release/examples/gen_osc"
SCAN="$TARGET_DIR/release/examples/xml_scan"

# ----- inputs ------------------------------------------------------------------------------------
if [[ -n "${BENCH_DIR:-}" ]]; then
    DIR="$BENCH_DIR"
    mkdir -p "$DIR"
else
    DIR="$(mktemp -d -t osc-bench.XXXXXX)"
fi
WORK="$(mktemp -d -t osc-bench-run.XXXXXX)"
trap 'rm -rf "$WORK"; if [[ -z "${BENCH_DIR:-}" && $KEEP -eq 0 ]]; then rm -rf "$DIR"; fi' EXIT

generate() { # file, gen_osc arguments…
    local file="$1"; shift
    if [[ ! -s "$DIR/$file" ]]; then
        "$GEN" "$@" > "$DIR/$file.tmp"
        mv "$DIR/$file.tmp" "$DIR/$file"
    fi
}
echo "bench-peers: generating inputs in $DIR…" >&2
generate friends-64mb-s1.xml friends --size-mb 64 --seed 1
generate friends-5mb-s2.xml friends --size-mb 5 --seed 2
generate feed-50000-s1.xml feed --activities 50000 --seed 1
generate feed-5000-s2.xml feed --activities 5000 --seed 2
if [[ $BIG -eq 1 ]]; then generate friends-600mb-s3.xml friends --size-mb 600 --seed 3; fi
if [[ ! -d "$DIR/many-1000-s1" ]]; then
    "$GEN" many --count 1000 --dir "$DIR/many-1000-s1.tmp" --seed 1
    mv "$DIR/many-1000-s1.tmp" "$DIR/many-1000-s1"
fi

# Input sets: label → file arguments (a glob for the many small files).
declare -A INPUT_ARGS INPUT_BYTES
INPUTS=()
add_input() { # label, files…
    local label="$1"; shift
    INPUTS+=("$label")
    INPUT_ARGS["$label"]="$*"
    INPUT_BYTES["$label"]=$(cat "$@" | wc -c)
}
add_input "friends 64 MiB" "$DIR/friends-64mb-s1.xml"
if [[ $BIG -eq 1 ]]; then add_input "friends 600 MiB" "$DIR/friends-600mb-s3.xml"; fi
add_input "feed 50,000 activities" "$DIR/feed-50000-s1.xml"
add_input "1,000 small files" "$DIR"/many-1000-s1/*.xml
# The same files as one directory argument: oscx walks it and checks the files in parallel.
DIR_INPUT="1,000 small files as a directory"
INPUTS+=("$DIR_INPUT")
INPUT_ARGS["$DIR_INPUT"]="$DIR/many-1000-s1"
INPUT_BYTES["$DIR_INPUT"]=${INPUT_BYTES["1,000 small files"]}
# Subsets for Python xmlschema only, which runs at about 1-2 MB/s.
add_input "friends 5 MiB" "$DIR/friends-5mb-s2.xml"
add_input "feed 5,000 activities" "$DIR/feed-5000-s2.xml"
SMALL_INPUTS=("friends 5 MiB" "feed 5,000 activities" "1,000 small files")

# ----- which oscx commands exist --------------------------------------------------------------
HAVE_VALIDATE=0
NO_LINT=""
if "$OSCX" validate --help >/dev/null 2>&1; then
    HAVE_VALIDATE=1
    if "$OSCX" validate --help 2>&1 | grep -q -- '--no-lint'; then NO_LINT="--no-lint"; fi
else
    echo "bench-peers: \`oscx validate\` is not available in this build; its rows are skipped" >&2
fi

# ----- the tools ---------------------------------------------------------------------------------
# name | command prefix (input files are appended) | which inputs ("big" = all but the subsets)
TOOLS=()
CMD=()
WHERE=()
tool() { TOOLS+=("$1"); CMD+=("$2"); WHERE+=("$3"); }
tool "quick-xml raw scan" "$SCAN raw" big
tool "quick-xml NsReader scan" "$SCAN ns" big
tool "typed parse (xml::persons_str)" "$SCAN typed" big
if [[ $HAVE_VALIDATE -eq 1 ]]; then
    if [[ -n "$NO_LINT" ]]; then
        tool "oscx validate --no-lint" "$OSCX validate --no-lint" big
    fi
    tool "oscx validate" "$OSCX validate" big
    # One core, as a CI job with one CPU runs it, and only the findings and the summary
    # printed: the many-small-files target is set on this command.
    tool "oscx validate --jobs 1 --quiet" "$OSCX validate --jobs 1 --quiet" small
fi
if [[ $HAVE_XMLLINT -eq 1 ]]; then
    tool "xmllint --stream --schema" "xmllint --noout --stream --schema $XSD" big
    tool "xmllint --schema" "xmllint --noout --schema $XSD" big
fi
if [[ $HAVE_XMLSCHEMA -eq 1 ]]; then
    # Loads the schema once, then validates each file; raises (exit 1) on the first invalid one.
    PY='import sys, xmlschema
s = xmlschema.XMLSchema(sys.argv[1])
for f in sys.argv[2:]:
    s.validate(f)'
    tool "python xmlschema $(python3 -c 'import xmlschema; print(xmlschema.__version__)')" \
        "python3 -c PYSCRIPT $XSD" small
fi

runs_on() { # tool index, input label
    local where="${WHERE[$1]}" label="$2" s
    # Only oscx takes a directory.
    if [[ "$label" == "$DIR_INPUT" ]]; then [[ "${TOOLS[$1]}" == oscx* ]]; return; fi
    for s in "${SMALL_INPUTS[@]}"; do
        if [[ "$label" == "$s" ]]; then
            [[ "$where" == small || "$label" == "1,000 small files" ]]
            return
        fi
    done
    [[ "$where" == big ]]
}

# ----- measure -----------------------------------------------------------------------------------
declare -A TIMES RSS FAILED
FAILURES=0
run_one() { # tool index, input label
    local i="$1" label="$2" key="$1|$2" start end rc
    local -a cmd
    read -r -a cmd <<< "${CMD[$i]}"
    if [[ "${cmd[*]}" == *PYSCRIPT* ]]; then cmd=(python3 -c "$PY" "${cmd[@]:3}"); fi
    local -a files
    read -r -a files <<< "${INPUT_ARGS[$label]}"
    start=$(date +%s%N)
    set +e
    /usr/bin/time -f '%M' -o "$WORK/rss" "${cmd[@]}" "${files[@]}" > "$WORK/out" 2> "$WORK/err"
    rc=$?
    set -e
    end=$(date +%s%N)
    if [[ $rc -ne 0 ]]; then
        FAILED["$key"]="exit $rc"
        FAILURES=$((FAILURES + 1))
        echo "bench-peers: FAILED: ${TOOLS[$i]} on $label (exit $rc):" >&2
        # Validators report on stdout (oscx) or stderr (xmllint, Python): show both.
        { tail -n 5 "$WORK/out"; grep -v '^Command exited' "$WORK/err" | head -n 5; } >&2 || true
        return
    fi
    TIMES["$key"]+="$(( (end - start) / 1000 )) "
    local kb
    kb=$(tail -n 1 "$WORK/rss")
    if [[ -z "${RSS[$key]:-}" || $kb -gt ${RSS[$key]} ]]; then RSS["$key"]=$kb; fi
}

# One round first that does not count: it brings the inputs into the page cache (after other
# work the system may have dropped them, and the first tool of a round would pay for the disk
# what the tools after it find in memory) and the processor up to its working speed after
# idle time (on this machine the first runs after a pause take up to twice as long).
echo "bench-peers: a warm-up round, not counted…" >&2
for label in "${INPUTS[@]}"; do
    for i in "${!TOOLS[@]}"; do
        if runs_on "$i" "$label"; then run_one "$i" "$label"; fi
    done
done
TIMES=()
RSS=()

# Other work on the machine skews every number; the load average goes into the report.
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
echo "bench-peers: $ROUNDS rounds…" >&2
for ((round = 1; round <= ROUNDS; round++)); do
    echo "bench-peers: round $round/$ROUNDS" >&2
    for label in "${INPUTS[@]}"; do
        for i in "${!TOOLS[@]}"; do
            if runs_on "$i" "$label" && [[ -z "${FAILED["$i|$label"]:-}" ]]; then
                run_one "$i" "$label"
            fi
        done
    done
done

LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

# ----- report ------------------------------------------------------------------------------------
median_us() { tr ' ' '\n' <<< "$1" | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {
    if (NR % 2) print a[(NR + 1) / 2]; else print int((a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
mbps() { awk -v b="$1" -v us="$2" 'BEGIN { printf "%.1f", (b / 1e6) / (us / 1e6) }'; }

index_of() { local name="$1" i; for i in "${!TOOLS[@]}"; do
    if [[ "${TOOLS[$i]}" == "$name" ]]; then echo "$i"; return; fi; done; echo -1; }
NS_I=$(index_of "quick-xml NsReader scan")
XL_I=$(index_of "xmllint --stream --schema")

speed_of() { # tool index, input label → MB/s or empty
    local key="$1|$2"
    [[ "$1" -ge 0 && -n "${TIMES[$key]:-}" ]] || return 0
    mbps "${INPUT_BYTES[$2]}" "$(median_us "${TIMES[$key]}")"
}

echo
echo "## osc-schema validation throughput"
echo
echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "- nproc: $(nproc); load average (1, 5, 15 min) before: $LOAD_BEFORE, after: $LOAD_AFTER"
echo "- CPU: $(lscpu | grep 'Model name' | sed 's/Model name: *//')"
echo "- oscx: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet 2>/dev/null || echo ' (with uncommitted changes)'), $(rustc --version)"
if [[ $HAVE_XMLLINT -eq 1 ]]; then echo "- xmllint: libxml $(xmllint --version 2>&1 | head -1 | sed 's/.*version //')"; fi
echo "- peers' schema: $XSD"
echo "- $ROUNDS rounds, alternating; median wall time; peak RSS is the largest of the rounds"
echo "- typed parse: each file is read into memory and decoded, as for the scans; \`xml::persons_str\`"
echo "  streams the persons of friends lists out of the text; other roots (the feed, non-friends"
echo "  small files) are read whole into the model with \`xml::read_bytes\`"
echo "- MB = 10^6 bytes of input; ratios are throughput of the oscx line divided by the other's"
if [[ $HAVE_VALIDATE -eq 0 ]]; then echo "- \`oscx validate\`: not available in this build"; fi
if [[ $HAVE_VALIDATE -eq 1 && -z "$NO_LINT" ]]; then echo "- \`oscx validate --no-lint\`: flag not accepted; only \`oscx validate\` measured"; fi
if [[ $HAVE_XMLSCHEMA -eq 1 ]]; then
    echo "- Python xmlschema runs only on the 5 MiB friends subset, the 5,000-activity feed and the"
    echo "  1,000 small files: at its speed the big inputs would take minutes per round"
fi
echo
echo "| tool | input | MB | median s | MB/s | peak RSS MiB | vs NsReader scan | vs xmllint --stream |"
echo "|---|---|---:|---:|---:|---:|---:|---:|"
for label in "${INPUTS[@]}"; do
    for i in "${!TOOLS[@]}"; do
        runs_on "$i" "$label" || continue
        key="$i|$label"
        mb=$(awk -v b="${INPUT_BYTES[$label]}" 'BEGIN { printf "%.1f", b / 1e6 }')
        if [[ -n "${FAILED[$key]:-}" ]]; then
            echo "| ${TOOLS[$i]} | $label | $mb | FAILED (${FAILED[$key]}) | – | – | | |"
            continue
        fi
        med=$(median_us "${TIMES[$key]}")
        speed=$(mbps "${INPUT_BYTES[$label]}" "$med")
        secs=$(awk -v us="$med" 'BEGIN { printf "%.3f", us / 1e6 }')
        rss=$(awk -v kb="${RSS[$key]}" 'BEGIN { printf "%.1f", kb / 1024 }')
        vs_ns="" vs_xl=""
        if [[ "${TOOLS[$i]}" == oscx* || "${TOOLS[$i]}" == typed* ]]; then
            ns=$(speed_of "$NS_I" "$label")
            xl=$(speed_of "$XL_I" "$label")
            [[ -n "$ns" ]] && vs_ns=$(awk -v a="$speed" -v b="$ns" 'BEGIN { printf "%.2f×", a / b }')
            [[ -n "$xl" ]] && vs_xl=$(awk -v a="$speed" -v b="$xl" 'BEGIN { printf "%.2f×", a / b }')
        fi
        echo "| ${TOOLS[$i]} | $label | $mb | $secs | $speed | $rss | $vs_ns | $vs_xl |"
    done
done

# The targets the project holds itself to, read off the rows above.
NOLINT_I=$(index_of "oscx validate --no-lint")
OSCX_I=$(index_of "oscx validate")
TYPED_I=$(index_of "typed parse (xml::persons_str)")
verdict() { awk -v v="$1" -v t="$2" -v op="$3" 'BEGIN { ok = (op == "min") ? (v >= t) : (v <= t); print (ok ? "yes" : "NO") }'; }
# The ratio of each round (both tools ran in it, one after the other), the smallest first:
# a target holds only when it holds in every round, not just for the medians.
# The other tool's input is the same label unless given: the same bytes, given to oscx as a
# directory and to the other tool as files.
round_ratios() { # tool index, other index, input label[, other's input label]
    local other_label="${4:-$3}"
    paste -d' ' <(tr ' ' '\n' <<< "${TIMES[$2|$other_label]}" | grep -v '^$') \
        <(tr ' ' '\n' <<< "${TIMES[$1|$3]}" | grep -v '^$') |
        awk '{ printf "%.2f\n", $1 / $2 }' | sort -n | tr '\n' ' '
}
ratio_line() { # what, tool index, input label, other index, other name, target[, other's input]
    local a b r rounds worst other_label="${7:-$3}"
    a=$(speed_of "$2" "$3"); b=$(speed_of "$4" "$other_label")
    [[ -n "$a" && -n "$b" ]] || return 0
    r=$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f", a / b }')
    rounds=$(round_ratios "$2" "$4" "$3" "$other_label")
    worst=${rounds%% *}
    echo "- $1 on $3: ${r}× $5 (rounds: ${rounds% }); at least $6× in every round: $(verdict "$worst" "$6" min)"
}
rss_line() { # what, tool index, input label, limit MiB
    local key="$2|$3" mib
    [[ -n "${RSS[$key]:-}" ]] || return 0
    mib=$(awk -v kb="${RSS[$key]}" 'BEGIN { printf "%.1f", kb / 1024 }')
    echo "- $1 on $3: peak RSS $mib MiB; at most $4 MiB: $(verdict "$mib" "$4" max)"
}
time_line() { # what, tool index, input label, limit s
    local key="$2|$3" secs
    [[ -n "${TIMES[$key]:-}" ]] || return 0
    secs=$(awk -v us="$(median_us "${TIMES[$key]}")" 'BEGIN { printf "%.3f", us / 1e6 }')
    echo "- $1 on $3: $secs s; under $4 s: $(verdict "$secs" "$4" max)"
}
echo
# The speed targets are set on the 60 MB file; the 600 MiB file's ratios are shown for
# comparison, and its targets are on memory.
label="friends 64 MiB"
ratio_line "\`oscx validate --no-lint\`" "$NOLINT_I" "$label" "$NS_I" "the NsReader scan" 0.8
ratio_line "\`oscx validate --no-lint\`" "$NOLINT_I" "$label" "$XL_I" "xmllint --stream" 2.5
ratio_line "\`oscx validate\` (XSD + rules)" "$OSCX_I" "$label" "$NS_I" "the NsReader scan" 0.6
ratio_line "\`oscx validate\` (XSD + rules)" "$OSCX_I" "$label" "$XL_I" "xmllint --stream" 2.0
ratio_line "typed parse" "$TYPED_I" "$label" "$NS_I" "the NsReader scan" 0.5
for label in "friends 64 MiB" "friends 600 MiB"; do
    rss_line "\`oscx validate --no-lint\`" "$NOLINT_I" "$label" 10
done
rss_line "\`oscx validate\` (XSD + rules)" "$OSCX_I" "friends 64 MiB" 16
rss_line "\`oscx validate\` (XSD + rules)" "$OSCX_I" "friends 600 MiB" 32
time_line "\`oscx validate\` (XSD + rules)" "$OSCX_I" "feed 50,000 activities" 1
# Many small files on one core, XSD + rules + printing, against xmllint's XSD alone on the
# same files: the target is set on the directory, as a CI job names it; the files one by one
# as arguments are shown beside it.
JOBS1_I=$(index_of "oscx validate --jobs 1 --quiet")
ratio_line "\`oscx validate --jobs 1 --quiet\` (XSD + rules)" "$JOBS1_I" \
    "$DIR_INPUT" "$(index_of "xmllint --schema")" "xmllint --schema on the files" 1.5 \
    "1,000 small files"
ratio_line "\`oscx validate --jobs 1 --quiet\` (XSD + rules)" "$JOBS1_I" \
    "1,000 small files" "$(index_of "xmllint --schema")" "xmllint --schema" 1.5
for label in "1,000 small files" "$DIR_INPUT"; do
    time_line "\`oscx validate\` (XSD + rules)" "$OSCX_I" "$label" 2
done
if [[ -z "${BENCH_DIR:-}" && $KEEP -eq 1 ]]; then echo; echo "Inputs kept in $DIR"; fi

if [[ $FAILURES -gt 0 ]]; then
    echo "bench-peers: $FAILURES run(s) failed; see FAILED rows" >&2
    exit 1
fi
