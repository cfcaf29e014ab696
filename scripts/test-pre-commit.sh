#!/usr/bin/env bash
# Runs this repository's pre-commit hooks the way a user's repository would, with
# `pre-commit try-repo`, on the bundled fixtures: both hooks pass a canonical, valid file
# whose finding an `oscx-allow` comment suppresses (formatting keeps the comment, so the
# suppression holds); `oscx-validate` passes valid files and fails an invalid one;
# `oscx-fmt` passes canonical files and fails one that is not. pre-commit (from PyPI:
# `pip install pre-commit`) builds oscx with `cargo install`, so the first run takes a few
# minutes. .ci/run installs pre-commit and runs this under CI.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
source "$ROOT/scripts/lib/external.sh"
if ! command -v pre-commit >/dev/null; then
    missing test-pre-commit "pre-commit is not installed (pip install pre-commit)"
fi
cd "$ROOT"
suppressed=fixtures/valid/OSC012/allowed-by-comment.xml
valid=(fixtures/docs/friends.xml fixtures/valid/OSC010/contacts-lookup-with-hash.xml fixtures/docs/activity-feed.xml)
invalid=fixtures/invalid/OSC010/contacts-lookup-without-hash.xml
canonical=(fixtures/docs/friends-2013.xml fixtures/docs/capabilities-2013.xml)
# Not canonical: a trailing blank line (`oscx fmt --check --diff` shows it).
not_canonical=fixtures/docs/friends.xml
# try-repo runs against a commit of this repository: the hooks as committed.
# No hook named: every hook of .pre-commit-hooks.yaml, oscx-validate and oscx-fmt.
pre-commit try-repo . --verbose --files "$suppressed"
pre-commit try-repo . oscx-validate --verbose --files "${valid[@]}"
if pre-commit try-repo . oscx-validate --files "$invalid"; then
    echo "test-pre-commit: oscx-validate passed an invalid file" >&2
    exit 1
fi
pre-commit try-repo . oscx-fmt --verbose --files "${canonical[@]}"
if pre-commit try-repo . oscx-fmt --files "$not_canonical"; then
    echo "test-pre-commit: oscx-fmt passed a file that is not canonical" >&2
    exit 1
fi
echo "test-pre-commit: both hooks pass a file with a suppression; oscx-validate passes valid files and fails an invalid one; oscx-fmt passes canonical files and fails one that is not"
