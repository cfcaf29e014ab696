//! Rules about `activityFeed`: templates, tokens and variables.
//!
//! The helpers below are shared by the rules of this group. Element paths, the template an
//! activity selects and how a token finds its variable come from `crate::render::lookup`,
//! which the People Pane preview uses too, so that both agree on what a token refers to
//! (see [`crate::render::template`] for the token grammar).

mod osc050_template_not_found;
mod osc051_duplicate_template;
mod osc052_unused_template;
mod osc053_unknown_token_variable;
mod osc054_token_type_mismatch;
mod osc055_malformed_token;
mod osc056_publisher_or_entity_without_id;
mod osc057_link_or_picture_without_value;
mod osc058_list_without_items;
mod osc059_picture_outside_list;
mod osc060_list_too_long;
mod osc061_list_mixed_types;
mod osc062_duplicate_object_id;
mod osc063_publisher_missing_name_hint_or_email;
mod osc064_publisher_not_owner;
mod osc065_icon_not_url_or_token;
mod osc066_icon_ignored;
mod osc067_activity_not_after_start_time;
mod osc068_activity_in_the_future;
mod osc069_empty_feed_use_no_changes;
mod osc070_publish_date_without_timezone;
mod osc071_duplicate_variable_name;
mod osc072_value_not_absolute_url;
mod osc073_owner_id_empty;

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use crate::lint::{Context, Method, Rule};
use crate::model::{ActivityDetails, ActivityFeed, ActivityTemplate};
use crate::render::lookup::{
    activity_path, closest_name, instant_assuming_utc, item_path, items_named, key_of,
    template_keys, variable_named, variable_path,
};
use crate::render::template::{self, Template, Token, TokenKind};
use crate::xml::ElementPath;
use crate::xs::XsDateTime;

/// This group's rules, in ID order.
pub static RULES: &[&dyn Rule] = &[
    &osc050_template_not_found::TemplateNotFound,
    &osc051_duplicate_template::DuplicateTemplate,
    &osc052_unused_template::UnusedTemplate,
    &osc053_unknown_token_variable::UnknownTokenVariable,
    &osc054_token_type_mismatch::TokenTypeMismatch,
    &osc055_malformed_token::MalformedToken,
    &osc056_publisher_or_entity_without_id::PublisherOrEntityWithoutId,
    &osc057_link_or_picture_without_value::LinkOrPictureWithoutValue,
    &osc058_list_without_items::ListWithoutItems,
    &osc059_picture_outside_list::PictureOutsideList,
    &osc060_list_too_long::ListTooLong,
    &osc061_list_mixed_types::ListMixedTypes,
    &osc062_duplicate_object_id::DuplicateObjectId,
    &osc063_publisher_missing_name_hint_or_email::PublisherMissingNameHintOrEmail,
    &osc064_publisher_not_owner::PublisherNotOwner,
    &osc065_icon_not_url_or_token::IconNotUrlOrToken,
    &osc066_icon_ignored::IconIgnored,
    &osc067_activity_not_after_start_time::ActivityNotAfterStartTime,
    &osc068_activity_in_the_future::ActivityInTheFuture,
    &osc069_empty_feed_use_no_changes::EmptyFeedUseNoChanges,
    &osc070_publish_date_without_timezone::PublishDateWithoutTimezone,
    &osc071_duplicate_variable_name::DuplicateVariableName,
    &osc072_value_not_absolute_url::ValueNotAbsoluteUrl,
    &osc073_owner_id_empty::OwnerIdEmpty,
];

/// The path of the `j`th template container (0-based).
fn container_path(j: usize) -> ElementPath {
    ElementPath::root("activityFeed")
        .child("templates")
        .nth("activityTemplateContainer", j + 1)
}

/// The path of a child (`title`, `data`, `icon`) of the `j`th container's template.
fn template_child_path(j: usize, child: &str) -> ElementPath {
    container_path(j).child("activityTemplate").child(child)
}

