//! `oscx host --dll`: where a DLL cannot be loaded (another OS than Windows, or a build
//! without the `com` feature) it says what it needs and exits 2; its flags are checked
//! first, everywhere. Loading a DLL is exercised under Wine by `scripts/test-wine.sh`.

use super::{oscx, stderr, stdout};

/// The flags that name a provider, with a class ID in each accepted spelling.
const CLASSES: [&[&str]; 3] = [
    &["--clsid", "6b1f0c2e-0d3a-4c55-9a0e-2f6c1d7b9e41"],
    &["--clsid", "{6B1F0C2E-0D3A-4C55-9A0E-2F6C1D7B9E41}"],
    &["--progid", "Contoso.SocialProvider"],
];

#[test]
#[cfg(not(all(windows, feature = "com")))]
fn without_windows_and_com_it_says_what_it_needs_and_exits_2() {
    for class in CLASSES {
        let mut args = vec!["host", "--dll", "contoso_dll.dll"];
        args.extend_from_slice(class);
        let o = oscx(&args, None);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert_eq!(stdout(&o), "", "{args:?}");
        let said = stderr(&o);
        assert!(
            said.starts_with(
                "oscx: host --dll loads the provider DLL into this process, which needs "
            ),
            "{said}"
        );
        assert_eq!(said.lines().count(), 1, "{said}");
        assert_eq!(
            said.contains("the `com` feature (build it with `--features com`)"),
            !cfg!(feature = "com"),
            "{said}"
        );
        assert_eq!(
            said.contains("Windows, or the Windows build of oscx run under Wine"),
            !cfg!(windows),
            "{said}"
        );
    }
}

/// Runs `oscx host` with `args` and returns its standard error, after checking that it
/// refused them as a usage error: exit 2, nothing on standard output.
fn refused(args: &[&str]) -> String {
    let o = oscx(args, None);
    assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
    assert_eq!(stdout(&o), "", "{args:?}");
    let said = stderr(&o);
    assert!(said.starts_with("oscx: "), "{said}");
    said
}

#[test]
fn its_flags_are_checked_before_anything_is_loaded() {
    let said = refused(&["host", "--clsid", "6b1f0c2e-0d3a-4c55-9a0e-2f6c1d7b9e41"]);
    assert!(said.contains("--dll <PATH>"), "{said}");

    let said = refused(&["host", "--dll", "contoso_dll.dll"]);
    assert!(said.contains("--progid <NAME>|--clsid <GUID>"), "{said}");

    let said = refused(&[
        "host",
        "--dll",
        "contoso_dll.dll",
        "--progid",
        "Contoso.SocialProvider",
        "--clsid",
        "6b1f0c2e-0d3a-4c55-9a0e-2f6c1d7b9e41",
    ]);
    assert!(said.contains("cannot be used with"), "{said}");

    for bad in [
        "6b1f0c2e",
        "6b1f0c2e-0d3a-4c55-9a0e-2f6c1d7b9e4g",
        "{6b1f0c2e-0d3a-4c55-9a0e-2f6c1d7b9e41",
    ] {
        let said = refused(&["host", "--dll", "contoso_dll.dll", "--clsid", bad]);
        assert!(said.contains("expected a class ID"), "{bad}: {said}");
    }

    let said = refused(&["host", "--dll", "x.dll", "--progid", "X", "--person", " , "]);
    assert!(said.contains("expected one or more addresses"), "{said}");
    let said = refused(&[
        "host",
        "--dll",
        "x.dll",
        "--progid",
        "X",
        "--start-time",
        "yesterday",
    ]);
    assert!(said.contains("--start-time"), "{said}");
    let said = refused(&[
        "host", "--dll", "x.dll", "--progid", "X", "--format", "sarif",
    ]);
    assert!(said.contains("human") && said.contains("json"), "{said}");
}
