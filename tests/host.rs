//! The simulated host against the Contoso example provider, and against copies of it that
//! break one contract each.
//!
//! Each broken provider is the good one behind [`Broken`], a decorator whose [`Break`]
//! overrides one method; everything else reaches the good provider unchanged. The test then
//! asserts that exactly the step of that method fails, with the finding that names the
//! broken contract, and that every other step passes or is skipped for a stated reason.

#[path = "../examples/contoso_provider/network.rs"]
#[allow(dead_code)]
mod network;
#[path = "../examples/contoso_provider/provider.rs"]
#[allow(dead_code)]
mod provider;

use std::collections::BTreeSet;
use std::sync::Arc;

use osc_schema::Severity;
use osc_schema::model::{HashedAddresses, Person};
use osc_schema::provider::host::{self, ConformanceReport, Outcome, Step, report};
use osc_schema::provider::{
    Answer, CapabilitiesAnswer, FeedAnswer, FriendsAnswer, Guid, OscError, OscResult, PersonAnswer,
    SocialPerson, SocialProfile, SocialProvider, SocialSession, SocialSession2,
};
use osc_schema::xs::XsDateTime;

use provider::{ContosoProvider, LogonKind, host_options};

// ---------------------------------------------------------------------------------------
// The decorator
// ---------------------------------------------------------------------------------------

/// One broken contract. Every method answers what the good provider answers unless a
/// broken provider overrides it.
trait Break: Send + Sync + 'static {
    fn capabilities(&self, good: &dyn SocialProvider) -> OscResult<CapabilitiesAnswer> {
        good.capabilities()
    }
    fn logon_web(&self, good: &dyn SocialSession, connect_in: Option<&str>) -> OscResult<String> {
        good.logon_web(connect_in)
    }
    fn network_identifier(&self, good: &dyn SocialSession) -> OscResult<String> {
        good.network_identifier()
    }
    fn unfollow_person(&self, good: &dyn SocialSession, user_id: &str) -> OscResult<()> {
        good.unfollow_person(user_id)
    }
    fn people_details(
        &self,
        good: &dyn SocialSession2,
        request: &HashedAddresses,
    ) -> OscResult<FriendsAnswer> {
        good.people_details(request)
    }
    fn activities_ex(
        &self,
        good: &dyn SocialSession2,
        hashes: &[String],
        start_time: &XsDateTime,
    ) -> OscResult<FeedAnswer> {
        good.activities_ex(hashes, start_time)
    }
    fn follow_person_ex(
        &self,
        good: &dyn SocialSession2,
        addresses: &[String],
        display_name: &str,
    ) -> OscResult<()> {
        good.follow_person_ex(addresses, display_name)
    }
    fn friends_and_colleagues(&self, good: &dyn SocialPerson) -> OscResult<FriendsAnswer> {
        good.friends_and_colleagues()
    }
    fn picture(&self, user_id: &str, good: &dyn SocialPerson) -> OscResult<Vec<u8>> {
        let _ = user_id;
        good.picture()
    }
}

/// The good provider with one contract broken by `B`.
struct Broken<B> {
    good: ContosoProvider,
    broken: Arc<B>,
}

fn broken<B: Break>(b: B) -> Broken<B> {
    Broken {
        good: ContosoProvider::new(LogonKind::Forms),
        broken: Arc::new(b),
    }
}

struct BrokenSession<B> {
    good: Box<dyn SocialSession>,
    broken: Arc<B>,
}

struct BrokenPerson<B> {
    user_id: String,
    good: Box<dyn SocialPerson>,
    broken: Arc<B>,
}

impl<B: Break> Broken<B> {
    fn wrap(&self, good: Box<dyn SocialSession>) -> Box<dyn SocialSession> {
        Box::new(BrokenSession {
            good,
            broken: Arc::clone(&self.broken),
        })
    }
}