/// Templates parsed at most, kept for the next rule; past that the memory starts afresh.
const PARSED_KEPT: usize = 256;

thread_local! {
    /// Templates parsed lately, by their text. Several rules read the tokens of every
    /// template of a feed, and the same templates come back in feed after feed: each is
    /// parsed once instead of once a rule. Parsing depends on the text alone, so a kept
    /// one is the same whichever rule or document asks again.
    static PARSED: RefCell<HashMap<String, Rc<Template>>> = RefCell::new(HashMap::new());
}

/// The parsed template of `text`, as [`template::parse`] gives it.
fn parsed(text: &str) -> Rc<Template> {
    PARSED.with(|kept| {
        if let Some(template) = kept.borrow().get(text) {
            return Rc::clone(template);
        }
        let template = Rc::new(template::parse(text));
        let mut kept = kept.borrow_mut();
        if kept.len() >= PARSED_KEPT {
            kept.clear();
        }
        kept.insert(text.to_owned(), Rc::clone(&template));
        template
    })
}

/// A template's text fields that hold tokens, with their element names.
fn token_fields(t: &ActivityTemplate) -> impl Iterator<Item = (&'static str, &str)> {
    std::iter::once(("title", t.title.as_str())).chain(t.data.as_deref().map(|d| ("data", d)))
}

/// Whether an optional text is missing or holds only white space.
fn blank(value: Option<&str>) -> bool {
    value.is_none_or(|v| v.trim().is_empty())
}

/// "activity `a`", "activities `a` and `b`", "activities `a`, `b` and 3 more".
fn activities_phrase(ids: &[&str]) -> String {
    match ids {
        [] => "no activity".to_owned(),
        [one] => format!("activity `{one}`"),
        [a, b] => format!("activities `{a}` and `{b}`"),
        [a, b, rest @ ..] => format!("activities `{a}`, `{b}` and {} more", rest.len()),
    }
}

/// What is wrong with a token for some activities.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum TokenProblem {
    /// No variable (or, for a list's item, no item) has the token's name.
    Unknown,
    /// The variable (or item) exists with another type.
    Mismatch {
        /// The type the token needs.
        expected: &'static str,
        /// The type the variable has.
        found: &'static str,
    },
}

/// One token problem in one template field, with every activity that has it.
#[derive(Debug)]
struct TokenIssue<'a> {
    /// The container (0-based).
    container: usize,
    /// `title` or `data`.
    field: &'static str,
    /// The token as written: the whole token, or the item token of a list.
    token: String,
    /// Character offset of `token` in the field.
    offset: usize,
    /// For an item token: the list variable's name.
    list: Option<String>,
    /// What is wrong.
    problem: TokenProblem,
    /// The activities (their `objectID`s) that show it, in document order.
    activities: Vec<&'a str>,
    /// For a token that names nothing: the name the first of those activities has that the
    /// token most likely meant (another case, or a typo).
    closest: Option<&'a str>,
}

impl TokenIssue<'_> {
    /// The field's path.
    fn path(&self) -> ElementPath {
        template_child_path(self.container, self.field)
    }
}

/// What an activity lacks for one token, if anything: (token shown, offset, list, problem).
fn resolve(
    activity: &ActivityDetails,
    token: &Token,
) -> Option<(String, usize, Option<String>, TokenProblem)> {
    let expected = token.kind.variable_type();
    let Some((_, variable)) = variable_named(activity, &token.name) else {
        return Some((token.to_string(), token.start, None, TokenProblem::Unknown));
    };
    if variable.variable_type != expected {
        return Some((
            token.to_string(),
            token.start,
            None,
            TokenProblem::Mismatch {
                expected: expected.as_str(),
                found: variable.variable_type.as_str(),
            },
        ));
    }
    let TokenKind::List { item } = &token.kind else {
        return None;
    };
    // A list without items is OSC058's; there is nothing to resolve the item against.
    let items = variable.list_items.as_deref().filter(|v| !v.is_empty())?;
    let item_type = item.kind.item_type()?;
    let mut named = items_named(items, &item.name).map(|(_, s)| s).peekable();
    let list = Some(variable.name.clone());
    if named.peek().is_none() {
        return Some((item.to_string(), item.start, list, TokenProblem::Unknown));
    }
    named.find(|s| s.variable_type != item_type).map(|s| {
        (
            item.to_string(),
            item.start,
            list,
            TokenProblem::Mismatch {
                expected: item_type.as_str(),
                found: s.variable_type.as_str(),
            },
        )
    })
}

