#!/usr/bin/env bash
# The COM layer on a real COM runtime: Wine, with the Windows build (x86_64-pc-windows-gnu).
#
#   scripts/test-wine.sh
#
# In a fresh Wine prefix:
#   1. the COM and host tests (tests/com.rs, tests/host.rs, the library's `com::` tests) built
#      for Windows and run under Wine: real oleaut32 BSTRs and SAFEARRAYs;
#   2. the provider DLL template (examples/contoso_dll.rs) built and registered with
#      regsvr32, for the current user and for the machine; then 3 to 6 for it, as a 64-bit
#      DLL and again as a 32-bit one (i686) where Wine's 32-bit half is installed;
#   3. the provider found as Outlook finds it (the SocialProviders key, the ProgID,
#      CLSIDFromProgID, CoCreateInstance) and driven by scripts/wine/osc_host.c, a host
#      written in C apart from the crate: every method of the five interfaces, each HRESULT
#      and out-parameter checked, a panic answered as OSC_E_INTERNAL_ERROR, DllCanUnloadNow;
#   4. every XML answer of that host validated with `oscx validate`;
#   5. for the 64-bit DLL, `oscx host --dll` (the Windows oscx.exe under Wine), whose steps
#      and verdicts must be those of the in-process run of the same provider
#      (`cargo run --example contoso_provider`); then the DLL built broken
#      (CONTOSO_DLL_BREAK=wrong-root), which must fail GetCapabilities and nothing else;
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
"$mingw" -shared -O2 -Wl,--kill-at -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
    scripts/wine/bcryptprimitives.c -ladvapi32

# 32-bit Outlook is the common install: the DLL is built for i686 as well and driven by a
# 32-bit host, where the toolchain and Wine's 32-bit half are installed. Their absence skips
# only the 32-bit part, saying so, unless OSC_WINE_32_BIT=1 asks for it (CI leaves it out
# for time: see .ci/run).
with_32_bit=yes without_32_bit=""
mingw32=i686-w64-mingw32-gcc
if ! command -v "$mingw32" >/dev/null; then
    without_32_bit="$mingw32 is not installed (apt-get install gcc-mingw-w64-i686)"
elif ! rustup target list --installed 2>/dev/null | grep -qx i686-pc-windows-gnu; then
    without_32_bit="the i686-pc-windows-gnu target is not installed (rustup target add i686-pc-windows-gnu)"
else
    # The C host without arguments says how to use it and exits with 2, if it runs at all.
    "$mingw32" -municode -O2 -o "$work/probe32.exe" scripts/wine/osc_host.c -lole32 -loleaut32 \
        -ladvapi32
    status=0
    wine "$work/probe32.exe" >/dev/null 2>&1 || status=$?
    if [[ $status != 2 ]]; then
        without_32_bit="Wine cannot run 32-bit programs (dpkg --add-architecture i386; apt-get install wine32:i386)"
    fi
fi
if [[ -n $without_32_bit ]]; then
    if in_ci && [[ ${OSC_WINE_32_BIT:-} == 1 ]]; then
        echo "test-wine: $without_32_bit; OSC_WINE_32_BIT=1 asks for the 32-bit run" >&2
        exit 1
    fi
    echo "skipped: test-wine 32-bit: $without_32_bit" >&2
    with_32_bit=""
else
    "$mingw32" -shared -O2 -Wl,--kill-at \
        -o "$WINEPREFIX/drive_c/windows/syswow64/bcryptprimitives.dll" \
        scripts/wine/bcryptprimitives.c -ladvapi32
fi

step "COM and host tests for $target under Wine"
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER=wine
tests_log="$work/tests.log"
cargo test --locked --target "$target" --features com --test com --test host 2>&1 |
    tee "$tests_log"
cargo test --locked --target "$target" --features com --lib -- com:: 2>&1 | tee -a "$tests_log"
com_tests=$(sed -n 's/^test result: ok\. \([0-9]*\) passed.*/\1/p' "$tests_log" |
    awk '{ n += $1 } END { print n + 0 }')

