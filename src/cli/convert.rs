//! `oscx convert`: between XML and the JSON form of the typed model.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::Error;
use crate::json::{Encoding, Envelope};
use crate::model::Document;
use crate::xml::{self, Declaration, WriteOptions};
use clap::ValueEnum;

use super::args::DeclarationArg;
use super::input::{display_name, read_input};
use super::replace::Staged;
use super::same_file::same_file;
use super::say::say;
use super::{Fatal, Outcome, write_stdout};

/// Flags of `oscx convert`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  \
    oscx convert fixtures/docs/friends.xml --to json\n  \
    oscx convert friends.json --to xml --output friends.xml\n  \
    oscx convert fixtures/docs/person-2013.utf16be.xml --to json --compact | oscx convert - --to xml --declaration utf-8")]
pub struct ConvertArgs {
    /// The document to convert: XML, or the JSON envelope (told apart by content: JSON
    /// starts with `{`); `-` reads standard input.
    pub file: PathBuf,
    /// What to write: `json`, the envelope with the typed document; or `xml`, the canonical
    /// form exactly as `oscx fmt` writes it.
    #[arg(long, value_enum, ignore_case = true, value_name = "FORMAT")]
    pub to: OutputKind,
    /// Write to this file instead of standard output (`-` is standard output).
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// JSON on one line; XML without indentation or line breaks between elements.
    #[arg(long)]
    pub compact: bool,
    /// With `--to xml`: the XML declaration to write. By default the envelope's `encoding`
    /// (or the XML input's), so UTF-16 stays UTF-16.
    #[arg(long, value_enum, ignore_case = true)]
    pub declaration: Option<DeclarationArg>,
}

/// `--to` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputKind {
    /// The JSON envelope, pretty unless `--compact`.
    Json,
    /// Canonical XML.
    Xml,
}

/// A document as it was read.
enum Input {
    Xml {
        document: Document,
        encoding: Encoding,
    },
    Json(Envelope),
}

pub fn run(args: &ConvertArgs) -> Result<Outcome, Fatal> {
    if args.declaration.is_some() && args.to == OutputKind::Json {
        return Err(Fatal("`--declaration` only applies with `--to xml`".into()));
    }
    if let Some(output) = &args.output {
        if output.as_os_str() != "-" && same_file(&args.file, output) {
            return Err(Fatal(format!(
                "`{}` is both the input and the output: write the output elsewhere",
                output.display()
            )));
        }
    }
    let name = display_name(&args.file);
    let bytes = read_input(&args.file)?;
    let converted = read(&bytes, &name).and_then(|input| write(input, args));
    match converted {
        Ok(output) => {
            write_output(args.output.as_deref(), &output)?;
            Ok(Outcome::Clean)
        }
        Err(e) => {
            report(&name, &e);
            Ok(Outcome::Findings)
        }
    }
}

fn read(bytes: &[u8], name: &str) -> Result<Input, Error> {
    if is_json(bytes) {
        return Envelope::from_json_slice(bytes).map(Input::Json);
    }
    let parsed = xml::read_bytes(bytes)?;
    for note in &parsed.notes {
        say(&format!("{name}: {}: {}", note.severity, note.message));
    }
    // Reading succeeded, so decoding does too; UTF-8 is only a fallback to stay total.
    let encoding = xml::decode::decode(bytes)
        .map(|d| Encoding::from(d.encoding))
        .unwrap_or_default();
    Ok(Input::Xml {
        document: parsed.document,
        encoding,
    })
}

/// JSON starts with `{` after whitespace (and perhaps a UTF-8 byte order mark); XML never
/// does, and a UTF-16 byte order mark is never JSON.
fn is_json(bytes: &[u8]) -> bool {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    body.iter()
        .find(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
        .is_some_and(|&b| b == b'{')
}

fn write(input: Input, args: &ConvertArgs) -> Result<Vec<u8>, Error> {
    match args.to {
        OutputKind::Json => {
            let envelope = match input {
                Input::Xml { document, encoding } => Envelope::new(document, encoding)?,
                // JSON to JSON keeps the envelope as stated, its generation included.
                Input::Json(envelope) => envelope,
            };
            let mut text = envelope.to_json_string(!args.compact)?;
            text.push('\n');
            Ok(text.into_bytes())
        }
        OutputKind::Xml => {
            let (document, encoding) = match input {
                Input::Xml { document, encoding } => (document, encoding),
                Input::Json(envelope) => envelope.into_parts(),
            };
            let declaration = match args.declaration {
                Some(DeclarationArg::Utf8) => Declaration::Utf8,
                Some(DeclarationArg::Utf16) => Declaration::Utf16,
                Some(DeclarationArg::None) => Declaration::None,
                None => encoding.declaration(),
            };
            let options = WriteOptions {
                declaration,
                pretty: !args.compact,
            };
            xml::write_bytes(&document, options)
        }
    }
}

/// `oscx: NAME:LINE:COL: message` for JSON and encoding errors, `oscx: NAME: message (at …)`
/// for the reader's own errors, whose message carries the position.
pub(super) fn report(name: &str, error: &Error) {
    match error {
        // Their message leaves the position out, so it is only given once.
        Error::Json { message, pos } | Error::Encoding { message, pos } => {
            say(&format!("{name}:{pos}: {message}"));
        }
        // The others say where themselves, as `oscx fmt` prints them.
        _ => say(&format!("{name}: {error}")),
    }
}

/// Writes the converted document to standard output, or whole to `path` (see
/// [`Staged`]: a failed write leaves the file as it was).
fn write_output(path: Option<&Path>, bytes: &[u8]) -> Result<(), Fatal> {
    match path {
        Some(path) if path.as_os_str() != "-" => Staged::output(path)
            .and_then(|mut staged| {
                staged.write_all(bytes)?;
                staged.commit()
            })
            .map_err(|e| {
                Fatal(format!(
                    "cannot write `{}` (left as it was): {e}",
                    path.display()
                ))
            }),
        _ => write_stdout(bytes),
    }
}