impl<B: Break> SocialProvider for Broken<B> {
    fn capabilities(&self) -> OscResult<CapabilitiesAnswer> {
        self.broken.capabilities(&self.good)
    }
    fn version(&self) -> OscResult<String> {
        self.good.version()
    }
    fn session(&self) -> OscResult<Box<dyn SocialSession>> {
        Ok(self.wrap(self.good.session()?))
    }
    fn auto_configured_session(&self) -> OscResult<Box<dyn SocialSession>> {
        Ok(self.wrap(self.good.auto_configured_session()?))
    }
    fn default_site_urls(&self) -> OscResult<Vec<String>> {
        self.good.default_site_urls()
    }
    fn social_network_icon(&self) -> OscResult<Vec<u8>> {
        self.good.social_network_icon()
    }
    fn social_network_name(&self) -> OscResult<String> {
        self.good.social_network_name()
    }
    fn social_network_guid(&self) -> OscResult<Guid> {
        self.good.social_network_guid()
    }
    fn load(&self, interface_version: &str, language_tag: &str) -> OscResult<()> {
        self.good.load(interface_version, language_tag)
    }
}

impl<B: Break> SocialSession for BrokenSession<B> {
    fn logon(&self, user_name: &str, password: &str) -> OscResult<()> {
        self.good.logon(user_name, password)
    }
    fn set_site_url(&self, url: &str) -> OscResult<()> {
        self.good.set_site_url(url)
    }
    fn logon_web(&self, connect_in: Option<&str>) -> OscResult<String> {
        self.broken.logon_web(self.good.as_ref(), connect_in)
    }
    fn logon_url(&self) -> OscResult<String> {
        self.good.logon_url()
    }
    fn network_identifier(&self) -> OscResult<String> {
        self.broken.network_identifier(self.good.as_ref())
    }
    fn logged_on_user(&self) -> OscResult<Box<dyn SocialProfile>> {
        self.good.logged_on_user()
    }
    fn logged_on_user_id(&self) -> OscResult<String> {
        self.good.logged_on_user_id()
    }
    fn logged_on_user_name(&self) -> OscResult<String> {
        self.good.logged_on_user_name()
    }
    fn person(&self, user_id: &str) -> OscResult<Box<dyn SocialPerson>> {
        Ok(Box::new(BrokenPerson {
            user_id: user_id.to_owned(),
            good: self.good.person(user_id)?,
            broken: Arc::clone(&self.broken),
        }))
    }
    fn find_person(&self, query: &str) -> OscResult<FriendsAnswer> {
        self.good.find_person(query)
    }
    fn follow_person(&self, email_address: &str) -> OscResult<()> {
        self.good.follow_person(email_address)
    }
    fn unfollow_person(&self, user_id: &str) -> OscResult<()> {
        self.broken.unfollow_person(self.good.as_ref(), user_id)
    }
    fn session2(&self) -> Option<&dyn SocialSession2> {
        self.good.session2().map(|_| self as &dyn SocialSession2)
    }
}

impl<B: Break> BrokenSession<B> {
    fn good2(&self) -> OscResult<&dyn SocialSession2> {
        self.good.session2().ok_or(OscError::NotImplemented)
    }
}

impl<B: Break> SocialSession2 for BrokenSession<B> {
    fn people_details(&self, request: &HashedAddresses) -> OscResult<FriendsAnswer> {
        self.broken.people_details(self.good2()?, request)
    }
    fn activities_ex(&self, hashes: &[String], start_time: &XsDateTime) -> OscResult<FeedAnswer> {
        self.broken.activities_ex(self.good2()?, hashes, start_time)
    }
    fn follow_person_ex(&self, addresses: &[String], display_name: &str) -> OscResult<()> {
        self.broken
            .follow_person_ex(self.good2()?, addresses, display_name)
    }
    fn logon_cached(&self, connect_in: &str, user_name: &str, password: &str) -> OscResult<String> {
        self.good2()?.logon_cached(connect_in, user_name, password)
    }
}

impl<B: Break> SocialPerson for BrokenPerson<B> {
    fn friends_and_colleagues(&self) -> OscResult<FriendsAnswer> {
        self.broken.friends_and_colleagues(self.good.as_ref())
    }
    fn picture(&self) -> OscResult<Vec<u8>> {
        self.broken.picture(&self.user_id, self.good.as_ref())
    }
    fn details(&self) -> OscResult<PersonAnswer> {
        self.good.details()
    }
}

// ---------------------------------------------------------------------------------------
// Assertions
// ---------------------------------------------------------------------------------------

/// Runs the host against a provider made by `make` through the traits. With the `com`
/// feature it runs the same sequence against a second, fresh provider through the COM
/// adapters and the COM client (provider → vtables → traits) and demands the same report,
/// so every test here also tests the adapters. (Fresh, because the run changes a
/// provider's state: it follows and unfollows people.)
fn run<P: SocialProvider + 'static>(make: impl Fn() -> P) -> ConformanceReport {
    run_with(make, &host_options())
}

