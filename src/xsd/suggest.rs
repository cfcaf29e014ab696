//! "Did you mean …?": the allowed name or value closest to a misspelt one.

/// The candidate closest to `word`, when it is close enough to be a likely misspelling:
/// equal but for case, or within an edit distance that grows with the word (one edit up to
/// seven characters, two up to eleven, three beyond). Ties go to the first candidate.
///
/// Two words whose lengths differ by more than the edits allowed are never that close, so
/// only candidates of about the word's length are compared: the work is linear in the
/// word's length whatever it is (a name of megabytes costs one count of its characters,
/// not a table of megabytes by the candidate's length for every candidate).
pub(crate) fn closest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    nearest(word, candidates).map(|near| near.candidate)
}

/// As [`closest`], only when no other candidate is as close: the one name `word` can stand
/// for, as `oscx fmt --fix` needs to rename an element (`emailAddress4` is as close to
/// `emailAddress2` as to `emailAddress3`, so it stands for neither).
pub(crate) fn only_closest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    nearest(word, candidates)
        .filter(|near| !near.tied)
        .map(|near| near.candidate)
}

/// The closest candidate found by [`nearest`], and whether another was as close.
struct Nearest<'a> {
    candidate: &'a str,
    tied: bool,
}

fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<Nearest<'a>> {
    let length = word.chars().count();
    let allowed = match length {
        0..=3 => 0,
        4..=7 => 1,
        8..=11 => 2,
        _ => 3,
    };
    let mut word_lower: Option<String> = None;
    let mut best: Option<(usize, Nearest<'a>)> = None;
    for candidate in candidates {
        if candidate == word || candidate.chars().count().abs_diff(length) > allowed {
            continue;
        }
        let word_lower = word_lower.get_or_insert_with(|| word.to_lowercase());
        let distance = edit_distance(word_lower, &candidate.to_lowercase());
        if distance > allowed {
            continue;
        }
        match &mut best {
            Some((d, near)) if distance == *d && near.candidate != candidate => near.tied = true,
            Some((d, _)) if distance >= *d => {}
            _ => {
                let tied = false;
                best = Some((distance, Nearest { candidate, tied }));
            }
        }
    }
    best.map(|(_, near)| near)
}

/// As [`closest`], among the few names that are all `word` can stand for (the attributes
/// an element declares): one edit away is close enough even for a word of two or three
/// characters, such as `typ` for `type`.
pub(crate) fn closest_of_few<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    closest(word, candidates.iter().copied()).or_else(|| {
        let short = word.chars().count();
        if short < 2 {
            return None;
        }
        // Lengths apart by more than one edit are never compared, so a long word is not
        // copied.
        candidates.iter().copied().find(|candidate| {
            candidate.chars().count().abs_diff(short) <= 1
                && edit_distance(&word.to_lowercase(), &candidate.to_lowercase()) == 1
        })
    })
}

/// Levenshtein distance with adjacent transpositions counted as one edit, over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Rows of the table: two back, one back, current.
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current: Vec<usize> = vec![0; b.len() + 1];
    for (i, &ca) in a.iter().enumerate() {
        current[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            let mut best = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
            if i > 0 && j > 0 && ca == b[j - 1] && a[i - 1] == cb {
                best = best.min(before[j - 1] + 1);
            }
            current[j + 1] = best;
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(edit_distance("emailadress", "emailaddress"), 1);
        assert_eq!(edit_distance("gendre", "gender"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn close_names_are_suggested_and_far_ones_are_not() {
        let names = ["userID", "emailAddress", "emailAddress2", "gender"];
        assert_eq!(closest("emailAdress", names), Some("emailAddress"));
        assert_eq!(closest("Gender", names), Some("gender"));
        assert_eq!(closest("userid", names), Some("userID"));
        assert_eq!(closest("birthday", names), None);
        assert_eq!(closest("emailAddress", names), Some("emailAddress2"));
        assert_eq!(closest("xy", ["xz"]), None);
    }

    #[test]
    fn only_a_candidate_closer_than_every_other_stands_for_a_word() {
        let names = ["emailAddress", "emailAddress2", "emailAddress3", "gender"];
        assert_eq!(only_closest("emailAdress", names), Some("emailAddress"));
        assert_eq!(only_closest("Gender", names), Some("gender"));
        assert_eq!(only_closest("emailAddress4", names), None);
        assert_eq!(closest("emailAddress4", names), Some("emailAddress"));
        assert_eq!(only_closest("birthday", names), None);
        // A name listed twice (in two generations) is one candidate.
        assert_eq!(only_closest("gendr", ["gender", "gender"]), Some("gender"));
    }

    #[test]
    fn among_few_names_one_edit_is_close_even_for_short_words() {
        assert_eq!(closest_of_few("typ", &["type", "index"]), Some("type"));
        assert_eq!(closest_of_few("Type", &["type"]), Some("type"));
        assert_eq!(closest_of_few("ty", &["type"]), None);
        assert_eq!(closest_of_few("t", &["u"]), None);
        assert_eq!(closest_of_few("kind", &["type"]), None);
    }

    #[test]
    fn a_word_far_longer_than_every_candidate_is_never_compared() {
        // Lengths apart by more than the edits allowed: no candidate is near, and no
        // distance is worked out (which the bound on lengths decides, not the table).
        assert_eq!(closest(&"x".repeat(1 << 20), ["userID", "x"]), None);
        assert_eq!(
            closest("emailAddresses", ["emailAddress"]),
            Some("emailAddress")
        );
        assert_eq!(closest("emailAddressesXYZ", ["emailAddress"]), None);
    }
}
