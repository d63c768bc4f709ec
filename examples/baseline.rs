//! The benchmark's ceiling: a bare axum server that answers every GET with a fixed JSON body of
//! a given size, on the same kind of listener as the mock. The harness (`bench/run`) reports the
//! mock's figures as ratios to this one.
//!
//! ```sh
//! cargo run --release --example baseline -- 1500   # body size in bytes
//! ```

use axum::Router;
use axum::http::header;
use axum::routing::get;

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let size: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(1500);
    // A JSON string that fills the body to the size asked for.
    let filler = "x".repeat(size.saturating_sub(10).max(1));
    let body: &'static str = Box::leak(format!("{{\"id\":\"{filler}\"}}").into_boxed_str());
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
