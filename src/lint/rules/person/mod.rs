//! Rules about `friends`, `person` and `hashedAddresses`, and the methods that return them.

mod osc030_nonfriend_spelling;
mod osc031_duplicate_user_id;
mod osc032_duplicate_index;
mod osc033_negative_index;
mod osc034_index_outside_people_details;
mod osc035_details_missing_full_name;
mod osc036_details_missing_email;
mod osc037_implausible_email;
mod osc038_expiration_before_creation;
mod osc039_modified_before_creation;
mod osc040_people_details_missing_index;
mod osc041_index_not_in_request;
mod osc042_wrong_root_for_method;
mod osc043_hashed_duplicate_index;

use crate::lint::{Context, Method, Rule};
use crate::xs::XsDateTime;

/// This group's rules, in ID order.
pub static RULES: &[&dyn Rule] = &[
    &osc030_nonfriend_spelling::NonfriendSpelling,
    &osc031_duplicate_user_id::DuplicateUserId,
    &osc032_duplicate_index::DuplicateIndex,
    &osc033_negative_index::NegativeIndex,
    &osc034_index_outside_people_details::IndexOutsidePeopleDetails,
    &osc035_details_missing_full_name::DetailsMissingFullName,
    &osc036_details_missing_email::DetailsMissingEmail,
    &osc037_implausible_email::ImplausibleEmail,
    &osc038_expiration_before_creation::ExpirationBeforeCreation,
    &osc039_modified_before_creation::ModifiedBeforeCreation,
    &osc040_people_details_missing_index::PeopleDetailsMissingIndex,
    &osc041_index_not_in_request::IndexNotInRequest,
    &osc042_wrong_root_for_method::WrongRootForMethod,
    &osc043_hashed_duplicate_index::HashedDuplicateIndex,
];

/// Whether `index` means something for this document: the method is `GetPeopleDetails`, or
/// no method is known (then a document with indexes is taken as a `GetPeopleDetails`
/// answer). Under any other known method, `index` is ignored and OSC034 says so.
fn index_matters(cx: &Context) -> bool {
    matches!(cx.method, None | Some(Method::GetPeopleDetails))
}

/// Whether `earlier` lies strictly before `later`, when both carry a timezone. Values
/// without one are only partially ordered against others in XSD, so they are not compared.
fn strictly_before(earlier: &XsDateTime, later: &XsDateTime) -> bool {
    match (earlier.to_utc_instant(), later.to_utc_instant()) {
        (Some(a), Some(b)) => a < b,
        _ => false,
    }
}
