//! `oscx.toml`: project settings, resolved per file. Each file is configured by the nearest
//! `oscx.toml` above it (or the one named by `--config`; see [`super::configs`]). Flags on the
//! command line win over the file.
//!
//! ```toml
//! target = "2013"                 # 1.0, 1.1 or 2013
//! fail-on = "warning"             # error, warning or info
//! exclude = ["build/", "*.generated.xml"]  # files directory walks leave out
//!
//! [rules]                         # allow, warn or deny, by rule ID or advice code
//! OSC012 = "deny"
//! "xml::encoding-mismatch" = "allow"
//!
//! [methods]                       # the method a file answers, by glob
//! "captures/people/*.xml" = "GetPeopleDetails"
//!
//! [[overrides]]                   # settings for some files, applied in order
//! files = "legacy/**/*.xml"
//! target = "1.1"
//! rules = { OSC010 = "allow" }
//! ```
//!
//! Globs, and `exclude`'s gitignore-style patterns, are relative to the directory holding
//! `oscx.toml`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::Target;
use crate::lint::{Level, Method};
use ignore::gitignore::{Gitignore, GitignoreBuilder};
use serde::{Deserialize, Serialize};

use super::Fatal;
use super::glob::Glob;
use super::paths::absolute;

/// The file's name.
pub const FILE_NAME: &str = "oscx.toml";

/// The least severity that fails a run when neither `--fail-on` nor `fail-on` says.
pub const DEFAULT_FAIL_ON: &str = "error";

/// The file as written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Settings {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fail_on: Option<String>,
    /// Gitignore-style patterns of files and directories that directory walks leave out.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclude: Vec<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub rules: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub methods: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub overrides: Vec<Override>,
}

/// Settings for the files a glob matches.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Override {
    pub files: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub rules: BTreeMap<String, String>,
}

/// A loaded configuration: where it came from, and its settings checked.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The file, `None` when there is none.
    pub path: Option<PathBuf>,
    pub settings: Settings,
    /// The directory globs are relative to.
    base: PathBuf,
    methods: Vec<(Glob, Method)>,
    overrides: Vec<(Glob, Override)>,
    /// `exclude`, compiled; `None` when there is none.
    exclude: Option<Gitignore>,
}

/// What the configuration says about one file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ForFile {
    pub target: Option<Target>,
    pub method: Option<Method>,
    /// Rule levels in the order they apply (later ones win).
    pub levels: Vec<(String, Level)>,
}

impl Config {
    /// Reads and checks the file at `path`.
    pub fn load(path: &Path) -> Result<Config, Fatal> {
        let bytes = super::input::read_input(path)?;
        let text =
            String::from_utf8(bytes).map_err(|e| Fatal(format!("`{}`: {e}", path.display())))?;
        Config::parse(&text, path)
    }

    /// Reads and checks the settings of the file at `path`.
    pub fn parse(text: &str, path: &Path) -> Result<Config, Fatal> {
        let shown = path.display();
        let settings: Settings =
            toml::from_str(text).map_err(|e| Fatal(format!("`{shown}`: {e}")))?;
        let bad = |what: String| Fatal(format!("`{shown}`: {what}"));
        if let Some(t) = &settings.target {
            t.parse::<Target>().map_err(bad)?;
        }
        if let Some(f) = &settings.fail_on {
            if !matches!(f.as_str(), "error" | "warning" | "info") {
                return Err(bad(format!(
                    "fail-on `{f}`: expected error, warning or info"
                )));
            }
        }
        check_rules(&settings.rules).map_err(bad)?;
        let mut methods = Vec::new();
        for (pattern, method) in &settings.methods {
            methods.push((
                Glob::new(pattern).map_err(bad)?,
                method.parse().map_err(bad)?,
            ));
        }
        let mut overrides = Vec::new();
        for o in &settings.overrides {
            if let Some(t) = &o.target {
                t.parse::<Target>().map_err(bad)?;
            }
            if let Some(m) = &o.method {
                m.parse::<Method>().map_err(bad)?;
            }
            check_rules(&o.rules).map_err(bad)?;
            overrides.push((Glob::new(&o.files).map_err(bad)?, o.clone()));
        }
        let base = absolute(path.parent().unwrap_or(Path::new("")));
        let exclude = compile_excludes(&base, &settings.exclude).map_err(bad)?;
        Ok(Config {
            path: Some(path.to_owned()),
            settings,
            base,
            methods,
            overrides,
            exclude,
        })
    }