fn run_with<P: SocialProvider + 'static>(
    make: impl Fn() -> P,
    options: &host::HostOptions,
) -> ConformanceReport {
    let direct = host::run(&make(), options);
    #[cfg(feature = "com")]
    {
        let through_com = osc_schema::com::through_com(Arc::new(make()));
        let via_com = host::run(&through_com, options);
        assert_eq!(
            via_com,
            direct,
            "through COM:\n{}\ndirect:\n{}",
            report::table(&via_com),
            report::table(&direct)
        );
    }
    direct
}

/// Runs the host through the traits only, for providers whose behaviour COM changes on
/// purpose (a panic becomes OSC_E_INTERNAL_ERROR at the ABI).
fn run_direct(provider: &dyn SocialProvider) -> ConformanceReport {
    host::run(provider, &host_options())
}

fn names<'a>(steps: impl Iterator<Item = &'a Step>) -> BTreeSet<&'a str> {
    steps.map(|s| s.name.as_str()).collect()
}

/// What the good provider skips with forms logon: the other two logons, and FollowPerson,
/// which the OSC calls only when FollowPersonEx is missing.
const FORMS_SKIPS: [&str; 3] = ["Logon", "LogonCached", "FollowPerson"];

/// Asserts that only `step` failed, with a finding coded `code`, and that the steps
/// skipped are the good provider's plus `also_skipped`.
fn assert_breaks(report: &ConformanceReport, step: &str, code: &str, also_skipped: &[&str]) {
    let failed = names(report.failed());
    assert_eq!(failed, BTreeSet::from([step]), "{}", report::table(report));
    let failing = report
        .step(step)
        .expect("the failing step is in the report");
    assert!(
        failing.codes().contains(&code),
        "{step} has {:?}, expected {code}",
        failing.codes()
    );
    let Outcome::Failed(reason) = &failing.outcome else {
        unreachable!("the step is among the failed ones");
    };
    assert!(!reason.is_empty());
    let skipped = names(report.skipped());
    let expected: BTreeSet<&str> = FORMS_SKIPS.iter().chain(also_skipped).copied().collect();
    assert_eq!(skipped, expected, "{}", report::table(report));
}

// ---------------------------------------------------------------------------------------
// The good provider
// ---------------------------------------------------------------------------------------

#[test]
fn contoso_passes_every_step_with_each_logon() {
    let cases = [
        (
            LogonKind::Forms,
            ["Logon", "LogonCached", "FollowPerson"],
            46,
        ),
        (
            LogonKind::Basic,
            ["LogonWeb", "LogonCached", "FollowPerson"],
            44,
        ),
        (LogonKind::Cached, ["Logon", "LogonWeb", "FollowPerson"], 46),
    ];
    for (kind, skips, steps) in cases {
        let report = run(|| ContosoProvider::new(kind));
        assert!(report.passed(), "{kind:?}\n{}", report::table(&report));
        assert_eq!(report.steps.len(), steps, "{kind:?}");
        assert_eq!(names(report.skipped()), BTreeSet::from(skips), "{kind:?}");
        // No finding beyond information (OSC066: the templates' icon is not shown, and
        // every feed has templates).
        for step in &report.steps {
            for d in &step.diagnostics {
                assert_eq!(d.severity, Severity::Info, "{}: {d}", step.name);
            }
        }
        let names: Vec<&str> = report.steps.iter().map(|s| s.name.as_str()).collect();
        let unique: BTreeSet<&str> = names.iter().copied().collect();
        assert_eq!(unique.len(), names.len(), "step names are unique");
    }
}

