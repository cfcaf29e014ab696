use super::{NameTest, Path, parse};

fn lookup(prefix: &str) -> Option<&'static str> {
    match prefix {
        "t" => Some("urn:t"),
        _ => None,
    }
}

fn selector(text: &str) -> Result<Box<[Path]>, String> {
    parse(text, false, lookup)
}

fn field(text: &str) -> Result<Box<[Path]>, String> {
    parse(text, true, lookup)
}

fn name(local: &str) -> NameTest {
    NameTest::Name(None, local.into())
}

#[test]
fn selectors_of_the_subset_parse_into_their_steps() {
    let p = selector("a/b").unwrap();
    assert_eq!(p.len(), 1);
    assert!(!p[0].descendant);
    assert_eq!(&*p[0].steps, &[name("a"), name("b")]);
    assert_eq!(p[0].attribute, None);

    let p = selector(" .// t:a | ./child::b/ * |t:*").unwrap();
    assert_eq!(p.len(), 3);
    assert!(p[0].descendant);
    assert_eq!(
        &*p[0].steps,
        &[NameTest::Name(Some("urn:t".into()), "a".into())]
    );
    assert_eq!(&*p[1].steps, &[name("b"), NameTest::Any]);
    assert_eq!(&*p[2].steps, &[NameTest::Namespace(Some("urn:t".into()))]);

    let p = selector(".").unwrap();
    assert!(p[0].steps.is_empty() && !p[0].descendant);
    let p = selector(".//.").unwrap();
    assert!(p[0].steps.is_empty() && p[0].descendant);
    // A name may hold dots and hyphens.
    assert_eq!(&*selector("a.b-c").unwrap()[0].steps, &[name("a.b-c")]);
    // `child` is also an element name.
    assert_eq!(&*selector("child").unwrap()[0].steps, &[name("child")]);
}

#[test]
fn fields_may_end_on_an_attribute() {
    let p = field("@id").unwrap();
    assert_eq!(p[0].attribute, Some(name("id")));
    assert!(p[0].steps.is_empty());
    let p = field("a/attribute::t:id | .//@*").unwrap();
    assert_eq!(&*p[0].steps, &[name("a")]);
    assert_eq!(
        p[0].attribute,
        Some(NameTest::Name(Some("urn:t".into()), "id".into()))
    );
    assert!(p[1].descendant);
    assert_eq!(p[1].attribute, Some(NameTest::Any));
    let p = field("./@ a").unwrap();
    assert_eq!(p[0].attribute, Some(name("a")));
}

#[test]
fn everything_outside_the_subset_is_refused() {
    for bad in [
        "",
        " ",
        "/a",
        "//a",
        "a//b",
        "..",
        "../a",
        "a/",
        ".//",
        "a[1]",
        "text()",
        "a | ",
        "@a",
        "attribute::a",
        "descendant::a",
        "x:a",
        "t :a",
        "t: a",
        "t:",
        ".//.//a",
        "child::.",
        "1a",
        "a b",
        "'a'",
    ] {
        assert!(selector(bad).is_err(), "selector `{bad}` was accepted");
    }
    for bad in [
        "@a/b", "@", "@a/@b", "a/@", "@a | ", "a/@b/c", "@x:a", ".//@a//b",
    ] {
        assert!(field(bad).is_err(), "field `{bad}` was accepted");
    }
}

#[test]
fn paths_reach_the_elements_their_steps_name() {
    let eq = |t: &NameTest, n: &&str| t.matches(None, n);
    let plain = &selector("a/b").unwrap()[0];
    assert!(plain.reaches(&["a", "b"], eq));
    assert!(!plain.reaches(&["x", "a", "b"], eq));
    assert!(!plain.reaches(&["a"], eq));
    let deep = &selector(".//a/b").unwrap()[0];
    assert!(deep.reaches(&["x", "y", "a", "b"], eq));
    assert!(!deep.reaches(&["a", "b", "c"], eq));
    let selfish = &selector(".").unwrap()[0];
    assert!(selfish.reaches::<&str>(&[], eq));
    assert!(!selfish.reaches(&["a"], eq));
    let all = &selector(".//.").unwrap()[0];
    assert!(all.reaches::<&str>(&[], eq) && all.reaches(&["a", "b"], eq));
    // An unprefixed name is in no namespace, whatever the default namespace.
    assert!(!name("a").matches(Some("urn:t"), "a"));
}
