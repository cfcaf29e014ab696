#!/usr/bin/env bash
# Type-checks the `com` feature for Windows (x86_64-pc-windows-gnu): the library, `oscx` and
# the COM tests, with the Windows-only parts — oleaut32 for BSTRs and SAFEARRAYs,
# registration, loading a provider DLL for `oscx host` — that Linux builds leave out. It
# checks, it does not link or run: no Windows linker or system is needed.
#
#   scripts/check-windows.sh [extra cargo arguments]
#
# When the target's standard library is not installed (`rustup target add
# x86_64-pc-windows-gnu`), it fails in CI and elsewhere says it skipped (scripts/lib/external.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/external.sh

target=x86_64-pc-windows-gnu
if ! rustup target list --installed 2>/dev/null | grep -qx "$target"; then
    missing check-windows "the $target target is not installed (rustup target add $target)"
fi
cargo check --locked --features com --target "$target" --lib --bin oscx --test com "$@"
cargo clippy --locked --features com --target "$target" --lib --bin oscx --test com "$@" -- -D warnings