#[test]
fn contoso_runs_every_sequence_its_capabilities_enable() {
    let report = run(|| ContosoProvider::new(LogonKind::Forms));
    for step in [
        "Load",
        "GetCapabilities",
        "SocialNetworkIcon",
        "GetAutoConfiguredSession",
        "LogonWeb (first call)",
        "GetLogonUrl",
        "LogonWeb",
        "GetFriendsAndColleagues",
        "GetPicture of friend contoso-ena",
        "GetPeopleDetails",
        "GetActivitiesEx",
        "GetDetails of activity owner contoso-farid",
        "FollowPersonEx",
        "FollowPersonEx (unknown person)",
        "UnFollowPerson (unknown person)",
        "UnFollowPerson",
    ] {
        let found = report
            .step(step)
            .unwrap_or_else(|| panic!("no step {step}"));
        assert_eq!(found.outcome, Outcome::Passed, "{step}");
    }
    // The XML answers were checked with their method's context.
    let people = report.step("GetPeopleDetails").expect("present");
    let answer = people.answer.as_ref().expect("an XML answer");
    assert_eq!(answer.root.as_deref(), Some("friends"));
    // Ben, Chloé (by her second address) and Farid are members; the outsider and the
    // unknown address (indexes 3 and 4) get no person.
    for index in ["<index>0</index>", "<index>1</index>", "<index>2</index>"] {
        assert!(answer.xml.contains(index), "{}", answer.xml);
    }
    assert!(!answer.xml.contains("<index>3</index>"));
    assert!(!answer.xml.contains("<index>4</index>"));
    // David posted too, but nobody asked for his activities.
    let feed = report.step("GetActivitiesEx").expect("present");
    assert!(feed.call.contains("2000-01-01T00:00:00Z"), "{}", feed.call);
    assert!(
        report
            .step("GetPerson of activity owner contoso-david")
            .is_none()
    );
}

#[test]
fn without_configured_people_the_friends_are_looked_up() {
    let options = host::HostOptions {
        people: Vec::new(),
        ..host_options()
    };
    let report = run_with(|| ContosoProvider::new(LogonKind::Basic), &options);
    assert!(report.passed(), "{}", report::table(&report));
    let people = report.step("GetPeopleDetails").expect("present");
    // Four friends and the unknown address.
    assert!(people.call.contains("5 people"), "{}", people.call);
    // Ben and Chloé posted; David's document is among the friends' activities too.
    assert!(
        report
            .step("GetDetails of activity owner contoso-david")
            .is_some()
    );
    assert!(
        report
            .step("GetDetails of activity owner contoso-farid")
            .is_none()
    );
}

#[test]
fn contoso_falls_back_to_follow_person_without_follow_person_ex() {
    struct NoFollowPersonEx;
    impl Break for NoFollowPersonEx {
        fn follow_person_ex(&self, _: &dyn SocialSession2, _: &[String], _: &str) -> OscResult<()> {
            Err(OscError::NotImplemented)
        }
    }
    let report = run(|| broken(NoFollowPersonEx));
    assert!(report.passed(), "{}", report::table(&report));
    let ex = report.step("FollowPersonEx").expect("present");
    assert_eq!(ex.codes(), ["host::not-implemented"]);
    assert!(report.step("FollowPersonEx (unknown person)").is_none());
    assert_eq!(
        report.step("FollowPerson").map(|s| &s.outcome),
        Some(&Outcome::Passed)
    );
    assert_eq!(
        report
            .step("FollowPerson (unknown person)")
            .map(|s| &s.outcome),
        Some(&Outcome::Passed)
    );
}

// ---------------------------------------------------------------------------------------
// One broken contract each
// ---------------------------------------------------------------------------------------

const NS: &str = "http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd";

#[test]
fn wrong_root_fails_get_capabilities() {
    struct WrongRoot;
    impl Break for WrongRoot {
        fn capabilities(&self, _: &dyn SocialProvider) -> OscResult<CapabilitiesAnswer> {
            Ok(Answer::Raw(format!(
                "<friends xmlns=\"{NS}\"><person><userID>x</userID></person></friends>"
            )))
        }
    }
    let report = run(|| broken(WrongRoot));
    // The answer is a valid `friends` document: the rule for the method's root finds it.
    let step = report.step("GetCapabilities").expect("present");
    assert_eq!(step.codes(), ["OSC042", "host::missing-capability-answer"]);
    // Without capabilities the OSC stops there; so does the host.
    let failed = names(report.failed());
    assert_eq!(failed, BTreeSet::from(["GetCapabilities"]));
    assert_eq!(names(report.skipped()), BTreeSet::from(["GetSession"]));
    assert_eq!(report.steps.len(), 8, "{}", report::table(&report));
    assert!(
        report
            .steps
            .iter()
            .take(7)
            .all(|s| s.name == "GetCapabilities" || s.outcome == Outcome::Passed)
    );
}

