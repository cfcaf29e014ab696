//! Which `oscx.toml` configures each file: the one given with `--config`, else the nearest
//! one in the file's directory or above it, up to the root of the repository the file is in
//! (or the file system's root outside one). Files under different configurations in one run
//! each get their own settings.
//!
//! Each directory is looked up once per run, and each file read once: a walk of thousands
//! of files asks for the configuration of every one.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use super::Fatal;
use super::config::{Config, FILE_NAME};
use super::paths::{absolute, absolute_in};
use super::repository;

/// The configurations of a run, found as files ask for them. Clones share what was found.
#[derive(Debug, Clone)]
pub struct Configs(Arc<Mutex<Found>>);

#[derive(Debug)]
struct Found {
    /// The working directory, absolute: relative paths are looked up from it.
    cwd: PathBuf,
    /// The configuration of every file (`--config`), when one is given.
    explicit: Option<Arc<Config>>,
    /// What applies where no `oscx.toml` is found.
    defaults: Arc<Config>,
    /// The configuration of each directory looked up so far, by its absolute path.
    by_dir: HashMap<PathBuf, Arc<Config>>,
    /// The directory asked for last, as it was given, and its configuration: files come
    /// directory by directory, and most questions are the one just answered.
    last: Option<(PathBuf, Arc<Config>)>,
}

impl Configs {
    /// The configurations of a run; `explicit` (`--config FILE`), read now, configures
    /// every file.
    pub fn new(explicit: Option<&Path>) -> Result<Configs, Fatal> {
        let explicit = match explicit {
            Some(path) => Some(Arc::new(Config::load(path)?)),
            None => None,
        };
        let cwd =
            std::env::current_dir().map_err(|e| Fatal(format!("no working directory: {e}")))?;
        Ok(Configs(Arc::new(Mutex::new(Found {
            cwd: absolute(&cwd),
            explicit,
            defaults: Arc::new(Config::default()),
            by_dir: HashMap::new(),
            last: None,
        }))))
    }

    /// The configuration of the working directory: of standard input, and of the run's own
    /// settings (`fail-on`).
    pub fn here(&self) -> Result<Arc<Config>, Fatal> {
        let cwd = self
            .0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .cwd
            .clone();
        self.of_dir(&cwd)
    }

    /// The configuration of the file at `path`: that of its directory.
    pub fn of_file(&self, path: &Path) -> Result<Arc<Config>, Fatal> {
        // A path that ends in a name is in its parent as given, made absolute or not: the
        // directory asked for last is then known by the text alone.
        if path.file_name().is_some() {
            return self.of_dir(path.parent().unwrap_or(Path::new("")));
        }
        let cwd = self
            .0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .cwd
            .clone();
        let path = absolute_in(&cwd, path);
        self.of_dir(path.parent().unwrap_or(&path))
    }

    /// The configuration of the files in `dir`.
    pub fn of_dir(&self, dir: &Path) -> Result<Arc<Config>, Fatal> {
        let mut found = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(explicit) = &found.explicit {
            return Ok(explicit.clone());
        }
        if let Some((last, config)) = &found.last
            && last.as_os_str() == dir.as_os_str()
        {
            return Ok(config.clone());
        }
        let given = dir;
        let dir = absolute_in(&found.cwd, dir);
        let mut asked = Vec::new();
        let mut config = found.defaults.clone();
        for candidate in dir.ancestors() {
            if let Some(known) = found.by_dir.get(candidate) {
                config = known.clone();
                break;
            }
            asked.push(candidate.to_owned());
            let file = candidate.join(FILE_NAME);
            if file.is_file() {
                config = Arc::new(Config::load(&file)?);
                break;
            }
            if repository::is_root(candidate) {
                break;
            }
        }
        for dir in asked {
            found.by_dir.insert(dir, config.clone());
        }
        found.last = Some((given.to_owned(), config.clone()));
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_file_above_configures_and_a_repository_root_stops_the_search() {
        let root = std::env::temp_dir().join(format!("oscx-configs-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        for dir in ["a/b/c", "repo/.git", "repo/sub"] {
            std::fs::create_dir_all(root.join(dir)).expect("mkdir");
        }
        std::fs::write(root.join(FILE_NAME), "target = \"1.0\"\n").expect("write");
        std::fs::write(root.join("a/b").join(FILE_NAME), "target = \"1.1\"\n").expect("write");
        let configs = Configs::new(None).expect("no file to read yet");
        let target = |dir: &str| {
            let config = configs.of_dir(&root.join(dir)).expect("reads");
            config.settings.target.clone()
        };
        assert_eq!(target("a/b/c").as_deref(), Some("1.1"));
        assert_eq!(target("a/b").as_deref(), Some("1.1"));
        assert_eq!(target("a").as_deref(), Some("1.0"));
        assert_eq!(target("a/b/../x").as_deref(), Some("1.0"));
        // The repository's own files only: the one above its root is not read.
        assert_eq!(target("repo/sub"), None);

        // Files are known by their directory as given, asked for again and again or in turn.
        let of_file = |file: &str| {
            let config = configs.of_file(&root.join(file)).expect("reads");
            config.settings.target.clone()
        };
        for _ in 0..2 {
            assert_eq!(of_file("a/b/c/x.xml").as_deref(), Some("1.1"));
            assert_eq!(of_file("a/b/c/y.xml").as_deref(), Some("1.1"));
            assert_eq!(of_file("a/x.xml").as_deref(), Some("1.0"));
            assert_eq!(of_file("a/b/c/../../x.xml").as_deref(), Some("1.0"));
            assert_eq!(of_file("repo/sub/x.xml"), None);
        }
        let _ = std::fs::remove_dir_all(&root);
    }
}
