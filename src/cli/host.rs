//! `oscx host --dll`: the simulated OSC host driving a provider DLL through its COM
//! interfaces, with the calling sequences, checks and report of the in-process host.
//!
//! The DLL is loaded into this process, so this needs Windows (or the Windows build of
//! `oscx` under Wine) and the `com` feature; elsewhere the command says so and exits 2.

use std::path::PathBuf;

use crate::provider::Guid;
use crate::provider::host::{ConformanceReport, HostOptions, report};
use crate::xs::XsDateTime;
use clap::ValueEnum;

use super::{Fatal, Outcome, write_stdout};

/// Flags of `oscx host`.
#[derive(Debug, clap::Args)]
#[command(after_help = HOST_EXAMPLES)]
#[command(group(clap::ArgGroup::new("class").required(true).args(["progid", "clsid"])))]
pub struct HostArgs {
    /// The provider: a DLL that is an in-process COM server (any language), of the same
    /// bitness as this oscx.
    #[arg(long, value_name = "PATH")]
    pub dll: PathBuf,
    /// The provider's ProgID, looked up in the registry (the DLL must be registered).
    #[arg(long, value_name = "NAME")]
    pub progid: Option<String>,
    /// The provider's class ID, with or without braces: nothing needs to be registered.
    #[arg(long, value_name = "GUID", value_parser = parse_clsid)]
    pub clsid: Option<Guid>,
    /// `human`: one line per step, then the findings; `json`: one JSON object per step per
    /// line, as `oscx validate --format json` writes files (the summary on standard error).
    #[arg(long, value_enum, ignore_case = true, default_value_t = HostFormat::Human)]
    pub format: HostFormat,
    #[command(flatten)]
    pub passed_in: PassedIn,
}

/// What the host passes to the provider, and whom it asks about.
#[derive(Debug, clap::Args)]
pub struct PassedIn {
    /// The user name for `Logon` and `LogonCached`.
    #[arg(long, value_name = "NAME")]
    pub user: Option<String>,
    /// The password for `Logon` and `LogonCached`.
    #[arg(long, value_name = "TEXT")]
    pub password: Option<String>,
    /// A person to look up on demand, as their addresses separated by commas (repeatable)
    /// [default: the friends' addresses].
    #[arg(long, value_name = "ADDRESSES", value_parser = parse_addresses)]
    pub person: Vec<Addresses>,
    /// The addresses of a network user to follow, the primary one first, separated by
    /// commas [default: follow only someone unknown].
    #[arg(long, value_name = "ADDRESSES", value_parser = parse_addresses)]
    pub follow: Option<Addresses>,
    /// The display name passed with `--follow`.
    #[arg(long, value_name = "NAME")]
    pub follow_name: Option<String>,
    /// The user ID of a friend to stop following [default: stop following only someone
    /// unknown].
    #[arg(long, value_name = "USERID")]
    pub unfollow: Option<String>,
    /// The site URL to set on sessions [default: the first of `DefaultSiteUrls`].
    #[arg(long, value_name = "URL")]
    pub site_url: Option<String>,
    /// `Load`'s interface version [default: 15.0000, Outlook 2013's].
    #[arg(long, value_name = "X.XXXX")]
    pub interface_version: Option<String>,
    /// `Load`'s language tag [default: en-US].
    #[arg(long, value_name = "TAG")]
    pub language: Option<String>,
    /// `GetActivitiesEx`'s start time, an xs:dateTime [default: 2000-01-01T00:00:00Z].
    #[arg(long, value_name = "DATETIME", value_parser = parse_date_time)]
    pub start_time: Option<XsDateTime>,
}

/// One person's addresses, from a comma-separated list.
#[derive(Debug, Clone)]
pub struct Addresses(Vec<String>);

/// `--format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HostFormat {
    /// The steps' table and the findings, as the in-process host prints them.
    Human,
    /// One JSON object per step per line.
    Json,
}

