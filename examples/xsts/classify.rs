//! Our engine's verdicts on suite cases: a schema loaded or refused (as unsupported, naming
//! the construct, or as an invalid schema), an instance valid or invalid, and a crash or a
//! hang as verdicts of their own.
//!
//! The example and `tests/xsts_subset.rs` both classify through this module, so the test
//! holds the verdicts the measured run reports.
//!
//! Each case runs on a worker thread under `catch_unwind`, and the caller waits for it at
//! most [`Engine::deadline`]: a case that panics is a crash, one that does not answer in time
//! a hang. A hung worker cannot be stopped safely, so it is left behind and a new one takes
//! the remaining cases; the run goes on either way.

use std::cell::RefCell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Arc;
use std::sync::Once;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread;
use std::time::Duration;

use osc_schema::{Error, Validator};

/// Our verdict on a schema document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchemaVerdict {
    /// The schema loaded.
    Loaded,
    /// Refused as outside what we support; `construct` is the construct's name.
    Unsupported {
        /// The construct, normalised by [`construct_name`].
        construct: String,
        /// The loader's whole message.
        message: String,
    },
    /// Refused as not a correct schema (or not XML).
    Invalid {
        /// The loader's message.
        message: String,
    },
    /// Loading panicked.
    Crash {
        /// The panic's message and place.
        message: String,
    },
    /// Loading did not finish within the deadline.
    Hang,
    /// The file could not be read.
    Unreadable {
        /// The I/O error.
        message: String,
    },
}

impl SchemaVerdict {
    /// The word used in reports and in the TSV.
    pub fn word(&self) -> &'static str {
        match self {
            SchemaVerdict::Loaded => "loaded",
            SchemaVerdict::Unsupported { .. } => "unsupported",
            SchemaVerdict::Invalid { .. } => "invalid",
            SchemaVerdict::Crash { .. } => "crash",
            SchemaVerdict::Hang => "hang",
            SchemaVerdict::Unreadable { .. } => "unreadable",
        }
    }

    /// The construct of a refusal as unsupported, otherwise empty.
    pub fn construct(&self) -> &str {
        match self {
            SchemaVerdict::Unsupported { construct, .. } => construct,
            _ => "",
        }
    }

    /// What explains the verdict: the loader's message, the panic, the I/O error.
    pub fn detail(&self) -> &str {
        match self {
            SchemaVerdict::Unsupported { message, .. }
            | SchemaVerdict::Invalid { message }
            | SchemaVerdict::Crash { message }
            | SchemaVerdict::Unreadable { message } => message,
            SchemaVerdict::Loaded | SchemaVerdict::Hang => "",
        }
    }
}

/// Our verdict on an instance document, validated against a loaded schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InstanceVerdict {
    /// The report is valid.
    Valid,
    /// The report has errors; `message` is the first one, with its code and place.
    Invalid {
        /// The first error.
        message: String,
    },
    /// Validation panicked.
    Crash {
        /// The panic's message and place.
        message: String,
    },
    /// Validation did not finish within the deadline.
    Hang,
    /// The file could not be read.
    Unreadable {
        /// The I/O error.
        message: String,
    },
}

impl InstanceVerdict {
    /// The word used in reports and in the TSV.
    pub fn word(&self) -> &'static str {
        match self {
            InstanceVerdict::Valid => "valid",
            InstanceVerdict::Invalid { .. } => "invalid",
            InstanceVerdict::Crash { .. } => "crash",
            InstanceVerdict::Hang => "hang",
            InstanceVerdict::Unreadable { .. } => "unreadable",
        }
    }

    /// What explains the verdict: the first error, the panic, the I/O error.
    pub fn detail(&self) -> &str {
        match self {
            InstanceVerdict::Invalid { message }
            | InstanceVerdict::Crash { message }
            | InstanceVerdict::Unreadable { message } => message,
            InstanceVerdict::Valid | InstanceVerdict::Hang => "",
        }
    }
}

/// The name of a refused construct as the refusals table counts it: the loader's
/// `construct` without decoration (backticks, anything after the first space), so that
/// `xs:choice`, `elementFormDefault` and `xs:element/@nillable` each count as one row.
pub fn construct_name(raw: &str) -> String {
    let name = raw.trim().trim_matches('`');
    let name = name.split_whitespace().next().unwrap_or("");
    if name.is_empty() {
        "(unnamed)".to_string()
    } else {
        name.trim_matches('`').to_string()
    }
}

