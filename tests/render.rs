//! The People Pane preview: text and HTML of the fixtures (snapshots), ordering, list
//! limits, unfilled tokens, hostile values, and `oscx render`.

use std::path::{Path, PathBuf};

use osc_schema::model::{ActivityFeed, Root};
use osc_schema::render::{self, Rendered, problem};
use osc_schema::xs::XsDateTime;

mod support;
use support::cli::{TempDir, oscx, stderr, stdout};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn feed(relative: &str) -> ActivityFeed {
    let bytes = std::fs::read(root().join(relative)).expect("fixture reads");
    match osc_schema::xml::read_bytes(&bytes)
        .expect("fixture is a document")
        .document
        .root
    {
        Root::ActivityFeed(feed) => feed,
        other => panic!("{relative} is a {:?}", other.kind()),
    }
}

/// The output, then the problems one per line, as the snapshots hold them.
fn with_problems(rendered: &Rendered) -> String {
    let mut out = rendered.output.clone();
    out.push_str("\n--- problems ---\n");
    for p in &rendered.problems {
        out.push_str(&format!(
            "{}[{}] {}: {}\n",
            p.severity, p.code, p.location.path, p.message
        ));
    }
    out
}

/// The page from `<body>` on: the head (style sheet included) is the same for every feed.
fn body(html: &str) -> &str {
    html.find("<body>").map_or(html, |i| &html[i..])
}

const SNAPSHOTTED: &[(&str, &str)] = &[
    ("docs-feed", "fixtures/docs/activity-feed.xml"),
    ("docs-lists", "fixtures/docs/activity-feed-lists.xml"),
    ("lists", "fixtures/render/lists.xml"),
    ("missing", "fixtures/render/missing.xml"),
    ("hostile", "fixtures/render/hostile.xml"),
];

#[test]
fn snapshots_of_text_and_html() {
    for (name, path) in SNAPSHOTTED {
        let feed = feed(path);
        let text = render::text(&feed);
        let html = render::html(&feed);
        assert_eq!(text.problems, html.problems, "{name}");
        insta::assert_snapshot!(format!("{name}-text"), with_problems(&text));
        if *name == "docs-feed" {
            insta::assert_snapshot!(format!("{name}-html"), html.output);
        } else {
            insta::assert_snapshot!(format!("{name}-html"), body(&html.output));
        }
    }
}

#[test]
fn the_docs_feed_as_text_is_four_activities_newest_first() {
    let rendered = render::text(&feed("fixtures/docs/activity-feed.xml"));
    assert!(rendered.is_clean(), "{:?}", rendered.problems);
    let blocks: Vec<&str> = rendered.output.split("\n\n").collect();
    assert_eq!(blocks.len(), 4, "{}", rendered.output);
    assert!(
        rendered
            .output
            .lines()
            .any(|l| l == "Michael Affronti: is hiking on Mount Rainier this weekend!")
    );
    assert_eq!(
        blocks[0].lines().next(),
        Some("Michael Affronti: is hiking on Mount Rainier this weekend!")
    );
    // The last line of each block ends with the date; the docs feed's dates have no
    // timezone, and compare as UTC.
    let instants: Vec<(i64, u32)> = blocks
        .iter()
        .map(|b| {
            let date = b.lines().last().and_then(|l| l.rsplit(' ').next());
            let date = XsDateTime::parse(&format!("{}Z", date.unwrap_or_default()));
            date.ok()
                .and_then(|d| d.to_utc_instant())
                .expect("a date ends each block")
        })
        .collect();
    let mut sorted = instants.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(instants, sorted);
    assert_eq!(
        blocks.iter().map(|b| b.lines().count()).collect::<Vec<_>>(),
        [2, 3, 3, 2],
        "status and blog post have no data; photos have a picture line"
    );
}

#[test]
fn activities_at_the_same_instant_keep_document_order() {
    // `10:00:00Z` and `11:00:00+01:00` are the same instant.
    let preview = render::resolve(&feed("fixtures/render/lists.xml"));
    let ids: Vec<&str> = preview
        .activities
        .iter()
        .map(|a| a.object_id.as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "links-310001-000042",
            "topics-310777-000008",
            "album-310777-000205",
            "cover-309442-000003"
        ]
    );
}

