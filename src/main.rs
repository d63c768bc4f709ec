//! The `partner-center-mock` binary: reads its flags, loads the seed, binds and serves; or, with
//! a subcommand, records a real Partner Center through a proxy, or verifies the mock against
//! such recordings.

use clap::{Parser, Subcommand};
use partner_center_mock::namespace::bounds;
use partner_center_mock::record::{RecordOptions, Recorder};
use partner_center_mock::settings::{Settings, SettingsDocument};
use partner_center_mock::{MockPartnerCenter, Seed, persistence};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use tokio::net::TcpListener;

/// An offline, stateful fake of the Microsoft Partner Center REST API.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// With no subcommand: serve the mock.
    #[command(flatten)]
    serve: Args,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Sends every /v1 request on to a real Partner Center and records each exchange.
    Record(RecordArgs),
    /// Replays recorded exchanges on a fresh mock and reports where its answers differ.
    Verify(VerifyArgs),
}

/// The verifier's flags.
#[derive(Debug, clap::Args)]
struct VerifyArgs {
    /// The folder of recorded exchanges.
    dir: PathBuf,
    /// Also write the report as JUnit XML to this file.
    #[arg(long, value_name = "FILE")]
    junit: Option<PathBuf>,
}

/// The recording proxy's flags.
#[derive(Debug, clap::Args)]
struct RecordArgs {
    /// The Partner Center to send requests to, such as https://api.partnercenter.microsoft.com.
    #[arg(long)]
    upstream: String,
    /// The folder to write the recordings to; made when missing.
    #[arg(long)]
    out: PathBuf,
    /// The address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    host: String,
    /// The port to listen on; 0 picks any free port.
    #[arg(long, default_value_t = 8080)]
    port: u16,
    /// A dotted body path to redact, such as companyProfile.email (repeatable).
    #[arg(long, value_name = "JSONPATH")]
    redact: Vec<String>,
    /// Replace names, e-mail addresses, phone numbers and street addresses with stand-ins.
    #[arg(long)]
    scrub: bool,
}

/// The mock's flags.
#[derive(Debug, clap::Args)]
struct Args {
    /// The address to listen on.
    #[arg(long, env = "PCMOCK_HOST", default_value = "127.0.0.1")]
    host: String,
    /// The port to listen on; 0 picks any free port.
    #[arg(long, env = "PCMOCK_PORT", default_value_t = 8080)]
    port: u16,
    /// A seed document to serve instead of the built-in data set.
    #[arg(long, env = "PCMOCK_SEED", conflicts_with = "no_seed")]
    seed: Option<PathBuf>,
    /// Start with no customers.
    #[arg(long)]
    no_seed: bool,
    /// How many requests each namespace's journal keeps; 0 turns it off.
    #[arg(long, env = "PCMOCK_JOURNAL_CAPACITY", default_value_t = 1_000)]
    journal_capacity: usize,
    /// The most every namespace's journal together holds, in bytes or with KiB, MiB or GiB;
    /// over it, the oldest entries of any namespace go first.
    #[arg(long, env = "PCMOCK_JOURNAL_BUDGET", value_name = "SIZE", default_value = "64MiB",
          value_parser = bounds::parse_size, allow_hyphen_values = true)]
    journal_budget: usize,
    /// How many namespaces may exist, default included; a new one past the limit drops the least
    /// recently used namespace idle for the idle threshold, or is refused with 503.
    #[arg(long, env = "PCMOCK_MAX_NAMESPACES", value_name = "N", default_value = "10000",
          value_parser = bounds::parse_count, allow_hyphen_values = true)]
    max_namespaces: usize,
    /// How long a namespace must have been unused before it may be dropped to make room for a new
    /// one, as ISO-8601 (PT10M) or 10m, 90s.
    #[arg(long, env = "PCMOCK_NAMESPACE_IDLE_THRESHOLD", value_name = "DURATION", default_value = "10m",
          value_parser = bounds::parse_duration, allow_hyphen_values = true)]
    namespace_idle_threshold: std::time::Duration,
    /// Drop namespaces unused for longer than this, as ISO-8601 (PT30M) or 30m, 2h; off when unset.
    #[arg(long, env = "PCMOCK_NAMESPACE_IDLE_TTL", value_name = "DURATION",
          value_parser = bounds::parse_duration, allow_hyphen_values = true)]
    namespace_idle_ttl: Option<std::time::Duration>,
    /// Keeps every namespace in this file across restarts; a missing file is made from the seed.
    #[arg(long, env = "PCMOCK_STATE_FILE")]
    state_file: Option<PathBuf>,
    /// Requires `Authorization: Bearer <token>` on the /_mock control plane.
    #[arg(long, env = "PCMOCK_ADMIN_TOKEN")]
    admin_token: Option<String>,
    /// Pins the exchanges recorded in this folder as answers of the default namespace.
    #[arg(long, env = "PCMOCK_OVERRIDES", value_name = "DIR")]
    overrides: Option<PathBuf>,
    /// Virtual time new-commerce orders stay pending, as an ISO-8601 duration (PT0S: none).
    #[arg(long, env = "PCMOCK_PROVISIONING_DELAY", value_name = "DURATION")]
    provisioning_delay: Option<String>,
    /// Virtual time a subscription's renewal takes to complete, as an ISO-8601 duration; changes
    /// in that time get 409 800082 (PT0S: none).
    #[arg(long, env = "PCMOCK_RENEWAL_DURATION", value_name = "DURATION")]
    renewal_duration: Option<String>,
    /// Throttle requests as Partner Center documents: off or documented.
    #[arg(long, env = "PCMOCK_THROTTLING")]
    throttling: Option<String>,
    /// Divide every throttling window by this number (at least 1).
    #[arg(long, env = "PCMOCK_THROTTLING_TIME_SCALE", value_name = "NUMBER")]
    throttling_time_scale: Option<f64>,
    /// The clock throttling windows run on: real or virtual.
    #[arg(long, env = "PCMOCK_THROTTLING_CLOCK")]
    throttling_clock: Option<String>,
}

