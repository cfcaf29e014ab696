#!/usr/bin/env bash
# Renders an activity feed as the People Pane preview and takes a screenshot of it with
# headless Chromium.
#
#   scripts/render-screenshot.sh FEED.xml OUT.png
#
#   OSCX      the oscx binary to use (default: `cargo run --release`, which rebuilds it
#             when the sources changed)
#   CHROMIUM  the browser (default: /usr/bin/chromium, else `chromium` on the PATH)
#   WINDOW    the window size in CSS pixels (default: 420,900)
#
# Warnings about tokens the preview could not fill are printed but do not stop the
# screenshot. Exit status: 0 with a screenshot written, 1 when the feed does not render or
# the browser writes no image, 2 for usage errors or a missing browser.
set -euo pipefail

if [[ $# -ne 2 || "$1" == -h || "$1" == --help ]]; then
    sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'
    [[ $# -eq 2 ]] && exit 0 || exit 2
fi
FEED="$1"
OUT="$2"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ -n "${OSCX:-}" ]]; then
    oscx() { "$OSCX" "$@"; }
else
    # Through cargo, so that a binary older than the sources is never used.
    oscx() { cargo run --release --quiet --manifest-path "$ROOT/Cargo.toml" --bin oscx -- "$@"; }
fi

BROWSER="${CHROMIUM:-}"
if [[ -z "$BROWSER" ]]; then
    if [[ -x /usr/bin/chromium ]]; then
        BROWSER=/usr/bin/chromium
    elif command -v chromium >/dev/null 2>&1; then
        BROWSER="$(command -v chromium)"
    else
        echo "render-screenshot: chromium is not installed (Debian: apt-get install chromium)" >&2
        exit 2
    fi
fi

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# Exit status 1 means either unfilled tokens (a page is still written) or a document that
# is not a feed (nothing is written); an empty page tells them apart.
set +e
oscx render "$FEED" --format html --output "$WORK/feed.html"
status=$?
set -e
if [[ $status -ge 2 || ! -s "$WORK/feed.html" ]]; then
    echo "render-screenshot: $FEED did not render" >&2
    exit 1
fi

# A fresh profile each time: nothing from earlier runs (cache, cookies) changes the picture.
"$BROWSER" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$WORK/profile" --window-size="${WINDOW:-420,900}" \
    --screenshot="$WORK/feed.png" "file://$WORK/feed.html" >/dev/null 2>"$WORK/chromium.log" || true
if [[ ! -s "$WORK/feed.png" ]]; then
    echo "render-screenshot: chromium wrote no screenshot:" >&2
    cat "$WORK/chromium.log" >&2
    exit 1
fi
mv "$WORK/feed.png" "$OUT"
echo "render-screenshot: wrote $OUT" >&2