#[test]
fn lists_show_at_most_five_items() {
    let feed = feed("fixtures/render/lists.xml");
    let text = render::text(&feed).output;
    assert!(
        text.contains("night photography, lighthouses, tides, fishing boats, long exposures\n")
    );
    assert!(!text.contains("never shown"), "{text}");
    let html = render::html(&feed).output;
    assert!(!html.contains("never shown"));
    let album = html
        .split("<li ")
        .find(|li| li.contains("album-310777-000205"))
        .expect("the album activity");
    assert_eq!(album.matches("<img ").count(), 5);
    assert!(html.contains(r#"<a class="link" href="mailto:harbour.master@fabrikam.example""#));
    // A link without text shows its address.
    assert!(text.contains(", https://harbour.fabrikam.example/moorings, "));
}

#[test]
fn unfilled_tokens_are_shown_and_reported_with_their_activity() {
    let rendered = render::text(&feed("fixtures/render/missing.xml"));
    let a = "/activityFeed/activities/activityDetails";
    let found: Vec<(osc_schema::Code, &str)> = rendered
        .problems
        .iter()
        .map(|p| (p.code, p.location.path.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (problem::UNKNOWN_VARIABLE, format!("{a}[1]").as_str()),
            (problem::NO_TEMPLATE, &format!("{a}[2]")),
            (
                problem::WRONG_TYPE,
                &format!("{a}[3]/templateVariables/templateVariable[2]")
            ),
            (
                problem::UNKNOWN_VARIABLE,
                &format!("{a}[3]/templateVariables/templateVariable[3]")
            ),
            (
                problem::EMPTY_VARIABLE,
                &format!("{a}[4]/templateVariables/templateVariable[1]")
            ),
            (problem::MALFORMED_TOKEN, &format!("{a}[4]")),
        ]
    );
    assert!(
        rendered
            .problems
            .iter()
            .all(|p| p.code.as_str().starts_with("render::")
                && p.severity == osc_schema::Severity::Warning
                && problem::CODES.contains(&p.code))
    );
    for shown in [
        "Ines Okafor: ⟨missing text:statusText⟩",
        "⟨no template for applicationID 7, templateID 99⟩",
        "⟨wrong type link:Album⟩",
        "⟨missing picture:Photo in list:Photos⟩",
        "⟨empty publisher:Publisher⟩ says ⟨malformed {Status}⟩",
    ] {
        assert!(rendered.output.contains(shown), "{shown}");
    }
}

/// Every attribute the page writes; anything else would have come from the feed.
const ATTRIBUTES: &[&str] = &[
    "lang",
    "charset",
    "http-equiv",
    "content",
    "name",
    "class",
    "aria-hidden",
    "data-object-id",
    "href",
    "rel",
    "src",
    "alt",
    "title",
    "height",
    "referrerpolicy",
    "role",
    "aria-label",
    "datetime",
];

/// The start tags of `html`: name and attributes (name, value). Values are always
/// double-quoted, and escaping leaves no `"` or `>` inside them.
fn tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        rest = &rest[open + 1..];
        let Some(close) = rest.find('>') else { break };
        let tag = &rest[..close];
        rest = &rest[close + 1..];
        if tag.starts_with('/') || tag.starts_with('!') {
            continue;
        }
        let (name, mut attrs) = tag.split_once(' ').unwrap_or((tag, ""));
        let mut parsed = Vec::new();
        while let Some(eq) = attrs.find("=\"") {
            let key = attrs[..eq].trim().to_owned();
            let after = &attrs[eq + 2..];
            let end = after.find('"').expect("attribute value is closed");
            parsed.push((key, after[..end].to_owned()));
            attrs = &after[end + 1..];
        }
        assert!(attrs.trim().is_empty(), "stray attribute text in <{tag}>");
        out.push((name.to_owned(), parsed));
    }
    out
}

