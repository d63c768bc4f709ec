//! The benchmark's ceiling: a bare axum server that answers every GET with a fixed JSON body,
//! on the same kind of listener as the mock. The harness (`bench/run`) reports the mock's
//! figures as ratios to this one, each against a ceiling answering the same bytes.
//!
//! ```sh
//! cargo run --release --example baseline -- 1500              # a filler body of 1500 bytes
//! cargo run --release --example baseline -- --body page.json  # the bytes of a file
//! ```

use axum::Router;
use axum::body::Bytes;
use axum::http::header;
use axum::routing::get;

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let bytes = match args.next().as_deref() {
        Some("--body") => std::fs::read(args.next().unwrap_or_default())?,
        size => {
            let size: usize = size.and_then(|s| s.parse().ok()).unwrap_or(1500);
            // A JSON string that fills the body to the size asked for.
            let filler = "x".repeat(size.saturating_sub(10).max(1));
            format!("{{\"id\":\"{filler}\"}}").into_bytes()
        }
    };
    // Static, so that answering costs no more than handing the bytes over.
    let body = Bytes::from_static(Vec::leak(bytes));
    let app = Router::new().fallback(get(move || async move {
        (
            [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
            body,
        )
    }));
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await?;
    println!("listening on http://{}", listener.local_addr()?);
    axum::serve(listener, app).await
}