cargo build --locked --bin oscx
oscx="$target_dir/debug/oscx"
# The people GetPeopleDetails is asked about, and the addresses GetActivitiesEx gets, hashed
# with the function the provider's capabilities name (SHA1).
inputs="$work/inputs"
mkdir -p "$inputs"
printf '%s\n' ben@contoso.example 'Chloe.Dupont@fabrikam.example, chloe@contoso.example' \
    someone@fabrikam.example >"$work/people.txt"
"$oscx" hash --request "$work/people.txt" --function sha1 >"$inputs/request.xml"
"$oscx" hash --function sha1 ben@contoso.example chloe@contoso.example farid@contoso.example \
    >"$inputs/hashes.txt"

# expect_key KEY present|absent: the registry's 64-bit view (where keys physically are).
expect_key() {
    local found=absent
    wine reg query "$1" /reg:64 >/dev/null 2>&1 && found=present
    if [[ $found != "$2" ]]; then
        echo "registry: $1 is $found, expected $2" >&2
        exit 1
    fi
}
# Steps and verdicts of a host report: the columns before the findings, without alignment.
verdicts() { tr -d '\r' | sed -n '/^step  /,/^[0-9]* steps\?:/p' | sed -E 's/  +/\t/g' | cut -f1,2; }

summary=()
# What the in-process run (`cargo run --example contoso_provider`) gives its host: the
# account, the people to look up, who to follow and unfollow.
host_inputs=(--user mia@contoso.example --password 'correct horse · battery staple'
    --person ben@contoso.example --person Chloe.Dupont@fabrikam.example,chloe@contoso.example
    --person farid@contoso.example --person someone@fabrikam.example
    --follow farid@contoso.example --follow-name 'Farid Haddad' --unfollow contoso-ena)

# host_dll DLL: `oscx host --dll` (the Windows oscx.exe under Wine) on the registered DLL, found
# by its ProgID, gives the in-process run's steps and verdicts; then the same DLL built broken
# (`GetCapabilities` answering a `friends` document), loaded by its class ID without
# registration, fails that step and no other.
host_dll() {
    local built=$1 status=0
    local oscx_exe="$target_dir/x86_64-pc-windows-gnu/debug/oscx.exe"
    step "64-bit: oscx host --dll"
    wine "$oscx_exe" host --dll "$dll" --progid "$prog_id" "${host_inputs[@]}" \
        >"$work/dll-run.txt" 2>&1 || status=$?
    cat "$work/dll-run.txt"
    if [[ $status != 0 ]]; then
        echo "oscx host --dll failed (exit $status)" >&2
        exit 1
    fi
    cargo run --locked --quiet --example contoso_provider >"$work/in-process.txt"
    if ! diff <(verdicts <"$work/in-process.txt") <(verdicts <"$work/dll-run.txt"); then
        echo "oscx host --dll and the in-process run differ in steps or verdicts" >&2
        exit 1
    fi
    summary+=("oscx host --dll: $(tr -d '\r' <"$work/dll-run.txt" | grep -E '^[0-9]+ steps?:')")

    step "64-bit: oscx host --dll on the DLL built broken"
    CONTOSO_DLL_BREAK=wrong-root cargo build --locked --target x86_64-pc-windows-gnu \
        --features com --example contoso_dll
    cp "$built" "$work/contoso_broken.dll"
    status=0
    wine "$oscx_exe" host --dll "$(winepath -w "$work/contoso_broken.dll")" --clsid "$clsid" \
        "${host_inputs[@]}" >"$work/broken-run.txt" 2>&1 || status=$?
    cat "$work/broken-run.txt"
    local failed
    failed=$(verdicts <"$work/broken-run.txt" | awk -F'\t' '$2 == "FAILED" { print $1 }')
    if [[ $status != 1 || $failed != GetCapabilities ]]; then
        echo "the broken DLL: exit $status, failed steps: ${failed:-none}; expected 1 and GetCapabilities only" >&2
        exit 1
    fi
    # The good DLL again, for what follows and for the next run.
    cargo build --locked --target x86_64-pc-windows-gnu --features com --example contoso_dll
    summary+=("broken DLL: fails GetCapabilities only")
}

