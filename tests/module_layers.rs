//! The library's top-level modules form layers: no module reaches back to one that depends
//! on it. Read from the sources, so that a new `use crate::…` that closes a loop fails here
//! rather than in a review.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Each top-level module of `src/` and the top-level modules its non-test code names.
fn dependencies() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let modules: BTreeSet<String> = std::fs::read_dir(&src)
        .expect("src/ is readable")
        .filter_map(|entry| {
            let name = entry.ok()?.file_name().into_string().ok()?;
            let name = name.strip_suffix(".rs").unwrap_or(&name).to_owned();
            (name != "lib" && name != "main").then_some(name)
        })
        .collect();
    let mut deps: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for module in &modules {
        let mut files = Vec::new();
        let file = src.join(format!("{module}.rs"));
        if file.is_file() {
            files.push(file);
        }
        collect_rust_files(&src.join(module), &mut files);
        let used = deps.entry(module.clone()).or_default();
        for file in files {
            let text = std::fs::read_to_string(&file).expect("source is UTF-8");
            for other in named_modules(&non_test_code(&text)) {
                if other != *module && modules.contains(&other) {
                    used.insert(other);
                }
            }
        }
    }
    deps
}

fn collect_rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs")
            && path.file_name().is_some_and(|n| n != "tests.rs")
        {
            out.push(path);
        }
    }
}

/// The code before a file's test module, without comment lines (doc examples may use any
/// module, as users do).
fn non_test_code(text: &str) -> String {
    let code = text.split("#[cfg(test)]").next().unwrap_or_default();
    code.lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The modules a piece of code names as `crate::module`.
fn named_modules(code: &str) -> BTreeSet<String> {
    code.match_indices("crate::")
        .filter(|&(at, _)| {
            // `osc_schema::` from the binary's side would not be `crate::`; a `$crate::`
            // in a macro is the same crate.
            !code[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_')
        })
        .map(|(at, found)| {
            code[at + found.len()..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect()
        })
        .collect()
}

/// A loop of dependencies through `start`, if there is one.
fn cycle_through(deps: &BTreeMap<String, BTreeSet<String>>, start: &str) -> Option<Vec<String>> {
    fn walk(
        deps: &BTreeMap<String, BTreeSet<String>>,
        start: &str,
        path: &mut Vec<String>,
        seen: &mut BTreeSet<String>,
    ) -> bool {
        let Some(last) = path.last().cloned() else {
            return false;
        };
        for next in deps.get(&last).into_iter().flatten() {
            if next == start {
                path.push(next.clone());
                return true;
            }
            if seen.insert(next.clone()) {
                path.push(next.clone());
                if walk(deps, start, path, seen) {
                    return true;
                }
                path.pop();
            }
        }
        false
    }
    let mut path = vec![start.to_owned()];
    walk(deps, start, &mut path, &mut BTreeSet::new()).then_some(path)
}

#[test]
fn no_module_depends_on_itself_through_others() {
    let deps = dependencies();
    for core in [
        "xml", "xsd", "lint", "render", "check", "print", "markup", "text",
    ] {
        assert!(deps.contains_key(core), "no module `{core}` in src/");
    }
    let loops: Vec<String> = deps
        .keys()
        .filter_map(|module| cycle_through(&deps, module))
        .map(|path| path.join(" -> "))
        .collect();
    assert!(loops.is_empty(), "module loops:\n{}", loops.join("\n"));
}

#[test]
fn the_lowest_layers_name_no_other_module_of_the_pipeline() {
    let deps = dependencies();
    for low in ["markup", "text"] {
        let reaching: Vec<&String> = deps[low]
            .iter()
            .filter(|m| ["xml", "xsd", "lint", "render", "check", "print"].contains(&m.as_str()))
            .collect();
        assert!(reaching.is_empty(), "`{low}` uses {reaching:?}");
    }
}