#[test]
fn bad_index_fails_get_people_details() {
    struct BadIndex;
    impl Break for BadIndex {
        fn people_details(
            &self,
            good: &dyn SocialSession2,
            request: &HashedAddresses,
        ) -> OscResult<FriendsAnswer> {
            let Answer::Typed(mut friends) = good.people_details(request)? else {
                unreachable!("Contoso answers typed documents");
            };
            friends.persons[0].index = Some(7);
            Ok(friends.into())
        }
    }
    let report = run(|| broken(BadIndex));
    assert_breaks(&report, "GetPeopleDetails", "OSC041", &[]);
    // The finding points into the answer, and prints with its line.
    let text = report::findings(&report, Severity::Warning, false);
    assert!(text.contains("error[OSC041]"), "{text}");
    assert!(text.contains("<index>7</index>"), "{text}");
}

#[test]
fn missing_hash_function_fails_get_capabilities() {
    struct NoHashFunction;
    impl Break for NoHashFunction {
        fn capabilities(&self, good: &dyn SocialProvider) -> OscResult<CapabilitiesAnswer> {
            let Answer::Typed(mut caps) = good.capabilities()? else {
                unreachable!("Contoso answers typed documents");
            };
            caps.hash_function = None;
            Ok(caps.into())
        }
    }
    let report = run(|| broken(NoHashFunction));
    // The OSC refuses hashed lookups without a hash function, so the host makes none.
    assert_breaks(
        &report,
        "GetCapabilities",
        "OSC010",
        &["GetPeopleDetails", "GetActivitiesEx"],
    );
}

#[test]
fn empty_string_fails_get_friends_and_colleagues() {
    struct Empty;
    impl Break for Empty {
        fn friends_and_colleagues(&self, _: &dyn SocialPerson) -> OscResult<FriendsAnswer> {
            Ok(Answer::Raw(String::new()))
        }
    }
    let report = run(|| broken(Empty));
    assert_breaks(
        &report,
        "GetFriendsAndColleagues",
        "xml::not-well-formed",
        &[],
    );
    let step = report.step("GetFriendsAndColleagues").expect("present");
    assert!(step.codes().contains(&"host::unusable-answer"));
    // No friend list, so no friend was looked up.
    assert!(!report.steps.iter().any(|s| s.name.contains("of friend")));
}

#[test]
fn wrong_hresult_from_the_first_logon_web_fails_that_step() {
    struct NotFoundFirst;
    impl Break for NotFoundFirst {
        fn logon_web(
            &self,
            good: &dyn SocialSession,
            connect_in: Option<&str>,
        ) -> OscResult<String> {
            match connect_in {
                None => Err(OscError::NotFound),
                Some(_) => good.logon_web(connect_in),
            }
        }
    }
    let report = run(|| broken(NotFoundFirst));
    assert_breaks(&report, "LogonWeb (first call)", "host::wrong-hresult", &[]);
    let step = report.step("LogonWeb (first call)").expect("present");
    assert_eq!(
        step.outcome,
        Outcome::Failed(
            "host::wrong-hresult: returned OSC_E_NOT_FOUND (0x80041405); expected \
             OSC_E_AUTH_ERROR (0x80041404)"
                .to_owned()
        )
    );
}

#[test]
fn wrong_hresult_from_unfollowing_an_unknown_person_fails_that_step() {
    struct FailForUnknown;
    impl Break for FailForUnknown {
        fn unfollow_person(&self, good: &dyn SocialSession, user_id: &str) -> OscResult<()> {
            // OSC_E_FAIL is for a provider without `doNotFollowPerson`; this one has it.
            match good.unfollow_person(user_id) {
                Err(OscError::NotFound) => Err(OscError::Fail),
                other => other,
            }
        }
    }
    let report = run(|| broken(FailForUnknown));
    assert_breaks(
        &report,
        "UnFollowPerson (unknown person)",
        "host::wrong-hresult",
        &[],
    );
}

#[test]
fn non_image_picture_fails_get_picture() {
    struct GifForChloe;
    impl Break for GifForChloe {
        fn picture(&self, user_id: &str, good: &dyn SocialPerson) -> OscResult<Vec<u8>> {
            if user_id == "contoso-chloe" {
                Ok(b"GIF89a\x01\x00\x01\x00".to_vec())
            } else {
                good.picture()
            }
        }
    }
    let report = run(|| broken(GifForChloe));
    assert_breaks(
        &report,
        "GetPicture of friend contoso-chloe",
        "host::not-an-image",
        &[],
    );
}

