//! The carts a namespace is checking out right now. A second checkout of a cart that is being
//! checked out is refused at once (409, code 800064) instead of waiting its turn, as Partner
//! Center answers it; once the first is done, another attempt finds the cart ordered (800065).

use crate::domain::DomainError;
use crate::domain::ids::CartId;
use std::collections::HashSet;
use std::sync::{Mutex, PoisonError};

/// Carts with a checkout in progress.
#[derive(Debug, Default)]
pub(crate) struct Checkouts(Mutex<HashSet<CartId>>);

/// A checkout in progress; the cart is free again when it is dropped.
#[derive(Debug)]
pub(crate) struct InProgress<'a> {
    checkouts: &'a Checkouts,
    cart: CartId,
}

impl Checkouts {
    /// Marks `cart` as being checked out.
    ///
    /// # Errors
    /// [`DomainError::CartBeingProcessed`] when another checkout of `cart` is in progress.
    pub(crate) fn begin(&self, cart: CartId) -> Result<InProgress<'_>, DomainError> {
        if self.carts().insert(cart) {
            Ok(InProgress {
                checkouts: self,
                cart,
            })
        } else {
            Err(DomainError::CartBeingProcessed(cart))
        }
    }

    fn carts(&self) -> std::sync::MutexGuard<'_, HashSet<CartId>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Drop for InProgress<'_> {
    fn drop(&mut self) {
        self.checkouts.carts().remove(&self.cart);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cart_is_checked_out_by_one_request_at_a_time() {
        let checkouts = Checkouts::default();
        let cart = CartId(uuid::Uuid::nil());
        let first = checkouts.begin(cart).unwrap();
        assert_eq!(
            checkouts.begin(cart).unwrap_err(),
            DomainError::CartBeingProcessed(cart)
        );
        drop(first);
        assert!(checkouts.begin(cart).is_ok());
    }
}