const HOST_EXAMPLES: &str = "\
Examples:
  oscx host --dll contoso_dll.dll --clsid '{8f4e2b6a-1c3d-4e5f-a607-b8c9d0e1f203}'
  oscx host --dll contoso_dll.dll --progid Contoso.SocialProvider --user mia --password secret
  wine oscx.exe host --dll contoso_dll.dll --progid Contoso.SocialProvider --format json

Needs Windows, or the Windows build of oscx under Wine, and the `com` feature.
Exit codes: 0 every step passed; 1 a step failed; 2 usage error, or the DLL gave no provider.";

fn parse_clsid(text: &str) -> Result<Guid, String> {
    Guid::parse(text).ok_or_else(|| {
        "expected a class ID, XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX (hex digits, braces allowed)"
            .to_owned()
    })
}

fn parse_addresses(text: &str) -> Result<Addresses, String> {
    let addresses: Vec<String> = text
        .split(',')
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(str::to_owned)
        .collect();
    if addresses.is_empty() {
        return Err("expected one or more addresses, separated by commas".to_owned());
    }
    Ok(Addresses(addresses))
}

fn parse_date_time(text: &str) -> Result<XsDateTime, String> {
    XsDateTime::parse(text).map_err(|e| e.to_string())
}

impl PassedIn {
    /// The host's options: these flags over the defaults.
    fn options(&self) -> HostOptions {
        let mut options = HostOptions::default();
        let set = |field: &mut String, value: &Option<String>| {
            if let Some(value) = value {
                field.clone_from(value);
            }
        };
        set(&mut options.user_name, &self.user);
        set(&mut options.password, &self.password);
        set(&mut options.follow_display_name, &self.follow_name);
        set(&mut options.interface_version, &self.interface_version);
        set(&mut options.language, &self.language);
        options.people = self.person.iter().map(|p| p.0.clone()).collect();
        if let Some(follow) = &self.follow {
            options.follow.clone_from(&follow.0);
        }
        options.unfollow.clone_from(&self.unfollow);
        options.site_url.clone_from(&self.site_url);
        if let Some(start) = &self.start_time {
            options.start_time = start.clone();
        }
        options
    }
}

pub fn run(args: &HostArgs) -> Result<Outcome, Fatal> {
    let report = drive(args, &args.passed_in.options())?;
    match args.format {
        HostFormat::Human => write_stdout(report::text(&report, false).as_bytes())?,
        HostFormat::Json => {
            let lines: String = report
                .to_file_reports()
                .iter()
                .map(crate::print::json::line)
                .collect();
            write_stdout(lines.as_bytes())?;
            eprintln!("{}", report::summary(&report));
        }
    }
    Ok(if report.passed() {
        Outcome::Clean
    } else {
        Outcome::Findings
    })
}

/// Loads the DLL and runs the host against the provider it makes.
#[cfg(all(windows, feature = "com"))]
fn drive(args: &HostArgs, options: &HostOptions) -> Result<ConformanceReport, Fatal> {
    use crate::com::inproc::{self, ProviderClass};

    let class = match (&args.progid, args.clsid) {
        (Some(prog_id), _) => ProviderClass::ProgId(prog_id),
        (None, Some(clsid)) => ProviderClass::Clsid(clsid),
        (None, None) => return Err(Fatal("give the provider's --progid or --clsid".into())),
    };
    let provider = inproc::load(&args.dll, class)
        .map_err(|e| Fatal(format!("{}: {e}", args.dll.display())))?;
    Ok(crate::provider::host::run(&provider, options))
}

/// Says what this build lacks to load a DLL.
#[cfg(not(all(windows, feature = "com")))]
fn drive(_: &HostArgs, _: &HostOptions) -> Result<ConformanceReport, Fatal> {
    let mut needs = Vec::new();
    if !cfg!(feature = "com") {
        needs.push("the `com` feature (build it with `--features com`)");
    }
    if !cfg!(windows) {
        needs.push(
            "Windows, or the Windows build of oscx run under Wine (`cargo build --target \
             x86_64-pc-windows-gnu --features com`, then `wine oscx.exe host --dll …`)",
        );
    }
    Err(Fatal(format!(
        "host --dll loads the provider DLL into this process, which needs {}",
        needs.join(" and ")
    )))
}