/// The elements [`token_issues`] reads, for the rules built on it: the activities with their
/// variables and list items, and the templates whose tokens they fill.
const TOKEN_ISSUE_READS: &[&str] = &[
    "activities",
    "activityDetails",
    "objectID",
    "applicationID",
    "templateID",
    "templateVariables",
    "templateVariable",
    "name",
    "listItems",
    "simpleTemplateVariable",
    "templates",
    "activityTemplateContainer",
    "activityTemplate",
    "title",
    "data",
];

/// Every token problem of the feed, grouped by template field, token and problem, so that
/// a template shared by many activities gives one finding per problem, not one per
/// activity.
fn token_issues(feed: &ActivityFeed) -> Vec<TokenIssue<'_>> {
    let keys = template_keys(feed);
    let mut users: Vec<Vec<&ActivityDetails>> = vec![Vec::new(); feed.templates.len()];
    for activity in &feed.activities {
        if let Some(list) = keys.get(&key_of(activity)).and_then(|&j| users.get_mut(j)) {
            list.push(activity);
        }
    }
    let mut issues: Vec<TokenIssue<'_>> = Vec::new();
    for ((j, container), users) in feed.templates.iter().enumerate().zip(&users) {
        if users.is_empty() {
            continue;
        }
        for (field, text) in token_fields(&container.activity_template) {
            // Issues of this field by token offset and problem, as indexes into `issues`.
            let mut seen: HashMap<(usize, TokenProblem), usize> = HashMap::new();
            for token in parsed(text).tokens() {
                for activity in users {
                    let Some((shown, offset, list, problem)) = resolve(activity, token) else {
                        continue;
                    };
                    let index = *seen.entry((offset, problem.clone())).or_insert_with(|| {
                        let closest = (problem == TokenProblem::Unknown)
                            .then(|| closest_name(activity, token))
                            .flatten();
                        issues.push(TokenIssue {
                            container: j,
                            field,
                            token: shown,
                            offset,
                            list,
                            problem,
                            activities: Vec::new(),
                            closest,
                        });
                        issues.len() - 1
                    });
                    if let Some(issue) = issues.get_mut(index) {
                        issue.activities.push(&activity.object_id);
                    }
                }
            }
        }
    }
    issues
}

/// Whether rules about a `GetActivitiesEx` answer apply.
fn answers_get_activities_ex(cx: &Context) -> bool {
    cx.method == Some(Method::GetActivitiesEx)
}

/// The widest offset a timezone may have (`±14:00`), in seconds.
const MAX_OFFSET: i64 = 14 * 3600;

/// The earliest and latest UTC instants a `dateTime` may name: one instant with a timezone;
/// without one, the span from `+14:00` to `-14:00`. `None` when the year is out of range.
fn utc_bounds(d: &XsDateTime) -> Option<((i64, u32), (i64, u32))> {
    if let Some(instant) = d.to_utc_instant() {
        return Some((instant, instant));
    }
    let (seconds, nanos) = XsDateTime::parse(&format!("{}Z", d.as_str()))
        .ok()?
        .to_utc_instant()?;
    Some((
        (seconds.checked_sub(MAX_OFFSET)?, nanos),
        (seconds.checked_add(MAX_OFFSET)?, nanos),
    ))
}

/// A `startTime` as an instant; without a timezone it is taken as UTC, which the
/// documentation says it always is.
fn start_instant(d: &XsDateTime) -> Option<(i64, u32)> {
    instant_assuming_utc(d)
}

