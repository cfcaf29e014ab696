#!/usr/bin/env bash
# Compare xmllint validation verdicts of our schemas (schemas/osc-*.xsd) with
# the upstream reference schemas, document by document.
#
# Usage: scripts/compare-schema-verdicts.sh FILE.xml...
#
# For every file and every generation (1.0, 1.1, 2013) it runs
#   xmllint --noout --schema <schema> FILE
# once with our schema and once with the reference one, and prints one line:
#   <same|DIFF>  <generation>  ours=<verdict>  ref=<verdict>  <file>
# Verdicts: valid, invalid (validation error), not-xml (document not
# well-formed), schema-error (schema failed to load), rc=N (anything else).
#
# Exit status: 0 if every verdict pair agrees, 1 if any differs, 2 on usage
# errors or missing schemas.
#
# The reference schemas are looked up in $OSC_REFERENCE_XSD_DIR
# (default: ../shared/reference/xsd beside the repository), using the UTF-8 copies.
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ours_dir="$repo_root/schemas"
ref_dir=${OSC_REFERENCE_XSD_DIR:-$repo_root/../shared/reference/xsd}

# generation label, our schema, reference schema
pairs=(
  "1.0|osc-1.0.xsd|OutlookSocialProvider_1.0.utf8.xsd"
  "1.1|osc-1.1.xsd|OutlookSocialProvider_1.1-2010.utf8.xsd"
  "2013|osc-2013.xsd|OutlookSocialProvider_1.1-2013.utf8.xsd"
)

if [[ $# -eq 0 ]]; then
  echo "usage: $0 FILE.xml..." >&2
  exit 2
fi
if ! command -v xmllint >/dev/null 2>&1; then
  echo "error: xmllint not found (apt-get install libxml2-utils)" >&2
  exit 2
fi
for pair in "${pairs[@]}"; do
  IFS='|' read -r _ ours ref <<<"$pair"
  for f in "$ours_dir/$ours" "$ref_dir/$ref"; do
    if [[ ! -r $f ]]; then
      echo "error: schema not readable: $f" >&2
      exit 2
    fi
  done
done

# verdict SCHEMA DOC -> prints one word
verdict() {
  local rc=0
  xmllint --noout --schema "$1" "$2" >/dev/null 2>&1 || rc=$?
  case $rc in
    0) echo valid ;;
    1) echo not-xml ;;
    3) echo invalid ;;
    5) echo schema-error ;;
    *) echo "rc=$rc" ;;
  esac
}

total=0
differ=0
for doc in "$@"; do
  for pair in "${pairs[@]}"; do
    IFS='|' read -r gen ours ref <<<"$pair"
    v_ours=$(verdict "$ours_dir/$ours" "$doc")
    v_ref=$(verdict "$ref_dir/$ref" "$doc")
    total=$((total + 1))
    if [[ $v_ours == "$v_ref" ]]; then
      status=same
    else
      status=DIFF
      differ=$((differ + 1))
    fi
    printf '%-4s  %-4s  ours=%-12s ref=%-12s %s\n' "$status" "$gen" "$v_ours" "$v_ref" "$doc"
  done
done

echo "checked $# file(s) x ${#pairs[@]} generation(s) = $total verdict pair(s); $differ differ"
if [[ $differ -ne 0 ]]; then
  exit 1
fi