/// Classifies a load error: unsupported (by construct) or invalid.
pub fn refusal(error: &Error) -> SchemaVerdict {
    let message = one_line(&error.to_string());
    match error {
        Error::UnsupportedSchema { construct, .. } => SchemaVerdict::Unsupported {
            construct: construct_name(construct),
            message,
        },
        _ => SchemaVerdict::Invalid { message },
    }
}

/// Classifies a validation report.
pub fn instance_verdict(report: &osc_schema::Report) -> InstanceVerdict {
    if report.is_valid() {
        return InstanceVerdict::Valid;
    }
    let message = match report.errors().next() {
        Some(d) => format!(
            "{} at {}:{} {}: {}",
            d.code, d.location.line, d.location.column, d.location.path, d.message
        ),
        None => "invalid (no error listed)".to_string(),
    };
    InstanceVerdict::Invalid {
        message: one_line(&message),
    }
}

/// What the worker says after each case.
enum Step {
    Schema(SchemaVerdict),
    Instance(InstanceVerdict),
}

/// A group's documents, as sent to the worker.
struct Job {
    schema: Arc<[u8]>,
    instances: Vec<Arc<[u8]>>,
}

/// A worker thread and its channels.
struct Worker {
    jobs: Sender<Job>,
    steps: Receiver<Step>,
}

/// The name of worker threads; the panic hook stays quiet for them, since a panic there is
/// caught and reported as a crash.
const WORKER: &str = "xsts-case";

