#!/usr/bin/env bash
# Checks that the crate builds with the Rust it declares (`rust-version` in Cargo.toml): the
# library and `oscx` with the default features, the library alone without them. Tests,
# benches and examples are the project's own, built with the current toolchain. The toolchain is installed with
# rustup when missing; in CI a toolchain that does not install fails the check, elsewhere it
# is a skip (scripts/lib/external.sh).
#
#   scripts/check-msrv.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/external.sh

version=$(sed -n 's/^rust-version *= *"\([0-9.]*\)".*/\1/p' Cargo.toml | head -n 1)
if [ -z "$version" ]; then
    echo "check-msrv: no rust-version in Cargo.toml" >&2
    exit 1
fi
if ! command -v rustup >/dev/null; then
    missing check-msrv "rustup is not installed, so Rust $version cannot be"
fi
if ! rustup toolchain install "$version" --profile minimal >/dev/null 2>&1; then
    missing check-msrv "Rust $version did not install (rustup toolchain install $version)"
fi
# A target directory of its own: artefacts of another compiler cannot be reused anyway.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target}/msrv"
cargo "+$version" check --locked --lib --bins
cargo "+$version" check --locked --lib --no-default-features