#[test]
fn activity_older_than_start_time_fails_get_activities_ex() {
    struct OldActivity;
    impl Break for OldActivity {
        fn activities_ex(
            &self,
            good: &dyn SocialSession2,
            hashes: &[String],
            start_time: &XsDateTime,
        ) -> OscResult<FeedAnswer> {
            let Answer::Typed(mut feed) = good.activities_ex(hashes, start_time)? else {
                unreachable!("Contoso answers typed documents");
            };
            feed.activities[0].publish_date =
                XsDateTime::parse("1999-12-31T23:00:00Z").expect("a valid literal");
            Ok(feed.into())
        }
    }
    let report = run(|| broken(OldActivity));
    assert_breaks(&report, "GetActivitiesEx", "OSC067", &[]);
}

#[test]
fn panicking_method_fails_its_step_and_the_run_goes_on() {
    struct Panics;
    impl Break for Panics {
        fn network_identifier(&self, _: &dyn SocialSession) -> OscResult<String> {
            panic!("network identifier not configured")
        }
    }
    let report = run_direct(&broken(Panics));
    assert_breaks(&report, "GetNetworkIdentifier", "host::panic", &[]);
    let step = report.step("GetNetworkIdentifier").expect("present");
    assert!(
        matches!(&step.outcome, Outcome::Failed(r) if r.contains("network identifier not configured"))
    );
    // The calls after it were made.
    assert_eq!(
        report.steps.last().map(|s| s.name.as_str()),
        Some("UnFollowPerson")
    );
}

/// Through COM the panic never reaches the host: the adapter catches it at the ABI and
/// answers OSC_E_INTERNAL_ERROR, which fails the same step as an unexpected HRESULT.
#[cfg(feature = "com")]
#[test]
fn through_com_a_panicking_method_answers_internal_error() {
    struct Panics;
    impl Break for Panics {
        fn network_identifier(&self, _: &dyn SocialSession) -> OscResult<String> {
            panic!("network identifier not configured")
        }
    }
    let provider = osc_schema::com::through_com(Arc::new(broken(Panics)));
    let report = host::run(&provider, &host_options());
    assert_breaks(
        &report,
        "GetNetworkIdentifier",
        "host::unexpected-error",
        &[],
    );
    let step = report.step("GetNetworkIdentifier").expect("present");
    assert!(
        matches!(&step.outcome, Outcome::Failed(r) if r.contains("OSC_E_INTERNAL_ERROR (0x80041400)")),
        "{:?}",
        step.outcome
    );
}

#[test]
fn a_session_without_session2_fails_the_lookups_it_cannot_serve() {
    /// The good provider's sessions, with `ISocialSession2` hidden.
    struct OnlySession1(ContosoProvider);
    struct Session1(Box<dyn SocialSession>);
    impl SocialProvider for OnlySession1 {
        fn capabilities(&self) -> OscResult<CapabilitiesAnswer> {
            self.0.capabilities()
        }
        fn version(&self) -> OscResult<String> {
            self.0.version()
        }
        fn session(&self) -> OscResult<Box<dyn SocialSession>> {
            Ok(Box::new(Session1(self.0.session()?)))
        }
        fn auto_configured_session(&self) -> OscResult<Box<dyn SocialSession>> {
            Ok(Box::new(Session1(self.0.auto_configured_session()?)))
        }
        fn default_site_urls(&self) -> OscResult<Vec<String>> {
            self.0.default_site_urls()
        }
        fn social_network_icon(&self) -> OscResult<Vec<u8>> {
            self.0.social_network_icon()
        }
        fn social_network_name(&self) -> OscResult<String> {
            self.0.social_network_name()
        }
        fn social_network_guid(&self) -> OscResult<Guid> {
            self.0.social_network_guid()
        }
        fn load(&self, v: &str, l: &str) -> OscResult<()> {
            self.0.load(v, l)
        }
    }
    impl SocialSession for Session1 {
        fn logon(&self, u: &str, p: &str) -> OscResult<()> {
            self.0.logon(u, p)
        }
        fn set_site_url(&self, url: &str) -> OscResult<()> {
            self.0.set_site_url(url)
        }
        fn logon_web(&self, c: Option<&str>) -> OscResult<String> {
            self.0.logon_web(c)
        }
        fn logon_url(&self) -> OscResult<String> {
            self.0.logon_url()
        }
        fn network_identifier(&self) -> OscResult<String> {
            self.0.network_identifier()
        }
        fn logged_on_user(&self) -> OscResult<Box<dyn SocialProfile>> {
            self.0.logged_on_user()
        }
        fn logged_on_user_id(&self) -> OscResult<String> {
            self.0.logged_on_user_id()
        }
        fn logged_on_user_name(&self) -> OscResult<String> {
            self.0.logged_on_user_name()
        }
        fn person(&self, id: &str) -> OscResult<Box<dyn SocialPerson>> {
            self.0.person(id)
        }
        fn find_person(&self, q: &str) -> OscResult<FriendsAnswer> {
            self.0.find_person(q)
        }
        fn follow_person(&self, e: &str) -> OscResult<()> {
            self.0.follow_person(e)
        }
        fn unfollow_person(&self, id: &str) -> OscResult<()> {
            self.0.unfollow_person(id)
        }
    }
    let report = run(|| OnlySession1(ContosoProvider::new(LogonKind::Forms)));
    assert_eq!(
        names(report.failed()),
        BTreeSet::from(["GetPeopleDetails", "GetActivitiesEx"])
    );
    for step in report.failed() {
        assert_eq!(step.codes(), ["host::missing-session2"], "{}", step.name);
    }
    // Following falls back to ISocialSession::FollowPerson, as the OSC does.
    assert_eq!(
        report.step("FollowPerson").map(|s| &s.outcome),
        Some(&Outcome::Passed)
    );
    assert!(report.step("FollowPersonEx").is_none());
}