thread_local! {
    /// Where the last panic on this thread happened, noted by the panic hook.
    static PANIC_PLACE: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// What a case does: how a schema is loaded into a validator (or refused, with the
/// verdict), and how an instance is judged by it. [`CASES`] is our engine; the harness's
/// own tests give cases that panic or never end, to show that the guard holds.
#[derive(Clone, Copy)]
pub struct Cases {
    /// Loads a schema document.
    pub load: fn(&[u8]) -> Result<Validator, SchemaVerdict>,
    /// Validates an instance document.
    pub validate: fn(&Validator, &[u8]) -> InstanceVerdict,
}

/// Our engine: `xsd::load`, then `Validator::validate_bytes`.
pub const CASES: Cases = Cases {
    load: load_schema,
    validate: validate_instance,
};

fn load_schema(bytes: &[u8]) -> Result<Validator, SchemaVerdict> {
    osc_schema::xsd::load(bytes)
        .map(Validator::from_schema)
        .map_err(|e| refusal(&e))
}

fn validate_instance(validator: &Validator, bytes: &[u8]) -> InstanceVerdict {
    instance_verdict(&validator.validate_bytes(bytes))
}

/// Runs groups of cases through our engine, each case under a deadline.
pub struct Engine {
    /// How long one case (a schema's load, an instance's validation) may take.
    pub deadline: Duration,
    cases: Cases,
    worker: Option<Worker>,
}

/// The verdicts on one group: the schema's, then one per instance (`None` when the schema
/// did not load, so the instance was not run).
#[derive(Debug, Clone)]
pub struct GroupVerdicts {
    /// Our verdict on the schema.
    pub schema: SchemaVerdict,
    /// Our verdict on each instance, in order.
    pub instances: Vec<Option<InstanceVerdict>>,
}

impl Engine {
    /// An engine giving each case `deadline`.
    pub fn new(deadline: Duration) -> Self {
        Self::with_cases(deadline, CASES)
    }

    /// An engine running `cases` instead of ours.
    pub fn with_cases(deadline: Duration, cases: Cases) -> Self {
        quiet_panics_on_workers();
        Engine {
            deadline,
            cases,
            worker: None,
        }
    }

    /// Loads `schema` and, when it loads, validates each instance against it. An instance
    /// that could not be read is given as its I/O error.
    pub fn run_group(
        &mut self,
        schema: Arc<[u8]>,
        instances: &[Result<Arc<[u8]>, String>],
    ) -> GroupVerdicts {
        let mut verdicts: Vec<Option<InstanceVerdict>> = vec![None; instances.len()];
        // The instances still to run, by index; after a hang the rest go to a new worker.
        let mut pending: Vec<usize> = Vec::new();
        for (i, instance) in instances.iter().enumerate() {
            match instance {
                Ok(_) => pending.push(i),
                Err(message) => {
                    verdicts[i] = Some(InstanceVerdict::Unreadable {
                        message: message.clone(),
                    });
                }
            }
        }
        let mut schema_verdict = None;
        loop {
            let job = Job {
                schema: schema.clone(),
                instances: pending
                    .iter()
                    .filter_map(|&i| instances[i].as_ref().ok().cloned())
                    .collect(),
            };
            let worker = self.worker();
            if worker.jobs.send(job).is_err() {
                // The worker is gone (it cannot be, as it catches panics); start another.
                self.worker = None;
                continue;
            }
            let first = self.wait();
            let loaded = match first {
                Some(Step::Schema(verdict)) => {
                    let loaded = verdict == SchemaVerdict::Loaded;
                    schema_verdict.get_or_insert(verdict);
                    loaded
                }
                _ => {
                    schema_verdict.get_or_insert(SchemaVerdict::Hang);
                    false
                }
            };
            if !loaded {
                // Without a schema the instances are not run: they stay `None`, and unreadable
                // ones keep their note.
                break;
            }
            let mut hung_at = None;
            for (k, &i) in pending.iter().enumerate() {
                match self.wait() {
                    Some(Step::Instance(verdict)) => verdicts[i] = Some(verdict),
                    _ => {
                        verdicts[i] = Some(InstanceVerdict::Hang);
                        hung_at = Some(k);
                        break;
                    }
                }
            }
            match hung_at {
                Some(k) if k + 1 < pending.len() => pending = pending.split_off(k + 1),
                _ => break,
            }
        }
        GroupVerdicts {
            schema: schema_verdict.unwrap_or(SchemaVerdict::Hang),
            instances: verdicts,
        }
    }

    /// The next step of the worker, or `None` when it did not come within the deadline, in
    /// which case the worker is abandoned.
    fn wait(&mut self) -> Option<Step> {
        let worker = self.worker.as_ref()?;
        match worker.steps.recv_timeout(self.deadline) {
            Ok(step) => Some(step),
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => {
                self.worker = None;
                None
            }
        }
    }

    fn worker(&mut self) -> &Worker {
        let cases = self.cases;
        self.worker.get_or_insert_with(|| spawn_worker(cases))
    }
}

/// Starts a worker: for each job, loads the schema and validates the instances, each under
/// `catch_unwind`, sending one step per case.
fn spawn_worker(cases: Cases) -> Worker {
    let (jobs, job_rx) = mpsc::channel::<Job>();
    let (step_tx, steps) = mpsc::channel::<Step>();
    thread::Builder::new()
        .name(WORKER.into())
        // Deeply nested schemas and documents recurse in places; a large stack keeps them
        // from overflowing, which would abort the whole run rather than one case.
        .stack_size(256 << 20)
        .spawn(move || {
            for job in job_rx {
                let (verdict, validator) = match caught(|| (cases.load)(&job.schema)) {
                    Ok(Ok(validator)) => (SchemaVerdict::Loaded, Some(validator)),
                    Ok(Err(refused)) => (refused, None),
                    Err(message) => (SchemaVerdict::Crash { message }, None),
                };
                if step_tx.send(Step::Schema(verdict)).is_err() {
                    return;
                }
                let Some(validator) = validator else { continue };
                for instance in &job.instances {
                    let verdict = match caught(|| (cases.validate)(&validator, instance)) {
                        Ok(verdict) => verdict,
                        Err(message) => InstanceVerdict::Crash { message },
                    };
                    if step_tx.send(Step::Instance(verdict)).is_err() {
                        return;
                    }
                }
            }
        })
        .expect("a thread can be started");
    Worker { jobs, steps }
}

/// Runs `f`, turning a panic into its message and place.
fn caught<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    panic::catch_unwind(AssertUnwindSafe(f)).map_err(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic with a non-text payload".to_string());
        match PANIC_PLACE.with(|p| p.borrow_mut().take()) {
            Some(place) => one_line(&format!("{message} at {place}")),
            None => one_line(&message),
        }
    })
}

/// Keeps the default panic message for every thread but the workers, whose panics are
/// caught and reported; notes the place of a worker's panic for its report.
fn quiet_panics_on_workers() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let default = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if thread::current().name() == Some(WORKER) {
                let place = info.location().map(ToString::to_string);
                PANIC_PLACE.with(|p| *p.borrow_mut() = place);
            } else {
                default(info);
            }
        }));
    });
}

/// `text` on one line, for TSV cells and list items.
pub fn one_line(text: &str) -> String {
    text.split(['\n', '\r', '\t'])
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}
