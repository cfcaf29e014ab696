#!/usr/bin/env bash
# The COM layer on a real COM runtime: Wine, with the Windows build (x86_64-pc-windows-gnu).
#
#   scripts/test-wine.sh
#
# In a fresh Wine prefix:
#   1. the COM and host tests (tests/com.rs, tests/host.rs, the library's `com::` tests) built
#      for Windows and run under Wine: real oleaut32 BSTRs and SAFEARRAYs;
#   2. the provider DLL template (examples/contoso_dll.rs) built and registered with
#      regsvr32, for the current user and for the machine;
#   3. the provider found as Outlook finds it (the SocialProviders key, the ProgID,
#      CLSIDFromProgID, CoCreateInstance) and driven by scripts/wine/osc_host.c, a host
#      written in C apart from the crate: every method of the five interfaces, each HRESULT
#      and out-parameter checked, a panic answered as OSC_E_INTERNAL_ERROR, DllCanUnloadNow;
#   4. every XML answer of that host validated with `oscx validate`;
#   5. `oscx host --dll` (the Windows oscx.exe under Wine) on the DLL, whose steps and
#      verdicts must be those of the in-process run of the same provider
#      (`cargo run --example contoso_provider`), where this oscx has the command;
#   6. the DLL unregistered, and its keys checked gone.
# Prints the counts and the run time. Needs wine (wine64), x86_64-w64-mingw32-gcc and the
# Rust target; where one is missing it fails in CI and elsewhere says it skipped
# (scripts/lib/external.sh).
#
# Wine specifics: Wine 8.0 has no bcryptprimitives.dll, which every Rust >= 1.78 Windows
# binary imports (ProcessPrng), so a stand-in (scripts/wine/bcryptprimitives.c) goes into
# the prefix. Wine does not merge HKCU\Software\Classes into HKCR, so a per-user
# registration is invisible to CLSIDFromProgID there: the host runs against the machine
# registration (regsvr32 /n /i:machine), which real Windows needs elevation for.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/external.sh

started=$SECONDS
target=x86_64-pc-windows-gnu
mingw=x86_64-w64-mingw32-gcc
prog_id=Contoso.SocialProvider

command -v wine >/dev/null || missing test-wine "wine is not installed (apt-get install wine wine64)"
command -v "$mingw" >/dev/null ||
    missing test-wine "$mingw is not installed (apt-get install gcc-mingw-w64-x86-64)"
if ! rustup target list --installed 2>/dev/null | grep -qx "$target"; then
    missing test-wine "the $target target is not installed (rustup target add $target)"
fi