/// The 1.1 namespace, for test documents.
#[cfg(test)]
const NS: &str = "http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd";

/// A feed with these `activityDetails` and `activityTemplateContainer` elements.
#[cfg(test)]
fn feed(activities: &str, templates: &str) -> String {
    format!(
        r#"<activityFeed xmlns="{NS}"><network>Fabrikam</network><activities>{activities}</activities><templates>{templates}</templates></activityFeed>"#
    )
}

/// An activity of owner `42` (application 1, published 2024-03-09T08:15:00Z) with these
/// `templateVariable` elements.
#[cfg(test)]
fn activity(object_id: &str, template_id: u64, variables: &str) -> String {
    format!(
        "<activityDetails><ownerID>42</ownerID><objectID>{object_id}</objectID>\
         <applicationID>1</applicationID><templateID>{template_id}</templateID>\
         <publishDate>2024-03-09T08:15:00Z</publishDate>\
         <templateVariables>{variables}</templateVariables></activityDetails>"
    )
}

/// A complete publisher variable named `Publisher` for owner `42`.
#[cfg(test)]
const PUBLISHER: &str = r#"<templateVariable type="publisherVariable"><name>Publisher</name><id>42</id><nameHint>Ines Okafor</nameHint><emailAddress>ines@fabrikam.example</emailAddress></templateVariable>"#;