#[test]
fn hostile_values_are_escaped_and_unsafe_addresses_unused() {
    let feed = feed("fixtures/render/hostile.xml");
    let rendered = render::html(&feed);
    let html = &rendered.output;
    assert!(!html.to_ascii_lowercase().contains("<script"), "{html}");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("Fish &amp; chips &quot;tonight&quot; at Bob&#39;s &lt;3 &amp;amp;"));
    assert!(html.contains("Mallory &#39;the quote&#39; &quot;Q&quot;"));
    let tags = tags(html);
    let names: Vec<&str> = tags.iter().map(|(n, _)| n.as_str()).collect();
    for name in &names {
        assert!(
            [
                "html", "head", "meta", "title", "style", "body", "section", "header", "span",
                "h1", "ol", "li", "div", "p", "a", "img", "time"
            ]
            .contains(name),
            "<{name}>"
        );
    }
    for (tag, attrs) in &tags {
        for (key, value) in attrs {
            assert!(ATTRIBUTES.contains(&key.as_str()), "<{tag} {key}>");
            if key == "href" || key == "src" {
                let lower = value.to_ascii_lowercase();
                assert!(!lower.contains("javascript:"), "<{tag} {key}={value}>");
                assert!(
                    lower.starts_with("https://")
                        || lower.starts_with("http://")
                        || (key == "href" && lower.starts_with("mailto:")),
                    "<{tag} {key}={value}>"
                );
            }
        }
    }
    // The one usable address of the entity is linked, quotes and all escaped.
    assert!(html.contains(
        r#"href="https://evil.example/&quot;&gt;&lt;script&gt;alert(3)&lt;/script&gt;?a=&#39;b&#39;""#
    ));
    let unused: Vec<&str> = rendered
        .problems
        .iter()
        .filter(|p| p.code == problem::URL_NOT_USED)
        .map(|p| p.message.as_str())
        .collect();
    assert_eq!(unused.len(), 4, "{unused:#?}");
    // The page's text has control characters replaced.
    assert!(!html.contains('\u{9b}'));
    let text = render::text(&feed).output;
    assert!(!text.contains('\u{9b}'));
    assert_eq!(text.lines().count(), 3, "{text}");
}

#[test]
fn html_is_deterministic_and_self_contained() {
    let feed = feed("fixtures/docs/activity-feed.xml");
    let page = render::html(&feed).output;
    assert_eq!(page, render::html(&feed).output);
    assert!(page.starts_with("<!DOCTYPE html>\n"));
    assert!(page.contains("Content-Security-Policy"));
    for absent in ["<script", "<link", "@import", "url(", "<iframe"] {
        assert!(!page.contains(absent), "{absent}");
    }
}

#[test]
fn an_empty_feed_renders() {
    let feed = feed("fixtures/docs/activity-feed-empty.xml");
    let text = render::text(&feed);
    assert_eq!(text.output, "");
    assert!(text.is_clean());
    assert!(render::html(&feed).output.contains("No activities"));
}

/// Every feed among the fixtures renders, with one text block per activity.
#[test]
fn every_feed_fixture_renders() {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("fixture dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "xml") {
                out.push(path);
            }
        }
    }
    let mut paths = Vec::new();
    walk(&root().join("fixtures"), &mut paths);
    let mut feeds = 0;
    for path in paths {
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        let Ok(parsed) = osc_schema::xml::read_bytes(&bytes) else {
            continue;
        };
        let Root::ActivityFeed(feed) = parsed.document.root else {
            continue;
        };
        feeds += 1;
        let text = render::text(&feed).output;
        let blocks = if text.is_empty() {
            0
        } else {
            text.split("\n\n").count()
        };
        assert_eq!(blocks, feed.activities.len(), "{}", path.display());
        assert!(!render::html(&feed).output.contains("<script"));
    }
    assert!(feeds >= 20, "only {feeds} feeds");
}

// ----- oscx render ----------------------------------------------------------------------------

#[test]
fn cli_a_clean_feed_exits_0_with_the_text() {
    let o = oscx(&["render", "fixtures/docs/activity-feed.xml"], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        render::text(&feed("fixtures/docs/activity-feed.xml")).output
    );
    assert_eq!(stderr(&o), "");
}

#[test]
fn cli_problems_go_to_stderr_with_their_path_and_exit_1() {
    let o = oscx(&["render", "fixtures/render/missing.xml"], None);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("Ines Okafor: ⟨missing text:statusText⟩"));
    let err = stderr(&o);
    let problems: Vec<&str> = err
        .lines()
        .filter(|l| !l.starts_with("oscx:   help:"))
        .collect();
    assert_eq!(problems.len(), 6, "{err}");
    // The template problems the rules find are said as `oscx validate` says them, by
    // position; the preview's own (a variable with nothing to show) keep its code.
    assert!(problems[0].starts_with("oscx: fixtures/render/missing.xml:28:19: error[OSC050]: "));
    assert!(problems.iter().any(|l| {
        l.starts_with("oscx: fixtures/render/missing.xml:73:9: warning[render::empty-variable]: ")
    }));
    assert!(
        problems
            .iter()
            .all(|l| l.starts_with("oscx: fixtures/render/missing.xml:") && l.ends_with(')')),
        "{err}"
    );
}

