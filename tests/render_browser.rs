//! The HTML preview in a real browser: headless Chromium takes a screenshot of the docs
//! feed's page and dumps the DOM it parsed. Without Chromium it skips outside CI and fails in
//! CI; the `CHROMIUM` environment variable names another browser binary.

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use osc_schema::model::Root;
use osc_schema::render;

mod support;
use support::cli::TempDir;
use support::external;

/// Runs headless Chromium on `page` with `extra` flags and a profile of its own, stopping
/// it if it hangs (a browser waiting on the network must not hold up the suite).
fn run_chromium(
    browser: &Path,
    dir: &Path,
    profile: &str,
    extra: &[String],
    page: &Path,
) -> Output {
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", dir.join(profile).display()))
        .arg("--window-size=420,900")
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("chromium starts");
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        match child.try_wait().expect("chromium can be waited for") {
            Some(_) => break,
            None if Instant::now() > deadline => {
                let _ = child.kill();
                panic!("chromium did not finish within two minutes");
            }
            None => std::thread::sleep(Duration::from_millis(50)),
        }
    }
    child.wait_with_output().expect("chromium output")
}

fn be_u32(bytes: &[u8]) -> u32 {
    u32::from_be_bytes(bytes.try_into().expect("four bytes"))
}

/// The text of every `<p class="title">` in a serialized DOM: tags dropped, the entities
/// a serializer writes decoded, white space collapsed.
fn titles(dom: &str) -> Vec<String> {
    dom.split(r#"<p class="title">"#)
        .skip(1)
        .map(|rest| {
            let inner = rest.split("</p>").next().unwrap_or_default();
            let mut text = String::new();
            let mut in_tag = false;
            for c in inner.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    c if !in_tag => text.push(c),
                    _ => {}
                }
            }
            let text = text
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&nbsp;", "\u{a0}")
                .replace("&amp;", "&");
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .collect()
}

#[test]
fn chromium_draws_and_parses_the_docs_feed() {
    let Some(browser) = external::chromium() else {
        return;
    };
    let bytes = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/docs/activity-feed.xml"),
    )
    .expect("fixture reads");
    let Root::ActivityFeed(feed) = osc_schema::xml::read_bytes(&bytes)
        .expect("the docs feed reads")
        .document
        .root
    else {
        panic!("the docs feed is an activityFeed");
    };
    let dir = TempDir::new("docs-feed");
    let page = dir.0.join("feed.html");
    std::fs::write(&page, render::html(&feed).output).expect("page written");

    let png = dir.0.join("feed.png");
    let shot = run_chromium(
        &browser,
        &dir.0,
        "profile-screenshot",
        &[format!("--screenshot={}", png.display())],
        &page,
    );
    let image = std::fs::read(&png).unwrap_or_else(|e| {
        panic!(
            "no screenshot ({e}); chromium said: {}",
            String::from_utf8_lossy(&shot.stderr)
        )
    });
    assert!(image.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    assert_eq!(image.get(12..16), Some(&b"IHDR"[..]), "IHDR comes first");
    let width = be_u32(&image[16..20]);
    let height = be_u32(&image[20..24]);
    // The window is 420 × 900 CSS pixels; a high-density display may double them.
    assert!((400..=1700).contains(&width), "width {width}");
    assert!((800..=3600).contains(&height), "height {height}");
    // A blank page of that size compresses to a few kilobytes; text and boxes do not.
    assert!(image.len() > 12_000, "only {} bytes: blank?", image.len());

    let dump = run_chromium(
        &browser,
        &dir.0,
        "profile-dom",
        &["--dump-dom".to_owned()],
        &page,
    );
    let dom = String::from_utf8_lossy(&dump.stdout);
    let expected: Vec<String> = render::text(&feed)
        .output
        .split("\n\n")
        .filter_map(|block| block.lines().next().map(str::to_owned))
        .collect();
    assert_eq!(expected.len(), 4);
    assert_eq!(titles(&dom), expected, "DOM:\n{dom}");
}

#[test]
fn titles_are_read_from_a_dom() {
    let dom = r#"<li><p class="title"><a href="x">A &amp; B</a>:  says
        hi </p><p class="title">C</p>"#;
    assert_eq!(titles(dom), ["A & B: says hi", "C"]);
}
