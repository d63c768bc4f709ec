//! Completing a migration on the mock's clock (reference api-new-commerce §5.5, §11.14): once the
//! clock passes a processing migration's end, [`Customer::settle`] buys its catalog items
//! through the order fulfilment (one new-commerce order, a line per migrated subscription) and
//! records the new subscriptions, the order and the remaining events.
//!
//! The clock has no server id source at hand, so the ids it draws come from a stream seeded with
//! the migration's id: the same migration completes with the same ids on every run.
//!
//! [`Customer::settle`]: crate::domain::customer::Customer::settle

use super::{MigratedSubscription, Migration, MigrationEvent, MigrationEventName, MigrationStatus};
use crate::domain::catalog::currency_of;
use crate::domain::customer::Customer;
use crate::domain::fulfilment::{Fulfilment, Purchase, open_order};
use crate::domain::ids::IdSource;
use crate::domain::offer::{Catalog, Offer, OfferKind};
use crate::domain::order::{Order, OrderLineItem};
use crate::domain::term::Term;
use chrono::{DateTime, Duration, Utc};
use std::borrow::Cow;
use std::sync::Arc;

impl Customer {
    /// Whether a processing migration has reached its end at `now` without being completed.
    pub fn has_due_migrations(&self, now: DateTime<Utc>) -> bool {
        self.migrations.iter().any(|m| m.is_due(now))
    }

    /// Completes every processing migration whose end has come at `now`, oldest first.
    pub fn complete_due_migrations(&mut self, now: DateTime<Utc>) {
        let mut due: Vec<usize> = (0..self.migrations.len())
            .filter(|&i| self.migrations[i].is_due(now))
            .collect();
        due.sort_by_key(|&i| self.migrations[i].completes_at);
        for index in due {
            let mut migration = Migration::clone(&self.migrations[index]);
            self.complete_migration(&mut migration);
            self.migrations[index] = Arc::new(migration);
        }
    }

    fn complete_migration(&mut self, migration: &mut Migration) {
        let at = migration.completes_at.unwrap_or(migration.started_time);
        let ids = IdSource::seeded(seed_of(migration));
        migration.completes_at = None;
        let offers: Option<Vec<Offer>> = migration
            .subscriptions()
            .map(|line| line.new_commerce_offer.clone())
            .collect();
        let Some(offers) = offers else {
            migration.status = MigrationStatus::Failed;
            migration.events.push(MigrationEvent {
                id: ids.guid(),
                event_name: MigrationEventName::MigrationFailed,
                created_time: at,
            });
            return;
        };
        let catalog = Catalog::default();
        let fulfilment = Fulfilment {
            catalog: &catalog,
            now: at,
            ids: &ids,
        };
        let currency = currency_of(self.market_country());
        let mut order = open_order(
            OfferKind::NewCommerce,
            migration.base.billing_cycle,
            &currency,
            &fulfilment,
            Duration::zero(),
        );
        let mut base_successor = None;
        let lines = std::iter::once(&mut migration.base).chain(&mut migration.add_on_migrations);
        for ((number, line), offer) in (0..).zip(lines).zip(&offers) {
            let parent = line.parent_new_commerce_subscription_id.or(base_successor);
            let purchase = Purchase {
                friendly_name: self
                    .subscription(line.current_subscription_id)
                    .ok()
                    .map(|legacy| legacy.friendly_name.to_string()),
                term: Term::parse(&line.term_duration),
                parent,
                ..Purchase::of(Cow::Borrowed(offer), line.quantity)
            };
            let bought = self.buy_successor(line, &purchase, &order, number, &fulfilment);
            if number == 0 {
                base_successor = bought.subscription_id;
            }
            order.line_items.push(bought);
        }
        migration.new_commerce_order_id = Some(order.id.clone());
        self.orders.push(Arc::new(order));
        migration.status = MigrationStatus::Completed;
        migration.completed_time = Some(at);
        for event_name in [
            MigrationEventName::NewCommerceSubscriptionCreated,
            MigrationEventName::NewCommerceSubscriptionProvisioned,
            MigrationEventName::MigrationCompleted,
        ] {
            migration.events.push(MigrationEvent {
                id: ids.guid(),
                event_name,
                created_time: at,
            });
        }
    }

    /// Buys one line's catalog item and records the subscription on the line: its billing
    /// cycle, and its end, which keeps the legacy term's unless the full term was bought.
    fn buy_successor(
        &mut self,
        line: &mut MigratedSubscription,
        purchase: &Purchase<'_>,
        order: &Order,
        number: u32,
        fulfilment: &Fulfilment<'_>,
    ) -> OrderLineItem {
        let bought = self.fulfil(purchase, order, number, fulfilment);
        if let Some(id) = bought.subscription_id {
            if let Some(subscription) = self.subscriptions.iter_mut().find(|s| s.id == id) {
                let subscription = Arc::make_mut(subscription);
                subscription.billing_cycle = line.billing_cycle;
                subscription.commitment_end_date = line.subscription_end_date;
                subscription.lifecycle.migrated_from_subscription_id =
                    Some(line.current_subscription_id);
            }
            line.new_commerce_subscription_id = Some(id);
        }
        bought
    }
}

/// A seed for a migration's ids, from its own id.
fn seed_of(migration: &Migration) -> u64 {
    let bits = migration.id.0.as_u128();
    #[expect(
        clippy::cast_possible_truncation,
        reason = "folding the id's two halves into one seed"
    )]
    let seed = (bits as u64) ^ ((bits >> 64) as u64);
    seed
}