#[test]
fn cli_html_to_stdout_and_to_a_file() {
    let o = oscx(
        &[
            "render",
            "fixtures/docs/activity-feed.xml",
            "--format",
            "html",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(0));
    let page = stdout(&o);
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert_eq!(
        page,
        render::html(&feed("fixtures/docs/activity-feed.xml")).output
    );

    let dir = TempDir::new("output");
    let file = dir.0.join("feed.html");
    let file_arg = file.to_str().expect("UTF-8 temp path");
    let o = oscx(
        &[
            "render",
            "fixtures/docs/activity-feed.xml",
            "--format",
            "html",
            "--output",
            file_arg,
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "");
    assert_eq!(std::fs::read_to_string(&file).expect("written"), page);

    // `-o -` is standard output.
    let o = oscx(
        &["render", "fixtures/docs/activity-feed.xml", "-o", "-"],
        None,
    );
    assert!(stdout(&o).starts_with("Michael Affronti: is hiking"));
}

#[test]
fn cli_reads_standard_input() {
    let bytes = std::fs::read(root().join("fixtures/render/missing.xml")).expect("fixture");
    let o = oscx(&["render", "-", "--format", "text"], Some(&bytes));
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).starts_with("oscx: <stdin>:28:19: error[OSC050]: "),
        "{}",
        stderr(&o)
    );
}

#[test]
fn cli_documents_that_are_not_feeds_exit_1_with_a_position() {
    let o = oscx(&["render", "fixtures/docs/friends.xml"], None);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o), "");
    assert_eq!(
        stderr(&o),
        "oscx: fixtures/docs/friends.xml:2:1: the root is `friends`, not `activityFeed`: \
         only activity feeds can be rendered\n"
    );

    let o = oscx(&["render", "-"], Some(b"<activityFeed><network>"));
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.starts_with("oscx: <stdin>: "), "{err}");
    assert!(err.contains(" at 1:"), "{err}");

    let o = oscx(
        &[
            "render",
            "fixtures/invalid/xml-not-well-formed/mismatched-end-tag.xml",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("not well-formed XML"), "{}", stderr(&o));
}

