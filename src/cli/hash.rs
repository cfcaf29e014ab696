//! `oscx hash`: hash e-mail addresses, or build the `hashedAddresses` request from them.

use std::path::PathBuf;

use crate::hash::{Normalization, RequestBuilder, hash_email_with};
use crate::model::HashFunction;
use crate::xml::{self, Declaration, WriteOptions};
use clap::{ArgGroup, ValueEnum};

use super::input::{display_name, read_input};
use super::{Fatal, Outcome, write_stdout};

/// Flags of `oscx hash`.
#[derive(Debug, clap::Args)]
#[command(group(ArgGroup::new("input").required(true).args(["addresses", "request"])))]
#[command(after_help = "Examples:\n  \
    oscx hash melissa@contoso.com --function sha1\n  \
    oscx hash - --function md5 < addresses.txt\n  \
    oscx hash ' Melissa@Contoso.com ' 'Melissa@Contoso.com' --function crc32md5 --no-normalize\n  \
    oscx hash --request people.txt --function md5 --no-namespace > request.xml\n\n\
A request file lists one person per line, the person's addresses separated by commas\n\
(white space around each address is ignored). Blank lines and lines whose first non-blank\n\
character is `#` are skipped; an empty address, as in `a@x.example,,b@y.example`, is an\n\
error naming its line.\n\n\
Exit codes: 0 success; 2 usage error, blank address, or unreadable or non-UTF-8 file.")]
pub struct HashArgs {
    /// E-mail addresses to hash; one hash per line is printed, in the order given. A blank
    /// address is a usage error. `-` reads addresses from standard input, one a line (blank
    /// lines skipped).
    #[arg(value_name = "ADDRESS")]
    pub addresses: Vec<String>,
    /// The hash function, as the provider names it in `capabilities/hashFunction` (any
    /// case). Required: the protocol has no default, and the wrong function gives hashes
    /// that silently match nothing.
    #[arg(long, short, value_enum, ignore_case = true, value_name = "FUNCTION")]
    pub function: FunctionArg,
    /// Hash each address's bytes as given. By default surrounding white space is trimmed
    /// and the address lowercased (both in Unicode's sense), for all three functions. In a
    /// `--request` file the white space around addresses is part of the file's syntax and
    /// is always removed, so this only keeps their case.
    #[arg(long)]
    pub no_normalize: bool,
    /// Print the `hashedAddresses` request (the XML the OSC passes to GetPeopleDetails)
    /// for the people listed in FILE instead of bare hashes; `-` reads standard input.
    /// Each person's `index` is its 0-based position among the people of the file.
    #[arg(long, value_name = "FILE")]
    pub request: Option<PathBuf>,
    /// With `--request`: write the root without a namespace, as Outlook sends it, instead
    /// of in the 1.1 namespace.
    // `conflicts_with` rather than `requires = "request"`: clap lets any member of the
    // `input` group satisfy `requires`, so ADDRESS would have been accepted in its place.
    #[arg(long, conflicts_with = "addresses")]
    pub no_namespace: bool,
}

/// `--function` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FunctionArg {
    /// SHA-1, 40 hex digits.
    Sha1,
    /// MD5, 32 hex digits.
    Md5,
    /// The unsigned decimal CRC-32, `_`, then the MD5.
    #[value(name = "crc32md5")]
    Crc32Md5,
}

impl From<FunctionArg> for HashFunction {
    fn from(f: FunctionArg) -> Self {
        match f {
            FunctionArg::Sha1 => HashFunction::Sha1,
            FunctionArg::Md5 => HashFunction::Md5,
            FunctionArg::Crc32Md5 => HashFunction::Crc32Md5,
        }
    }
}

