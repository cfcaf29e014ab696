//! fmt, validate on single files, schema: output and exit codes.

use std::path::Path;

use super::{oscx, stderr};

#[test]
fn fmt_output_of_the_docs_friends_example_is_canonical() {
    let formatted = oscx(&["fmt", "fixtures/docs/friends.xml"], None);
    assert_eq!(formatted.status.code(), Some(0), "{}", stderr(&formatted));
    assert!(
        formatted
            .stdout
            .starts_with(b"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<friends")
    );
    let checked = oscx(&["fmt", "--check", "-"], Some(&formatted.stdout));
    assert_eq!(checked.status.code(), Some(0), "{}", stderr(&checked));
}

#[test]
fn fmt_check_fails_with_1_on_a_document_out_of_order() {
    let input = br#"<person xmlns="http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd"><gender>male</gender><userID>1</userID></person>"#;
    let o = oscx(&["fmt", "--check", "-"], Some(input));
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("not in canonical form"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn fmt_reports_an_unreadable_document_with_its_position_and_exit_1() {
    let input = b"<friends xmlns=\"http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd\">\n  <buddy/>\n</friends>";
    let o = oscx(&["fmt", "-"], Some(input));
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.starts_with("oscx: <stdin>:"), "{err}");
    assert!(err.contains("`buddy`") && err.contains("2:3"), "{err}");
}

#[test]
fn missing_file_and_bad_flags_exit_2_with_an_oscx_prefix() {
    let o = oscx(&["fmt", "fixtures/no-such-file.xml"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("oscx: cannot read"),
        "{}",
        stderr(&o)
    );
    let o = oscx(&["fmt", "--no-such-flag", "x.xml"], None);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn fmt_write_rewrites_in_place_keeping_utf16() {
    let dir = std::env::temp_dir().join(format!("oscx-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("person.xml");
    let source =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/docs/person-2013.utf16be.xml");
    std::fs::copy(&source, &file).expect("copy fixture");
    let path = file.to_str().expect("utf-8 temp path");
    let o = oscx(&["fmt", "--write", path], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let written = std::fs::read(&file).expect("read back");
    // Canonical UTF-16 is little-endian with a byte order mark.
    assert_eq!(&written[..2], &[0xFF, 0xFE]);
    assert_eq!(oscx(&["fmt", "--check", path], None).status.code(), Some(0));
    let reread = osc_schema::xml::read_bytes(&written).expect("rewritten file reads");
    let original = osc_schema::xml::read_bytes(&std::fs::read(&source).expect("fixture"))
        .expect("fixture reads");
    assert_eq!(reread.document, original.document);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn fmt_write_refuses_to_rewrite_what_it_cannot_read() {
    let dir = std::env::temp_dir().join(format!("oscx-cli-broken-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("friends.xml");
    let broken = "<friends xmlns=\"http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd\"><person>";
    std::fs::write(&file, broken).expect("write");
    let path = file.to_str().expect("utf-8 temp path");
    let o = oscx(&["fmt", "--write", path], None);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("not well-formed"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&file).expect("read back"), broken);
    // Nothing else was left beside it.
    assert_eq!(std::fs::read_dir(&dir).expect("list").count(), 1);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn fmt_write_killed_mid_run_leaves_the_old_or_the_new_file_whole() {
    let dir = std::env::temp_dir().join(format!("oscx-cli-killed-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("friends.xml");
    // Big enough that reading, writing and syncing take a while; written without
    // indentation, so that the canonical form differs.
    let person = "<person><userID>4667647</userID><firstName>Ines</firstName>\
                  <lastName>Okafor</lastName><emailAddress>ines@contoso.example</emailAddress></person>";
    let original = format!(
        "<friends xmlns=\"http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd\">{}</friends>",
        person.repeat(60_000)
    );
    let path = file.to_str().expect("utf-8 temp path");
    let canonical = oscx(&["fmt", "-"], Some(original.as_bytes())).stdout;
    assert!(canonical.len() > original.len());
    for delay_ms in [1, 5, 20, 60, 150] {
        std::fs::write(&file, &original).expect("write");
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("oscx"))
            .args(["fmt", "--write", path])
            .spawn()
            .expect("oscx starts");
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        let now = std::fs::read(&file).expect("the file is still there");
        assert!(
            now == original.as_bytes() || now == canonical,
            "killed after {delay_ms} ms, the file is neither the old nor the new content ({} bytes)",
            now.len()
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn fmt_compact_has_no_line_breaks() {
    let o = oscx(
        &[
            "fmt",
            "--compact",
            "--declaration",
            "none",
            "fixtures/docs/capabilities-2013.xml",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!o.stdout.contains(&b'\n'));
    assert!(o.stdout.starts_with(b"<capabilities xmlns="));
}

#[test]
fn validate_exits_0_for_valid_and_1_for_invalid_documents() {
    let o = oscx(
        &[
            "validate",
            "fixtures/docs/friends.xml",
            "fixtures/docs/capabilities-1.0.xml",
        ],
        None,
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    assert!(String::from_utf8_lossy(&o.stdout).contains("checked 2 files: 0 invalid"));
    let o = oscx(&["validate", "-"], Some(b"<friends xmlns=\"urn:nope\"/>"));
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stdout).contains("error[xsd::unknown-root]"));
}

#[test]
fn a_document_that_is_not_xml_is_a_finding_with_exit_1() {
    let o = oscx(
        &["validate", "-"],
        Some(b"<friends>\n  <person>\n</friends>"),
    );
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("error[xml::not-well-formed]") && out.contains("<stdin>:3:"),
        "{out}"
    );
}

#[test]
fn an_unreadable_file_among_many_still_reports_the_others_then_exits_2() {
    let o = oscx(
        &[
            "validate",
            "fixtures/docs/friends.xml",
            "fixtures/nope.xml",
            "fixtures/docs/capabilities.xml",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stdout).contains("checked 2 files"));
    assert!(
        stderr(&o).contains("oscx: cannot read `fixtures/nope.xml`"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn target_and_schema_flags_select_the_content_model() {
    let o = oscx(
        &[
            "validate",
            "--target",
            "1.1",
            "fixtures/docs/person-2013.xml",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stdout).contains("exists only in the 2013 schema"));
    let o = oscx(
        &[
            "validate",
            "--schema",
            "schemas/osc-1.0.xsd",
            "fixtures/docs/friends-1.0.xml",
        ],
        None,
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    let o = oscx(
        &["validate", "--target", "1.2", "fixtures/docs/friends.xml"],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn an_unsupported_schema_exits_2_naming_the_construct() {
    let dir = std::env::temp_dir().join(format!("oscx-schema-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let xsd = dir.join("wildcard.xsd");
    std::fs::write(
        &xsd,
        "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" targetNamespace=\"urn:t\" \
         elementFormDefault=\"qualified\">\n  <xs:element name=\"a\">\n    <xs:complexType>\n      \
         <xs:sequence><xs:any notQName=\"b\"/></xs:sequence>\n    </xs:complexType>\n  </xs:element>\n</xs:schema>",
    )
    .expect("write schema");
    let o = oscx(
        &[
            "validate",
            "--schema",
            xsd.to_str().expect("utf-8"),
            "fixtures/docs/friends.xml",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("`xs:any/@notQName` at 4:20"),
        "{}",
        stderr(&o)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn schema_prints_the_embedded_xsd_of_each_generation() {
    for (target, file) in [
        ("1.0", "osc-1.0.xsd"),
        ("1.1", "osc-1.1.xsd"),
        ("2013", "osc-2013.xsd"),
    ] {
        let o = oscx(&["schema", "--target", target], None);
        assert_eq!(o.status.code(), Some(0));
        let on_disk = std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("schemas")
                .join(file),
        )
        .expect("schema file");
        assert_eq!(o.stdout, on_disk, "{target}");
    }
}

#[test]
fn fmt_fix_repairs_the_namespace_nonfriend_and_order_and_reports_three_fixes() {
    let file = "fixtures/fix/https-namespace-nonfriend-out-of-order.xml";
    let before = oscx(&["validate", file], None);
    assert_eq!(before.status.code(), Some(1));
    let fixed = oscx(&["fmt", "--fix", file], None);
    assert_eq!(fixed.status.code(), Some(0), "{}", stderr(&fixed));
    let report = stderr(&fixed);
    assert_eq!(report.matches(": fixed: ").count(), 3, "{report}");
    for fix in [
        "`https://",
        "`nonfriend` changed to `notfriend`",
        "schema order",
    ] {
        assert!(report.contains(fix), "{fix} missing from {report}");
    }
    let after = oscx(&["validate", "-"], Some(&fixed.stdout));
    assert_eq!(
        after.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&after.stdout)
    );
    // Without --fix the same document is refused, not silently repaired.
    assert_eq!(oscx(&["fmt", file], None).status.code(), Some(1));
}