/// A template of application 1 with this title and optional data.
#[cfg(test)]
fn template(template_id: u64, title: &str, data: Option<&str>) -> String {
    let data = data
        .map(|d| format!("<data>{d}</data>"))
        .unwrap_or_default();
    format!(
        "<activityTemplateContainer><applicationID>1</applicationID>\
         <templateID>{template_id}</templateID><activityTemplate><title>{title}</title>{data}\
         <icon>https://fabrikam.example/icon.png</icon></activityTemplate>\
         </activityTemplateContainer>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;
    use crate::lint::rules::testing::{Setup, findings_in, findings_of};

    #[test]
    fn rules_are_in_id_order_and_numbered_in_range() {
        let ids: Vec<&str> = RULES.iter().map(|r| r.info().id).collect();
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(ids, sorted);
        assert!(ids.iter().all(|id| ("OSC050"..="OSC079").contains(id)));
        assert!(RULES.len() >= 13);
    }

    #[test]
    fn the_docs_feed_gets_no_error_from_this_group() {
        let xml = include_str!("../../../../fixtures/docs/activity-feed.xml");
        let mut warned = Vec::new();
        for rule in RULES {
            let found = findings_of(*rule, xml);
            assert!(
                found.is_empty() || rule.info().severity != Severity::Error,
                "{found:?}"
            );
            warned.extend(
                found
                    .iter()
                    .filter(|_| rule.info().severity == Severity::Warning)
                    .map(|f| f.rule),
            );
        }
        assert_eq!(warned, ["OSC063"; 4]);
    }

    #[test]
    fn hand_written_feeds_get_no_error_or_warning() {
        for xml in [
            include_str!("../../../../fixtures/docs/activity-feed-lists.xml"),
            include_str!("../../../../fixtures/docs/activity-feed-1.0.xml"),
        ] {
            for rule in RULES {
                if rule.info().severity == Severity::Info || rule.info().id == "OSC063" {
                    continue;
                }
                assert_eq!(findings_of(*rule, xml), []);
            }
        }
    }

    /// Every rule's `good` example is clean for every rule of the group (but for the
    /// infos of other rules), and every `bad` example fires only its own rule; both without
    /// a method and as a `GetActivitiesEx` answer for a call with `startTime`
    /// 2024-03-09T00:00:00Z, the start time the examples assume.
    #[test]
    fn examples_fire_only_their_own_rule() {
        let call = || Setup {
            method: Some(Method::GetActivitiesEx),
            start_time: XsDateTime::parse("2024-03-09T00:00:00Z").ok(),
            ..Setup::default()
        };
        for owner in RULES {
            let info = owner.info();
            for rule in RULES {
                let other = rule.info();
                if other.severity == Severity::Info && other.id != info.id {
                    continue;
                }
                for (name, xml) in [("good", info.good), ("bad", info.bad)] {
                    if name == "bad" && other.id == info.id {
                        continue;
                    }
                    assert_eq!(
                        findings_of(*rule, xml),
                        [],
                        "{} on {}'s {name} example",
                        other.id,
                        info.id
                    );
                    // The good example of OSC066 is an empty feed, which OSC069 is about.
                    if (info.id, other.id) == ("OSC066", "OSC069") {
                        continue;
                    }
                    assert_eq!(
                        findings_in(*rule, xml, call()),
                        [],
                        "{} on {}'s {name} example, as a GetActivitiesEx answer",
                        other.id,
                        info.id
                    );
                }
            }
        }
    }

    /// Many activities and templates, and hostile template text, stay linear.
    #[test]
    fn big_feeds_are_linted_without_quadratic_work() {
        let n = 5000;
        let activities: String = (0..n)
            .map(|i| activity(&format!("a{i}"), i, PUBLISHER))
            .collect();
        let hostile = "{list:a(".repeat(2000) + &"{text:Missing} ".repeat(200);
        let templates: String = (0..n)
            .map(|i| template(i, "{publisher:Publisher} {text:Missing}", None))
            .chain(std::iter::once(template(n + 1, &hostile, Some(&hostile))))
            .collect();
        let xml = feed(&activities, &templates);
        let doc = crate::xml::read_str(&xml).unwrap_or_else(|e| panic!("{e}"));
        let cx = Context {
            target: doc.namespace.default_target(),
            namespace: doc.namespace,
            root: doc.root.kind(),
            method: None,
            request: None,
            start_time: None,
            now: crate::lint::rules::testing::TEST_NOW,
        };
        let started = std::time::Instant::now();
        for rule in RULES {
            let mut linter = crate::lint::Linter::only(&cx, *rule);
            linter.document(&doc);
            let found = linter.findings.len();
            match rule.info().id {
                "OSC053" => assert_eq!(found, n as usize),
                "OSC055" => assert_eq!(found, 4000),
                _ => {}
            }
        }
        assert!(started.elapsed().as_secs() < 60);
    }

    #[test]
    fn each_rule_says_which_parts_of_a_feed_it_looks_at() {
        use crate::lint::FeedScope;
        let mut checked = 0;
        for (id, code) in crate::lint::rules::sources() {
            let hooks = (code.contains("fn activity("), code.contains("fn feed("));
            let rule = crate::lint::rules::find(&id).expect("the file's rule");
            let expected = match hooks {
                (true, true) => FeedScope::Both,
                (true, false) => FeedScope::Activities,
                // The default, for rules about the whole feed and about other documents.
                (false, _) => FeedScope::Feed,
            };
            assert_eq!(rule.feed_scope(), expected, "{id}");
            checked += 1;
        }
        assert_eq!(checked, crate::lint::rules::all().len());
    }

    #[test]
    fn activities_phrase_shortens_long_lists() {
        assert_eq!(activities_phrase(&["a"]), "activity `a`");
        assert_eq!(activities_phrase(&["a", "b"]), "activities `a` and `b`");
        assert_eq!(
            activities_phrase(&["a", "b", "c", "d"]),
            "activities `a`, `b` and 2 more"
        );
    }

    #[test]
    fn a_date_without_timezone_spans_twenty_eight_hours() {
        let d = XsDateTime::parse("2024-01-01T00:00:00").unwrap();
        let ((lo, _), (hi, _)) = utc_bounds(&d).unwrap();
        assert_eq!(hi - lo, 28 * 3600);
        let z = XsDateTime::parse("2024-01-01T00:00:00Z").unwrap();
        assert_eq!(utc_bounds(&z).map(|(a, b)| a == b), Some(true));
        assert_eq!(start_instant(&d), z.to_utc_instant());
    }
}
