//! Checks a SARIF log against the SARIF 2.1.0 JSON schema kept in `tests/data/`.
//!
//! The schema is compiled once per test binary, with no loader for outside documents: its
//! `$ref`s all point inside the file, and the draft-07 meta-schema it names is built into
//! `boon`, so nothing is fetched. Formats (`uri`, `uri-reference`, `date-time`, ...) are
//! asserted, as boon does for draft 7; the compiler is told so explicitly, since the draft
//! itself leaves it to the validator.

use std::sync::OnceLock;

use boon::{Compiler, Draft, SchemaIndex, Schemas, SchemeUrlLoader, ValidationError};
use serde_json::Value;

/// The schema's own `$id`, under which it is registered with the compiler.
pub const SCHEMA_ID: &str = "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json";

/// The schema text, as vendored.
pub const SCHEMA_TEXT: &str = include_str!("../data/sarif-schema-2.1.0.json");

fn compiled() -> &'static (Schemas, SchemaIndex) {
    static COMPILED: OnceLock<(Schemas, SchemaIndex)> = OnceLock::new();
    COMPILED.get_or_init(|| {
        let schema: Value =
            serde_json::from_str(SCHEMA_TEXT).expect("the vendored SARIF schema is JSON");
        assert_eq!(
            schema["$id"], SCHEMA_ID,
            "the vendored SARIF schema has another $id"
        );
        let mut compiler = Compiler::new();
        // A loader that knows no URL scheme: any reference outside the file fails to compile
        // instead of being looked up on disk or over the network.
        compiler.use_loader(Box::new(SchemeUrlLoader::new()));
        compiler.set_default_draft(Draft::V7);
        compiler.enable_format_assertions();
        compiler
            .add_resource(SCHEMA_ID, schema)
            .expect("the SARIF schema $id is an absolute URL");
        let mut schemas = Schemas::new();
        let index = compiler
            .compile(SCHEMA_ID, &mut schemas)
            .unwrap_or_else(|e| panic!("the vendored SARIF schema does not compile: {e}"));
        (schemas, index)
    })
}

/// Validates `log` against the SARIF 2.1.0 schema and returns one line per violation, empty
/// when the log is valid.
///
/// Each line reads `at '<JSON pointer into the log>': <message> (schema <keyword location>)`;
/// the pointer of the log's root is the empty string. Only the innermost failures are listed,
/// not the `$ref`s and groups that led to them.
pub fn schema_errors(log: &Value) -> Vec<String> {
    let (schemas, index) = compiled();
    match schemas.validate(log, *index) {
        Ok(()) => Vec::new(),
        Err(error) => {
            let mut lines = Vec::new();
            collect_leaves(&error, &mut lines);
            lines
        }
    }
}

fn collect_leaves(error: &ValidationError<'_, '_>, lines: &mut Vec<String>) {
    if error.causes.is_empty() {
        lines.push(format!(
            "at '{}': {} (schema {})",
            error.instance_location,
            error.kind,
            keyword_location(error)
        ));
    } else {
        for cause in &error.causes {
            collect_leaves(cause, lines);
        }
    }
}

/// The failing keyword as a fragment of the schema file, e.g.
/// `#/definitions/result/properties/level/enum`.
fn keyword_location(error: &ValidationError<'_, '_>) -> String {
    let mut location = match error.schema_url.split_once('#') {
        Some((_, fragment)) => format!("#{fragment}"),
        None => "#".to_owned(),
    };
    if let Some(path) = error.kind.keyword_path() {
        // boon names this keyword in the singular; the schema spells it in the plural.
        let keyword = match path.keyword {
            "additionalProperty" => "additionalProperties",
            keyword => keyword,
        };
        location.push('/');
        location.push_str(keyword);
        if let Some(token) = path.token {
            location.push('/');
            location.push_str(&token.to_string());
        }
    }
    location
}