    /// Whether the settings differ from file to file (there are `methods` or `overrides`);
    /// when not, [`Config::for_file`] says the same for every file.
    pub fn varies_by_file(&self) -> bool {
        !self.methods.is_empty() || !self.overrides.is_empty()
    }

    /// The settings for `file` (as named on the command line).
    pub fn for_file(&self, file: &Path) -> ForFile {
        let relative = absolute(file)
            .strip_prefix(&self.base)
            .map_or_else(|_| file.to_owned(), Path::to_owned);
        let relative = relative.to_string_lossy().replace('\\', "/");
        let mut out = ForFile {
            target: self.settings.target.as_deref().and_then(|t| t.parse().ok()),
            method: None,
            levels: levels(&self.settings.rules),
        };
        if let Some((_, method)) = self
            .methods
            .iter()
            .find(|(glob, _)| glob.matches(&relative))
        {
            out.method = Some(*method);
        }
        for (glob, o) in &self.overrides {
            if !glob.matches(&relative) {
                continue;
            }
            if let Some(t) = o.target.as_deref().and_then(|t| t.parse().ok()) {
                out.target = Some(t);
            }
            if let Some(m) = o.method.as_deref().and_then(|m| m.parse().ok()) {
                out.method = Some(m);
            }
            out.levels.extend(levels(&o.rules));
        }
        out
    }

    /// Whether `exclude` leaves out the file or directory at `path` (absolute, as
    /// [`absolute`] makes it).
    pub fn excludes(&self, path: &Path, is_dir: bool) -> bool {
        self.exclude
            .as_ref()
            .is_some_and(|exclude| exclude.matched(path, is_dir).is_ignore())
    }

    /// Whether `exclude` has any pattern: a walk works out an entry's absolute path only
    /// when something may match it.
    pub fn excludes_any(&self) -> bool {
        self.exclude.is_some()
    }

    /// The configuration as `oscx config --show` prints it.
    pub fn show(&self) -> String {
        match &self.path {
            Some(path) => {
                let body = toml::to_string(&self.settings).unwrap_or_default();
                format!("# {}\n{body}", path.display())
            }
            None => {
                let defaults = Settings {
                    fail_on: Some(DEFAULT_FAIL_ON.to_owned()),
                    ..Settings::default()
                };
                let body = toml::to_string(&defaults).unwrap_or_default();
                format!(
                    "# no {FILE_NAME} here or above (up to the repository's root): the defaults\n\
                     {body}\
                     # target: none; each document's namespace decides its generation\n\
                     # exclude: none; walks leave out what .gitignore and .ignore files list\n\
                     # rules: each at its own level; `oscx rules` lists them\n"
                )
            }
        }
    }
}

/// `patterns` compiled as the lines of a `.gitignore` in `base`; `None` when there are none.
pub fn compile_excludes(base: &Path, patterns: &[String]) -> Result<Option<Gitignore>, String> {
    if patterns.is_empty() {
        return Ok(None);
    }
    let mut builder = GitignoreBuilder::new(base);
    for pattern in patterns {
        builder
            .add_line(None, pattern)
            .map_err(|_| format!("exclude `{pattern}`: not a gitignore-style pattern"))?;
    }
    builder
        .build()
        .map(Some)
        .map_err(|e| format!("exclude: {e}"))
}

fn check_rules(rules: &BTreeMap<String, String>) -> Result<(), String> {
    for (id, level) in rules {
        super::levels::allowable(id)?;
        level.parse::<Level>()?;
    }
    Ok(())
}

/// The levels of `[rules]`, by rule ID or advice code.
fn levels(rules: &BTreeMap<String, String>) -> Vec<(String, Level)> {
    rules
        .iter()
        .filter_map(|(id, level)| {
            let meant = super::levels::allowable(id).ok()?;
            Some((meant.code().to_owned(), level.parse().ok()?))
        })
        .collect()
}