pub fn run(args: &HashArgs) -> Result<Outcome, Fatal> {
    let function = HashFunction::from(args.function);
    let normalization = if args.no_normalize {
        Normalization::None
    } else {
        Normalization::TrimLowercase
    };
    let output = match &args.request {
        Some(path) => {
            let name = display_name(path);
            let bytes = read_input(path)?;
            let people = people(&bytes, &name)?;
            let request = people
                .into_iter()
                .fold(RequestBuilder::new(function), RequestBuilder::person)
                .normalization(normalization)
                .namespaced(!args.no_namespace)
                .build();
            let options = WriteOptions {
                declaration: Declaration::Utf8,
                pretty: true,
            };
            xml::write_bytes(&request, options).map_err(|e| Fatal(e.to_string()))?
        }
        None => {
            let mut out = String::new();
            let mut stdin_seen = false;
            for (n, address) in args.addresses.iter().enumerate() {
                if address == "-" {
                    if std::mem::replace(&mut stdin_seen, true) {
                        return Err(Fatal("`-` (standard input) is given more than once".into()));
                    }
                    let bytes = read_input(std::path::Path::new("-"))?;
                    for address in lines(&bytes, "<stdin>")? {
                        out.push_str(&hash_email_with(address, function, normalization));
                        out.push('\n');
                    }
                    continue;
                }
                if address.trim().is_empty() {
                    return Err(Fatal(format!("address {} is blank", n + 1)));
                }
                out.push_str(&hash_email_with(address, function, normalization));
                out.push('\n');
            }
            out.into_bytes()
        }
    };
    write_stdout(&output)?;
    Ok(Outcome::Clean)
}

/// The addresses of a list read from standard input, one a line, each as given but for
/// its line's end; blank lines are skipped.
fn lines<'a>(bytes: &'a [u8], name: &str) -> Result<Vec<&'a str>, Fatal> {
    let text = utf8_text(bytes, name)?;
    Ok(text
        .lines()
        .filter(|line| !line.trim().is_empty())
        .collect())
}

/// `bytes` as text, without the byte order mark text editors on Windows like to start UTF-8
/// files with.
fn utf8_text<'a>(bytes: &'a [u8], name: &str) -> Result<&'a str, Fatal> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| Fatal(format!("{name}: not UTF-8 text: {e}")))
}

/// The people of a request file, each as the list of its addresses.
fn people<'a>(bytes: &'a [u8], name: &str) -> Result<Vec<Vec<&'a str>>, Fatal> {
    let text = utf8_text(bytes, name)?;
    let mut people = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let addresses: Vec<&str> = line.split(',').map(str::trim).collect();
        if addresses.iter().any(|a| a.is_empty()) {
            return Err(Fatal(format!(
                "{name}: line {}: empty address (a comma with no address before or after it)",
                n + 1
            )));
        }
        people.push(addresses);
    }
    Ok(people)
}

#[cfg(test)]
mod tests {
    use super::{lines, people};

    #[test]
    fn a_list_on_stdin_is_one_address_a_line_without_blank_lines() {
        let text = "\u{feff}a@x\r\n\n   \n B@Y \nc@z";
        let got = lines(text.as_bytes(), "<stdin>").map_err(|e| e.0);
        assert_eq!(got, Ok(vec!["a@x", " B@Y ", "c@z"]));
        assert!(lines(b"a@x\n\xff\n", "<stdin>").is_err());
    }

    #[test]
    fn lines_are_people_and_commas_separate_addresses() {
        let text = "\u{feff}# people\n a@x , b@y\r\n\n  # indented comment\nc@z\n";
        let got = people(text.as_bytes(), "f").map_err(|e| e.0);
        assert_eq!(got, Ok(vec![vec!["a@x", "b@y"], vec!["c@z"]]));
    }

    #[test]
    fn an_empty_address_names_its_line() {
        for bad in ["a@x\nb@y,,c@z\n", "a@x\nb@y,\n", "a@x\n , \n"] {
            let got = people(bad.as_bytes(), "f").map_err(|e| e.0);
            assert!(
                got.as_ref().is_err_and(|m| m.starts_with("f: line 2: ")),
                "{bad:?}: {got:?}"
            );
        }
    }

    #[test]
    fn text_must_be_utf8() {
        assert!(people(b"a@x\n\xff\n", "f").is_err());
    }
}
