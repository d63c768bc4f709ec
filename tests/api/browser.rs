//! A real headless Chromium for the dashboard tests, driven over WebDriver by `fantoccini`
//! through Debian's `chromedriver`.
//!
//! WebDriver rather than the DevTools protocol: it is a W3C standard with a maintained Rust
//! client, `chromedriver` ships beside `chromium` in the same Debian version, and everything the
//! tests need (finding elements, typing, waiting, screenshots, alerts, running a script) is in
//! it. The network log comes from the page's own Resource Timing entries.
//!
//! Without Chromium the tests skip with a message saying how to install it, unless
//! `PCMOCK_REQUIRE_BROWSER` is set (as `.ci/run` does), when they fail instead.

use crate::helpers::{free_address, fresh_dir};
use crate::prerequisite::BROWSER;
use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Value, json};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tempfile::TempDir;
use tokio::sync::{Semaphore, SemaphorePermit};

/// One browser at a time: two cores do not run several Chromiums well.
static ONE_AT_A_TIME: Semaphore = Semaphore::const_new(1);

/// How long a test waits for the page to show something.
pub(crate) const PATIENCE: Duration = Duration::from_secs(10);

/// A headless Chromium session, and the driver process behind it.
pub(crate) struct Browser {
    pub client: Client,
    driver: Child,
    /// The profile folder, removed when the browser is dropped, after its driver is stopped.
    _profile: TempDir,
    _turn: SemaphorePermit<'static>,
}

fn find(program: &str, variable: &str) -> Option<PathBuf> {
    if let Ok(path) = std::env::var(variable) {
        return Some(PathBuf::from(path));
    }
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(program))
            .find(|path| path.is_file())
    })
}

impl Browser {
    /// A fresh browser, or `None` (with a message) where Chromium is not installed.
    pub(crate) async fn open() -> Option<Self> {
        let (chromium, driver) = BROWSER.found(
            find("chromium", "PCMOCK_CHROMIUM").zip(find("chromedriver", "PCMOCK_CHROMEDRIVER")),
            "Chromium and ChromeDriver are not installed; on Debian: \
             apt-get install chromium chromium-driver",
        )?;
        let turn = ONE_AT_A_TIME.acquire().await.expect("never closed");
        let port = free_address().port();
        // Its own process group, so that the browsers it starts go with it even after a panic.
        let driver = Command::new(driver)
            .process_group(0)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let profile = fresh_dir("chromium");
        let capabilities = json!({
            "goog:chromeOptions": {
                "binary": chromium,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--window-size=1280,1000",
                    format!("--user-data-dir={}", profile.path().display()),
                ]
            }
        });
        let capabilities = match capabilities {
            Value::Object(map) => map,
            _ => unreachable!("an object"),
        };
        let url = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        let client = loop {
            match ClientBuilder::new(HttpConnector::new())
                .capabilities(capabilities.clone())
                .connect(&url)
                .await
            {
                Ok(client) => break client,
                Err(error) if started.elapsed() > Duration::from_secs(20) => {
                    panic!("chromedriver did not start a session: {error}")
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        };
        Some(Self {
            client,
            driver,
            _profile: profile,
            _turn: turn,
        })
    }

    pub(crate) async fn goto(&self, url: &str) {
        self.client.goto(url).await.expect("the page loads");
    }

    /// The first element matching `css`, waiting for it to appear.
    pub(crate) async fn element(&self, css: &str) -> Element {
        self.client
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element '{css}' appeared: {e}"))
    }

    /// Clicks the first element matching `css`, once it appears.
    pub(crate) async fn click(&self, css: &str) {
        let element = self.element(css).await;
        element
            .click()
            .await
            .unwrap_or_else(|e| panic!("'{css}' could not be clicked: {e}"));
    }

    /// Types `text` into the first element matching `css`, once it appears.
    pub(crate) async fn type_into(&self, css: &str, text: &str) {
        let element = self.element(css).await;
        element
            .send_keys(text)
            .await
            .unwrap_or_else(|e| panic!("'{css}' took no text: {e}"));
    }

    /// Waits until `script`, run on the page, returns true.
    pub(crate) async fn until(&self, what: &str, script: &str) {
        let started = Instant::now();
        loop {
            let value = self.run(script).await;
            if value == Value::Bool(true) {
                return;
            }
            assert!(
                started.elapsed() < PATIENCE,
                "the page never showed {what} ({script} gave {value})"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits until `count` elements match `css`.
    pub(crate) async fn until_count(&self, what: &str, css: &str, count: usize) {
        let script = format!(
            "return document.querySelectorAll({}).length === {count}",
            json!(css)
        );
        self.until(what, &script).await;
    }

    /// Waits until the first element matching `css` has the text `text`.
    pub(crate) async fn until_text(&self, what: &str, css: &str, text: &str) {
        let test = format!("e.textContent === {}", json!(text));
        self.until_first(what, css, &test).await;
    }

    /// Waits until the first element matching `css` has a text that contains `part`.
    pub(crate) async fn until_text_contains(&self, what: &str, css: &str, part: &str) {
        let test = format!("e.textContent.includes({})", json!(part));
        self.until_first(what, css, &test).await;
    }

    /// Waits until the first element matching `css` has `value` in its `data-` attribute `key`
    /// (camelCase, as `dataset` names it).
    pub(crate) async fn until_data(&self, what: &str, css: &str, key: &str, value: &str) {
        let test = format!("e.dataset[{}] === {}", json!(key), json!(value));
        self.until_first(what, css, &test).await;
    }

    /// Waits until an element matches `css` and `test`, a script expression on the first such
    /// element `e`, is true.
    async fn until_first(&self, what: &str, css: &str, test: &str) {
        let script = format!(
            "const e = document.querySelector({}); return !!e && ({test})",
            json!(css)
        );
        self.until(what, &script).await;
    }

    /// Runs `script` (a function body; `return` gives the value) in the page.
    pub(crate) async fn run(&self, script: &str) -> Value {
        self.client
            .execute(script, vec![])
            .await
            .unwrap_or_else(|e| panic!("the script failed: {e}\n{script}"))
    }

    /// The text of every element matching `css`.
    pub(crate) async fn texts(&self, css: &str) -> Vec<String> {
        let script = format!(
            "return [...document.querySelectorAll({})].map(e => e.textContent)",
            json!(css)
        );
        serde_json::from_value(self.run(&script).await).expect("a list of strings")
    }

    /// Every address the page has fetched: the document, its assets and its calls.
    pub(crate) async fn fetched(&self) -> Vec<String> {
        let found = self
            .run(
                "return performance.getEntriesByType('navigation')
                    .concat(performance.getEntriesByType('resource'))
                    .map(e => e.name)",
            )
            .await;
        serde_json::from_value(found).expect("a list of addresses")
    }

    /// Whether a JavaScript dialog (alert, confirm, prompt) is open.
    pub(crate) async fn dialog_is_open(&self) -> bool {
        self.client.get_alert_text().await.is_ok()
    }

    /// Writes a PNG of the page to `path`.
    pub(crate) async fn screenshot(&self, path: &Path) {
        let png = self.client.screenshot().await.expect("a screenshot");
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).expect("the folder");
        }
        std::fs::write(path, png).expect("the screenshot is written");
    }

    /// Ends the session; the driver and its browsers stop when `self` is dropped.
    pub(crate) async fn close(self) {
        let _ = self.client.clone().close().await;
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.driver.id())])
            .status();
        let _ = self.driver.wait();
    }
}