#[test]
fn cli_usage_errors_exit_2() {
    let o = oscx(&["render", "fixtures/none.xml"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot read `fixtures/none.xml`"));
    let o = oscx(
        &[
            "render",
            "fixtures/docs/activity-feed.xml",
            "--format",
            "pdf",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    let o = oscx(&["render", "--help"], None);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o).matches("\n  oscx render ").count(), 2);
    assert!(stdout(&o).contains("Examples:"));
}

// ----- any feed -------------------------------------------------------------------------------

mod any_feed {
    use proptest::collection::vec;
    use proptest::option;
    use proptest::prelude::*;
    use proptest::sample::select;

    use osc_schema::model::{
        ActivityDetails, ActivityFeed, ActivityTemplate, ActivityTemplateContainer,
        SimpleTemplateVariable, SimpleVariableType, TemplateVariable, TemplateVariableType,
    };
    use osc_schema::render::{self, problem};
    use osc_schema::xs::{AnyUri, XsDateTime};

    /// Names tokens and variables share, so that tokens often find their variables.
    const NAMES: &[&str] = &["P", "L", "T", "X", "Photo"];

    /// Values that test escaping, schemes, white space and control characters.
    const VALUES: &[&str] = &[
        "",
        " ",
        "Ines Okafor",
        "<script>alert(1)</script>",
        "javascript:alert(1)",
        " JAVASCRIPT:alert(1)",
        "https://a.example/x?q=\"'<>&",
        "http://",
        "mailto:a@b.example",
        "data:image/png;base64,AAAA",
        "a\nb\r\n\tc",
        "\u{9b}31m",
        "⟨missing text:T⟩",
        "{text:T}",
    ];

    /// Template pieces: every token kind, broken tokens, and markup.
    const PIECES: &[&str] = &[
        "{publisher:P}",
        "{entity:P}",
        "{link:L}",
        "{text:T}",
        "{picture:X}",
        "{list:L({picture:Photo})}",
        "{list:T({text:Photo})}",
        "{list:X({link:Photo})}",
        "{",
        "}",
        "{Status}",
        "{text:",
        " and ",
        "<b>",
        "&amp;",
        "\n",
    ];

    const DATES: &[&str] = &[
        "2024-03-09T08:15:00Z",
        "2024-03-09T09:15:00+01:00",
        "2024-03-09T08:15:00",
        "2010-03-08T18:30:00.5-05:00",
        "-999999999999999-01-01T00:00:00Z",
    ];

    fn value() -> impl Strategy<Value = Option<String>> {
        option::of(select(VALUES).prop_map(str::to_owned))
    }

    fn item() -> impl Strategy<Value = SimpleTemplateVariable> {
        (
            select(
                &[
                    SimpleVariableType::Link,
                    SimpleVariableType::Text,
                    SimpleVariableType::Picture,
                ][..],
            ),
            select(NAMES),
            value(),
            value(),
            value(),
            value(),
        )
            .prop_map(|(variable_type, name, text, value, alt, href)| {
                let mut item = SimpleTemplateVariable::new(variable_type, name);
                item.text = text;
                item.value = value.map(AnyUri::from);
                item.alt_text = alt;
                item.href = href.map(AnyUri::from);
                item
            })
    }

    fn variable() -> impl Strategy<Value = TemplateVariable> {
        (
            select(
                &[
                    TemplateVariableType::Publisher,
                    TemplateVariableType::Entity,
                    TemplateVariableType::Link,
                    TemplateVariableType::Text,
                    TemplateVariableType::Picture,
                    TemplateVariableType::List,
                ][..],
            ),
            select(NAMES),
            vec(value(), 6),
            option::of(vec(item(), 0..9)),
        )
            .prop_map(|(variable_type, name, strings, list_items)| {
                let mut v = TemplateVariable::new(variable_type, name);
                let mut s = strings.into_iter().flatten();
                v.id = s.next();
                v.name_hint = s.next();
                v.profile_url = s.next();
                v.text = s.next();
                v.value = s.next();
                v.href = s.next().map(AnyUri::from);
                v.list_items = list_items;
                v
            })
    }

    fn field() -> impl Strategy<Value = String> {
        vec(select(PIECES), 0..6).prop_map(|p| p.concat())
    }

    fn feed() -> impl Strategy<Value = ActivityFeed> {
        let activity = (0u64..4, select(DATES), vec(variable(), 0..6)).prop_map(
            |(template_id, date, variables)| {
                let date = XsDateTime::parse(date).unwrap_or_else(|e| panic!("{e}"));
                let mut a = ActivityDetails::new("1", "o", 1, template_id, date);
                a.template_variables = variables;
                a
            },
        );
        let container =
            (0u64..3, field(), option::of(field())).prop_map(|(template_id, title, data)| {
                ActivityTemplateContainer {
                    application_id: 1,
                    template_id,
                    activity_template: ActivityTemplate {
                        title,
                        data,
                        ..ActivityTemplate::default()
                    },
                }
            });
        (select(VALUES), vec(activity, 0..5), vec(container, 0..4)).prop_map(
            |(network, activities, templates)| ActivityFeed {
                network: network.to_owned(),
                activities,
                templates,
            },
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// Any feed renders: every activity once, values escaped, only web and mail
        /// addresses in `href` and `src`, and problems that name their activity.
        #[test]
        fn renders_without_panicking_or_leaking_markup(feed in feed()) {
            let text = render::text(&feed);
            let html = render::html(&feed);
            prop_assert_eq!(&text.problems, &html.problems);
            prop_assert_eq!(render::resolve(&feed).activities.len(), feed.activities.len());
            let n = feed.activities.len();
            prop_assert!(text.output.lines().count() >= (3 * n).saturating_sub(1));
            prop_assert!(!text.output.contains(|c: char| c.is_control() && c != '\n'));
            prop_assert!(!html.output.contains("<script"));
            prop_assert!(!html.output.contains('\u{9b}'), "a C1 control in the page");
            for (tag, attrs) in super::tags(&html.output) {
                for (key, value) in attrs {
                    prop_assert!(super::ATTRIBUTES.contains(&key.as_str()), "<{} {}>", tag, key);
                    if key == "href" || key == "src" {
                        let lower = value.to_ascii_lowercase();
                        prop_assert!(
                            lower.starts_with("https://")
                                || lower.starts_with("http://")
                                || (key == "href" && lower.starts_with("mailto:")),
                            "<{} {}={}>", tag, key, value
                        );
                    }
                }
            }
            for p in &text.problems {
                prop_assert!(problem::CODES.contains(&p.code));
                prop_assert!(p.location.path.starts_with("/activityFeed/activities/activityDetails["));
                prop_assert!(!p.message.contains(char::is_control));
            }
        }
    }
}
