#!/usr/bin/env bash
# Measures the XSD engine behind `oscx validate --schema` on the W3C XML Schema Test Suite,
# with xmllint's verdicts on the same cases beside ours (docs/xsts.md explains the numbers).
#
# Usage: scripts/xsts.sh SUITE_DIR [--out DIR] [--deadline SECS]
#
# SUITE_DIR is a checkout of the suite (the directory holding suite.xml):
#   git clone https://github.com/w3c/xsdtests
# Nothing is fetched: without a suite the script says how to get one and exits 2.
#
# It builds and runs `examples/xsts` (release), which prints the Markdown summary and
# writes summary.md, cases.tsv and disagreements.md to DIR (default: xsts/ under the cargo
# target directory). With xmllint installed it runs xmllint on every case too (one process
# per test group, `--nonet`); without it, our verdicts are printed alone and the missing
# tool is reported as scripts/lib/external.sh does: a skip, or a failure under CI.
#
# Exit status: 0 when the run completed, whatever the verdicts; 2 for a missing suite.
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=lib/external.sh
source "$repo_root/scripts/lib/external.sh"

usage() {
    cat >&2 <<'EOF'
usage: scripts/xsts.sh SUITE_DIR [--out DIR] [--deadline SECS]
SUITE_DIR is a checkout of the W3C XML Schema Test Suite; get it once with
  git clone https://github.com/w3c/xsdtests
and pass the directory that holds suite.xml.
EOF
    exit 2
}

if [[ $# -lt 1 ]]; then
    usage
fi
suite=$1
shift
if [[ ! -f $suite/suite.xml ]]; then
    echo "xsts: $suite holds no suite.xml" >&2
    usage
fi

target_dir=${CARGO_TARGET_DIR:-$repo_root/target}
out=$target_dir/xsts
args=()
while [[ $# -gt 0 ]]; do
    case $1 in
        --out)
            [[ $# -ge 2 ]] || usage
            out=$2
            shift 2
            ;;
        --deadline)
            [[ $# -ge 2 ]] || usage
            args+=(--deadline "$2")
            shift 2
            ;;
        *) usage ;;
    esac
done

(cd "$repo_root" && cargo build --release --locked --quiet --example xsts)
runner=$target_dir/release/examples/xsts

if command -v xmllint >/dev/null 2>&1; then
    "$runner" "$suite" --out "$out" --xmllint "${args[@]}"
else
    "$runner" "$suite" --out "$out" "${args[@]}"
    missing xmllint "not installed, so its verdicts are not beside ours (apt-get install libxml2-utils)"
fi
