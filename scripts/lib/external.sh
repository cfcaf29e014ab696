# Sourced by the scripts that need something outside the repository (a Rust target, a
# Python package): the same rule as the tests' `support::external`. Outside CI a missing
# thing is a skip, said on stderr; in CI it is a failure, since `.ci/run` installs it.

# True when CI holds a true value: anything but unset, empty, 0, false, no or off (any case).
# tests/ci_definition.rs holds this to the tests' definition.
in_ci() {
    local value="${CI-}"
    value="${value#"${value%%[![:space:]]*}"}"
    value="${value%"${value##*[![:space:]]}"}"
    case "${value,,}" in
        "" | 0 | false | no | off) return 1 ;;
        *) return 0 ;;
    esac
}

# missing WHO REASON: fails in CI; elsewhere says the caller skipped and exits 0.
missing() {
    if in_ci; then
        echo "$1: $2; CI must provide it (.ci/run installs it)" >&2
        exit 1
    fi
    echo "skipped: $1: $2" >&2
    exit 0
}