#[test]
fn a_provider_that_does_not_load_is_not_used() {
    struct Outdated;
    impl Break for Outdated {}
    let report = run_with(
        || broken(Outdated),
        &host::HostOptions {
            interface_version: "16.0000".to_owned(),
            ..host_options()
        },
    );
    let load = report.step("Load").expect("present");
    assert_eq!(
        load.outcome,
        Outcome::Failed(
            "host::unexpected-error: returned OSC_E_VERSION (0x80041401); expected success"
                .to_owned()
        )
    );
    assert_eq!(report.steps.len(), 2);
    assert_eq!(names(report.skipped()), BTreeSet::from(["GetSession"]));
}

// ---------------------------------------------------------------------------------------
// The printers of `oscx validate`
// ---------------------------------------------------------------------------------------

#[test]
fn reports_print_as_json_lines_and_junit() {
    struct BadIndex;
    impl Break for BadIndex {
        fn people_details(
            &self,
            good: &dyn SocialSession2,
            request: &HashedAddresses,
        ) -> OscResult<FriendsAnswer> {
            let Answer::Typed(mut friends) = good.people_details(request)? else {
                unreachable!("Contoso answers typed documents");
            };
            friends.persons.push(Person {
                index: Some(42),
                ..Person::new("contoso-nobody")
            });
            Ok(friends.into())
        }
    }
    let report = run(|| broken(BadIndex));
    let files = report.to_file_reports();
    assert_eq!(files.len(), report.steps.len());
    assert_eq!(files.iter().filter(|f| !f.is_valid()).count(), 1);

    let lines: Vec<serde_json::Value> = files
        .iter()
        .map(|f| serde_json::from_str(&osc_schema::print::json::line(f)).expect("JSON"))
        .collect();
    let people = lines
        .iter()
        .find(|l| l["file"] == "GetPeopleDetails")
        .expect("a line for the step");
    assert_eq!(people["valid"], false);
    assert_eq!(people["root"], "friends");
    assert_eq!(people["diagnostics"][0]["code"], "OSC041");
    let skipped = lines
        .iter()
        .find(|l| l["file"] == "LogonCached")
        .expect("a line for the skipped step");
    assert_eq!(skipped["valid"], true);
    assert_eq!(skipped["diagnostics"][0]["code"], "host::skipped");
    assert_eq!(skipped["diagnostics"][0]["severity"], "info");

    let junit = osc_schema::print::junit::document(&files, Severity::Error);
    assert!(
        junit.contains(&format!("tests=\"{}\" failures=\"1\"", files.len())),
        "{junit}"
    );
    assert!(junit.contains("name=\"GetPeopleDetails\""));
}