# provider_dll TARGET MINGW BITS WOW: the DLL built for TARGET, registered, driven by the C
# host (built with MINGW), its answers validated, `oscx host --dll` where it exists,
# unregistered. WOW is the Wow6432Node\ where a 32-bit DLL's OSC keys physically are.
provider_dll() {
    local target=$1 mingw=$2 bits=$3 wow=$4
    local build="$target_dir/$target/debug"
    local install="$WINEPREFIX/drive_c/Program Files/Contoso$bits"
    local dll="C:\\Program Files\\Contoso$bits\\contoso_dll.dll"
    local providers="Software\\${wow}Microsoft\\Office\\Outlook\\SocialConnector\\SocialProviders"
    local answers="$work/answers$bits" host_log="$work/host$bits.log" status=0

    step "$bits-bit: the provider DLL and the C host, built"
    cargo build --locked --target "$target" --features com --example contoso_dll
    mkdir -p "$install" "$answers"
    cp "$build/examples/contoso_dll.dll" "$install/"
    "$mingw" -municode -O2 -Wall -Wextra -Werror -o "$work/osc_host$bits.exe" \
        scripts/wine/osc_host.c -lole32 -loleaut32 -ladvapi32
    cp "$inputs"/* "$answers/"

    step "$bits-bit: regsvr32 for the current user, then for the machine"
    wine regsvr32 /s "$dll"
    expect_key "HKCU\\Software\\Classes\\$prog_id\\CLSID" present
    expect_key "HKCU\\$providers\\$prog_id" present
    wine regsvr32 /s /u "$dll"
    expect_key "HKCU\\$providers\\$prog_id" absent
    # Wine 8.0 does not let a 32-bit process open the HKCU\Software\Classes keys it created
    # (they are written to the shared view and looked for in the 32-bit one), so a 32-bit
    # DLL's per-user unregistration leaves them behind there.
    if [[ $bits == 64 ]]; then
        expect_key "HKCU\\Software\\Classes\\$prog_id" absent
    fi
    wine regsvr32 /s /n /i:machine "$dll"
    expect_key "HKLM\\Software\\Classes\\$prog_id\\CLSID" present
    expect_key "HKLM\\$providers\\$prog_id" present

    step "$bits-bit: the C host, every method of the five interfaces"
    RUST_BACKTRACE=0 wine "$work/osc_host$bits.exe" "$prog_id" "$(winepath -w "$answers")" \
        >"$host_log" 2>&1 || status=$?
    cat "$host_log"
    if [[ $status != 0 ]]; then
        echo "the $bits-bit C host found unexpected results (exit $status)" >&2
        exit 1
    fi
    summary+=("$bits-bit $(grep '^C host:' "$host_log")")
    local clsid
    clsid=$(sed -n 's/^provider class: //p' "$host_log" | tr -d '\r')

    step "$bits-bit: every XML answer validated with oscx"
    local documents=0 answer name method args
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
    summary+=("$bits-bit XML answers valid: $documents")

    if [[ $bits == 64 ]]; then
        host_dll "$build/examples/contoso_dll.dll"
    fi

    step "$bits-bit: regsvr32 /u for the machine"
    wine regsvr32 /s /u /n /i:machine "$dll"
    expect_key "HKLM\\Software\\Classes\\$prog_id" absent
    expect_key "HKLM\\Software\\${wow}Classes\\CLSID\\$clsid" absent
    expect_key "HKLM\\$providers\\$prog_id" absent
}

cargo build --locked --target x86_64-pc-windows-gnu --features com --bin oscx
provider_dll x86_64-pc-windows-gnu "$mingw" 64 ""
if [[ -n $with_32_bit ]]; then
    provider_dll i686-pc-windows-gnu "$mingw32" 32 'Wow6432Node\'
fi

step "summary"
echo "COM and host tests passed under Wine: $com_tests"
printf '%s\n' "${summary[@]}"
[[ -n $with_32_bit ]] || echo "32-bit: not run ($without_32_bit)"
echo "run time: $((SECONDS - started)) s"