target_dir=$(cargo metadata --format-version 1 --no-deps |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
work=$(mktemp -d "${TMPDIR:-/tmp}/osc-wine.XXXXXX")
export WINEPREFIX="$work/prefix"
export WINEDEBUG=-all
# No prompts to install Mono or Gecko: nothing here needs them.
export WINEDLLOVERRIDES="mscoree=;mshtml="
cleanup() {
    wineserver -k 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

step() { printf '\n== %s\n' "$*"; }

step "fresh Wine prefix"
wineboot --init >/dev/null 2>&1
wineserver -w
system32="$WINEPREFIX/drive_c/windows/system32"
"$mingw" -shared -O2 -Wl,--kill-at -o "$system32/bcryptprimitives.dll" \
    scripts/wine/bcryptprimitives.c -ladvapi32

step "COM and host tests for $target under Wine"
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER=wine
tests_log="$work/tests.log"
cargo test --locked --target "$target" --features com --test com --test host 2>&1 |
    tee "$tests_log"
cargo test --locked --target "$target" --features com --lib -- com:: 2>&1 | tee -a "$tests_log"
com_tests=$(sed -n 's/^test result: ok\. \([0-9]*\) passed.*/\1/p' "$tests_log" |
    awk '{ n += $1 } END { print n + 0 }')

step "the provider DLL and the hosts"
cargo build --locked --target "$target" --features com --example contoso_dll --bin oscx
cargo build --locked --bin oscx
windows_build="$target_dir/$target/debug"
oscx="$target_dir/debug/oscx"
install_dir="$WINEPREFIX/drive_c/Program Files/Contoso"
mkdir -p "$install_dir"
cp "$windows_build/examples/contoso_dll.dll" "$install_dir/"
dll='C:\Program Files\Contoso\contoso_dll.dll'
"$mingw" -municode -O2 -Wall -Wextra -Werror -o "$work/osc_host.exe" scripts/wine/osc_host.c \
    -lole32 -loleaut32 -ladvapi32

# has_key KEY: whether the Wine registry has KEY.
has_key() { wine reg query "$1" >/dev/null 2>&1; }
# expect_key KEY present|absent
expect_key() {
    local found=absent
    has_key "$1" && found=present
    if [[ $found != "$2" ]]; then
        echo "registry: $1 is $found, expected $2" >&2
        exit 1
    fi
}
providers='Software\Microsoft\Office\Outlook\SocialConnector\SocialProviders'

step "regsvr32 for the current user, then for the machine"
wine regsvr32 /s "$dll"
expect_key "HKCU\\Software\\Classes\\$prog_id\\CLSID" present
expect_key "HKCU\\$providers\\$prog_id" present
wine regsvr32 /s /u "$dll"
expect_key "HKCU\\Software\\Classes\\$prog_id" absent
expect_key "HKCU\\$providers\\$prog_id" absent
wine regsvr32 /s /n /i:machine "$dll"
expect_key "HKLM\\Software\\Classes\\$prog_id\\CLSID" present
expect_key "HKLM\\$providers\\$prog_id" present

step "the C host: every method of the five interfaces"
answers="$work/answers"
mkdir -p "$answers"
# The people GetPeopleDetails is asked about, and the addresses GetActivitiesEx gets, hashed
# with the function the provider's capabilities name (SHA1).
printf '%s\n' ben@contoso.example 'Chloe.Dupont@fabrikam.example, chloe@contoso.example' \
    someone@fabrikam.example >"$work/people.txt"
"$oscx" hash --request "$work/people.txt" --function sha1 >"$answers/request.xml"
"$oscx" hash --function sha1 ben@contoso.example chloe@contoso.example farid@contoso.example \
    >"$answers/hashes.txt"
host_log="$work/host.log"
status=0
RUST_BACKTRACE=0 wine "$work/osc_host.exe" "$prog_id" "$(winepath -w "$answers")" >"$host_log" 2>&1 || status=$?
cat "$host_log"
if [[ $status != 0 ]]; then
    echo "the C host found unexpected results (exit $status)" >&2
    exit 1
fi
host_counts=$(grep '^C host:' "$host_log")

step "every XML answer validated with oscx"
documents=0
for answer in "$answers"/*.xml; do
    name=$(basename "$answer" .xml)
    [[ $name == request ]] && continue
    method=${name%%-*}
    args=(--method "$method")
    case $method in
        GetPeopleDetails) args=(--request "$answers/request.xml") ;;
        # The C host asks for activities after 2024-01-01 (its BEFORE_POSTS).
        GetActivitiesEx) args+=(--start-time 2024-01-01T00:00:00Z) ;;
    esac
    "$oscx" validate --fail-on warning "${args[@]}" "$answer"
    documents=$((documents + 1))
done

step "oscx host --dll"
host_steps="not run: this oscx has no host --dll"
oscx_exe="$windows_build/oscx.exe"
if wine "$oscx_exe" host --help 2>/dev/null | grep -q -- --dll; then
    # Steps and verdicts: the columns before the findings, without the alignment.
    verdicts() { tr -d '\r' | sed -n '/^step  /,/^[0-9]* steps\?:/p' | sed -E 's/  +/\t/g' | cut -f1,2; }
    status=0
    wine "$oscx_exe" host --dll "$dll" --progid "$prog_id" >"$work/dll-run.txt" 2>&1 || status=$?
    cat "$work/dll-run.txt"
    [[ $status == 0 ]] || { echo "oscx host --dll failed (exit $status)" >&2; exit 1; }
    cargo run --locked --quiet --example contoso_provider >"$work/in-process.txt"
    if ! diff <(verdicts <"$work/in-process.txt") <(verdicts <"$work/dll-run.txt"); then
        echo "oscx host --dll and the in-process run differ in steps or verdicts" >&2
        exit 1
    fi
    host_steps=$(verdicts <"$work/dll-run.txt" | tail -n 1)
fi

step "regsvr32 /u for the machine"
wine regsvr32 /s /u /n /i:machine "$dll"
expect_key "HKLM\\Software\\Classes\\$prog_id" absent
expect_key "HKLM\\Software\\Classes\\CLSID\\$(sed -n 's/^provider class: //p' "$host_log")" absent
expect_key "HKLM\\$providers\\$prog_id" absent

step "summary"
echo "COM and host tests passed under Wine: $com_tests"
echo "$host_counts"
echo "XML answers valid: $documents"
echo "oscx host --dll: $host_steps"
echo "run time: $((SECONDS - started)) s"