impl Args {
    /// The settings every namespace starts with: the seed's, with the keys the flags name.
    fn settings(&self, seed: &Settings) -> Result<Settings, String> {
        let sent = SettingsDocument {
            provisioning_delay: self.provisioning_delay.clone(),
            renewal_duration: self.renewal_duration.clone(),
            throttling: self.throttling.clone(),
            throttling_time_scale: self.throttling_time_scale,
            throttling_clock: self.throttling_clock.clone(),
        };
        seed.merged(&sent).map_err(|e| e.to_string())
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .init();
    let cli = Cli::parse();
    let ran = match cli.command {
        None => run(cli.serve).await,
        Some(Command::Record(args)) => record(args).await,
        Some(Command::Verify(args)) => verify(args).await,
    };
    match ran {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("partner-center-mock: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run(args: Args) -> Result<(), String> {
    let seed = match (&args.seed, args.no_seed) {
        (Some(path), _) => Seed::from_file(path).map_err(|e| e.to_string())?,
        (None, true) => Seed::empty(),
        (None, false) => Seed::default_set(),
    };
    let settings = args.settings(seed.data().settings())?;
    let mut builder = MockPartnerCenter::builder()
        .seed(seed)
        .journal_capacity(args.journal_capacity)
        .journal_budget(args.journal_budget)
        .max_namespaces(args.max_namespaces)
        .namespace_idle_threshold(args.namespace_idle_threshold)
        .settings(settings);
    if let Some(ttl) = args.namespace_idle_ttl {
        builder = builder.namespace_idle_ttl(ttl);
    }
    if let Some(token) = args.admin_token {
        builder = builder.admin_token(token);
    }
    if let Some(dir) = &args.overrides {
        builder = builder.recorded_overrides(dir).map_err(|e| e.to_string())?;
    }
    let state = builder.into_state();
    if let Some(path) = &args.state_file {
        let loaded = persistence::load(path, &state)?;
        if !loaded {
            persistence::save(path, &state)
                .map_err(|e| format!("cannot write state file {}: {e}", path.display()))?;
        }
    }
    let listener = bind(&args.host, args.port).await?;
    let (stopped, stop) = tokio::sync::oneshot::channel::<()>();
    let saver = args.state_file.clone().map(|path| {
        tokio::spawn(persistence::keep_saved(path, state.clone(), async {
            let _ = stop.await;
        }))
    });
    let served = partner_center_mock::serve(listener, state, shutdown_signal()).await;
    let _ = stopped.send(());
    if let Some(saver) = saver {
        let _ = saver.await;
    }
    served.map_err(|e| e.to_string())?;
    tracing::info!("stopped");
    Ok(())
}

/// Records a Partner Center through the proxy until SIGINT or SIGTERM.
async fn record(args: RecordArgs) -> Result<(), String> {
    let recorder = Recorder::new(&RecordOptions {
        upstream: args.upstream.clone(),
        out: args.out.clone(),
        redact: args.redact,
        scrub: args.scrub,
    })?;
    let listener = bind(&args.host, args.port).await?;
    tracing::info!(upstream = %args.upstream, out = %args.out.display(), "recording");
    partner_center_mock::record::serve(listener, std::sync::Arc::new(recorder), shutdown_signal())
        .await
        .map_err(|e| e.to_string())?;
    tracing::info!("stopped");
    Ok(())
}

/// Replays a folder of recordings; fails when any difference is unexplained.
async fn verify(args: VerifyArgs) -> Result<(), String> {
    let report = partner_center_mock::verify::verify(&args.dir)
        .await
        .map_err(|e| e.to_string())?;
    for note in &report.notes {
        tracing::warn!("{note}");
    }
    for checked in &report.checked {
        println!("{}", checked.line());
    }
    if let Some(file) = &args.junit {
        let xml =
            partner_center_mock::verify::junit::to_junit(&report, &args.dir.display().to_string());
        std::fs::write(file, xml).map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    }
    println!("{}", report.summary());
    match report.unexplained() {
        0 => Ok(()),
        unexplained => Err(format!("{unexplained} unexplained deviations")),
    }
}

/// Binds the address and prints the `listening on` line, the only line on stdout.
async fn bind(host: &str, port: u16) -> Result<TcpListener, String> {
    let listener = TcpListener::bind((host, port))
        .await
        .map_err(|e| format!("cannot listen on {host}:{port}: {e}"))?;
    let address: SocketAddr = listener.local_addr().map_err(|e| e.to_string())?;
    println!("listening on http://{address}");
    if address.ip().is_unspecified() {
        tracing::warn!(%address, "listening on every interface: anyone who can reach this machine can use it");
    }
    tracing::info!(%address, "serving");
    Ok(listener)
}

/// Completes on SIGINT or SIGTERM.
async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
}
