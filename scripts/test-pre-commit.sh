#!/usr/bin/env bash
# Runs this repository's pre-commit hooks the way a user's repository would, with
# `pre-commit try-repo`, on the bundled fixtures: the valid ones must pass, an invalid one
# must fail. pre-commit (from PyPI: `pip install pre-commit`) builds oscx with
# `cargo install`, so the first run takes a few minutes.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
source "$ROOT/scripts/lib/external.sh"
if ! command -v pre-commit >/dev/null; then
    missing test-pre-commit "pre-commit is not installed (pip install pre-commit)"
fi
cd "$ROOT"
valid=(fixtures/docs/friends.xml fixtures/valid/OSC010/contacts-lookup-with-hash.xml fixtures/docs/activity-feed.xml)
invalid=fixtures/invalid/OSC010/contacts-lookup-without-hash.xml
# try-repo runs against a commit of this repository: the hooks as committed.
pre-commit try-repo . oscx-validate --verbose --files "${valid[@]}"
if pre-commit try-repo . oscx-validate --files "$invalid"; then
    echo "test-pre-commit: oscx-validate passed an invalid file" >&2
    exit 1
fi
echo "test-pre-commit: oscx-validate passes valid files and fails an invalid one"
