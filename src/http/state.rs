//! What a handler may ask of the application's state. [`crate::app::AppState`] is the one
//! implementation; handlers and routes are written against this trait, so that the surfaces
//! below the app never import it.

use crate::domain::ids::IdSource;
use crate::namespace::Namespaces;
use crate::wire::paging::TokenSigner;
use std::time::Instant;

/// The state every route is served with.
pub(crate) trait Shared: Clone + Send + Sync + 'static {
    /// Every partner namespace, and the seed new ones start from.
    fn namespaces(&self) -> &Namespaces;
    /// The token `/_mock` data routes require, when one is set.
    fn admin_token(&self) -> Option<&str>;
    /// Signs and checks continuation tokens.
    fn tokens(&self) -> &TokenSigner;
    /// Where new ids come from.
    fn ids(&self) -> &IdSource;
    /// When the server started.
    fn started(&self) -> Instant;
    /// The OpenAPI document of everything served.
    fn openapi(&self) -> &serde_json::Value;
}
