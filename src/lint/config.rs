//! How findings are weighed: rule levels, and the provider method a document answers.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::RuleInfo;
use crate::diagnostic::Severity;
use crate::version::RootKind;

/// What to do with a rule's findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Do not run the rule.
    Allow,
    /// Report its findings as warnings.
    Warn,
    /// Report its findings as errors.
    Deny,
}

impl FromStr for Level {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "allow" => Ok(Level::Allow),
            "warn" => Ok(Level::Warn),
            "deny" => Ok(Level::Deny),
            other => Err(format!(
                "unknown level `{other}`; expected `allow`, `warn` or `deny`"
            )),
        }
    }
}

/// The provider methods whose answers are documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Method {
    /// `ISocialProvider::GetCapabilities` → `capabilities`.
    GetCapabilities,
    /// `ISocialPerson::GetFriendsAndColleagues` → `friends`.
    GetFriendsAndColleagues,
    /// `ISocialSession::FindPerson` → `friends`.
    FindPerson,
    /// `ISocialSession2::GetPeopleDetails` → `friends`, one `person` per answered index.
    GetPeopleDetails,
    /// `ISocialPerson::GetDetails` → `person`.
    GetDetails,
    /// `ISocialSession2::GetActivitiesEx` → `activityFeed`.
    GetActivitiesEx,
}

impl Method {
    /// Every method, in the order listed above.
    pub const ALL: [Method; 6] = [
        Method::GetCapabilities,
        Method::GetFriendsAndColleagues,
        Method::FindPerson,
        Method::GetPeopleDetails,
        Method::GetDetails,
        Method::GetActivitiesEx,
    ];

    /// The method's name as the interfaces spell it.
    pub const fn name(self) -> &'static str {
        match self {
            Method::GetCapabilities => "GetCapabilities",
            Method::GetFriendsAndColleagues => "GetFriendsAndColleagues",
            Method::FindPerson => "FindPerson",
            Method::GetPeopleDetails => "GetPeopleDetails",
            Method::GetDetails => "GetDetails",
            Method::GetActivitiesEx => "GetActivitiesEx",
        }
    }

    /// The root the method's answer must have.
    pub const fn expected_root(self) -> RootKind {
        match self {
            Method::GetCapabilities => RootKind::Capabilities,
            Method::GetFriendsAndColleagues | Method::FindPerson | Method::GetPeopleDetails => {
                RootKind::Friends
            }
            Method::GetDetails => RootKind::Person,
            Method::GetActivitiesEx => RootKind::ActivityFeed,
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Method {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Method::ALL
            .into_iter()
            .find(|m| m.name().eq_ignore_ascii_case(s))
            .ok_or_else(|| {
                let names: Vec<_> = Method::ALL.iter().map(|m| m.name()).collect();
                format!("unknown method `{s}`; expected one of {}", names.join(", "))
            })
    }
}

/// Rule levels: per rule, plus "warnings are errors".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LintConfig {
    /// Levels set for single rules, by ID. Levels of other codes (the advice codes, which
    /// the checker applies itself) may stand here too, and are ignored.
    pub levels: BTreeMap<String, Level>,
    /// Report warnings as errors (`--deny warnings`).
    pub deny_warnings: bool,
}

impl LintConfig {
    /// The severity a rule's findings get, or `None` when the rule is allowed (not run).
    pub fn severity(&self, rule: &RuleInfo) -> Option<Severity> {
        let base = match self.levels.get(rule.id) {
            Some(Level::Allow) => return None,
            Some(Level::Warn) => Severity::Warning,
            Some(Level::Deny) => Severity::Error,
            None => rule.severity,
        };
        Some(if self.deny_warnings && base == Severity::Warning {
            Severity::Error
        } else {
            base
        })
    }
}
