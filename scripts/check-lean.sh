#!/usr/bin/env bash
# The library alone (`default-features = false`) pulls none of the command line's
# dependencies: argument parsing, `oscx.toml` and the terminal's code frames stay behind the
# `cli` feature. Fails naming each one that came back.
#
#   scripts/check-lean.sh
set -euo pipefail
cd "$(dirname "$0")/.."

tree=$(cargo tree --locked -e normal --no-default-features --prefix none --format '{p}')
found=0
for crate in clap toml annotate-snippets anstream; do
    if grep -qE "^$crate v" <<<"$tree"; then
        echo "check-lean: \`$crate\` is a dependency of the library without the \`cli\` feature;" \
            "make it optional and part of \`cli\` in Cargo.toml" >&2
        found=1
    fi
done
exit "$found"
