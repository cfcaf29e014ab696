//! Who a finding is about: the person, activity or template whose element it is in, by
//! identity rather than position (the watch that notes them is `check::identity`).

/// The elements that stand for someone or something, and the children that say which:
/// the identity is their values, in this order. The OSC documents name no other key.
pub(crate) const UNITS: &[(&str, &[&str])] = &[
    ("person", &["userID"]),
    ("activityDetails", &["objectID"]),
    (
        "activityTemplateContainer",
        &["applicationID", "templateID"],
    ),
];

/// The units of one document with their identities: for each kind of unit (the path of
/// its parent and its name, `/friends/person`), the fingerprint of each one's identity by
/// position (0 for none).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Identities {
    pub(crate) lists: Vec<(String, Vec<u64>)>,
}

/// No identity: the unit keeps its position.
pub(crate) const NONE: u64 = 0;

impl Identities {
    /// The path `path` with the unit it runs through written by identity instead of
    /// position: `/friends/person[userID#…]/gender` for `/friends/person[3]/gender`, where
    /// `…` is the fingerprint of the person's `userID`; `path` itself when it runs through
    /// no unit with an identity.
    ///
    /// ```
    /// use osc_schema::check::Checker;
    /// use osc_schema::Validator;
    ///
    /// let xml = br#"<friends xmlns="http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd">
    ///   <person><userID>u-1</userID></person><person><userID>u-2</userID><gender>robot</gender></person>
    /// </friends>"#;
    /// let checker = Checker::new(Validator::auto(), None).with_identities(true);
    /// let report = checker.check_bytes("f.xml", xml).report;
    /// let path = &report.diagnostics()[0].location.path;
    /// assert_eq!(path, "/friends/person[2]/gender");
    /// let keyed = report.identities().keyed(path);
    /// assert!(keyed.starts_with("/friends/person[userID#") && keyed.ends_with("]/gender"));
    /// ```
    pub fn keyed(&self, path: &str) -> String {
        if self.lists.is_empty() {
            return path.to_owned();
        }
        // A unit is at most a few steps down: each step with an index is tried.
        let mut end = 0;
        while let Some(step) = path[end..].find(']') {
            end += step + 1;
            let at_step_end = matches!(path.as_bytes().get(end), None | Some(b'/'));
            let Some(open) = path[..end].rfind('[') else {
                continue;
            };
            if !at_step_end {
                continue;
            }
            let Ok(n) = path[open + 1..end - 1].parse::<usize>() else {
                continue;
            };
            let list = &path[..open];
            let Some((_, prints)) = self.lists.iter().find(|(l, _)| l == list) else {
                continue;
            };
            let Some(&print) = n.checked_sub(1).and_then(|i| prints.get(i)) else {
                continue;
            };
            if print == NONE {
                continue;
            }
            let name = &list[list.rfind('/').map_or(0, |at| at + 1)..];
            let keys = UNITS
                .iter()
                .find(|(unit, _)| *unit == name)
                .map_or(&[][..], |(_, keys)| *keys);
            return format!("{}[{}#{print:016x}]{}", list, keys.join(","), &path[end..]);
        }
        path.to_owned()
    }

    /// How many units have an identity.
    pub fn len(&self) -> usize {
        self.lists
            .iter()
            .map(|(_, prints)| prints.iter().filter(|&&p| p != NONE).count())
            .sum()
    }

    /// Whether no unit has one.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
