//! The reference model: what the test expects of each customer, written from the documented rules
//! (SPEC §5; docs/fidelity.md, "New-commerce updates" and "Time"), never by calling the mock.
//!
//! Time is kept in whole days. The test starts the mock's clock at noon, and every step happens
//! a few milliseconds of real time after the one before, so nothing the clock does at 00:00 UTC
//! can fall between the model's idea of "today" and the mock's.

use chrono::{Duration, Months, NaiveDate};
use partner_center_mock::domain::SubscriptionId;
use partner_center_mock::domain::ids::UserId;
use partner_center_mock::domain::subscription::SubscriptionStatus::{
    self, Active, Deleted, Disabled, Expired, Suspended,
};

/// Days after a purchase, a renewal or a seat increase in which it can be undone.
pub(super) const WINDOW_DAYS: i64 = 7;
/// Days a lapsed new-commerce subscription stays `expired` before it is `disabled`.
const EXPIRED_DAYS: i64 = 30;
/// Days from the end of the term of a lapsed new-commerce subscription to `deleted`.
const DELETED_AFTER_DAYS: i64 = 120;

/// An outcome, reduced to what both sides can name.
pub(super) type Outcome = Result<(), &'static str>;

/// What a subscription is, as far as the rules tell kinds apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Family {
    /// A legacy licence offer (E3).
    Legacy,
    /// A legacy add-on (ATP), bought on a legacy base.
    AddOn,
    /// A new-commerce licence (`OnlineServicesNCE`).
    NewCommerce,
    /// A marketplace (SaaS) subscription.
    Saas,
    /// An Azure savings plan.
    SavingsPlan,
    /// The Azure plan, with its one Azure subscription that stays active.
    AzurePlan,
}

impl Family {
    /// Cancelled with `status: "deleted"` inside the window after purchase or renewal.
    fn cancellable(self) -> bool {
        matches!(self, Self::NewCommerce | Self::Saas)
    }

    /// The offer's largest quantity.
    pub(super) fn maximum_quantity(self) -> u32 {
        match self {
            Self::SavingsPlan | Self::AzurePlan => 1,
            Self::NewCommerce => 300,
            Self::Saas => 1000,
            Self::Legacy | Self::AddOn => 10_000,
        }
    }
}

/// Seats added on one day; a new-commerce subscription can give them back for 7 days.
#[derive(Debug, Clone)]
pub(super) struct Batch {
    pub quantity: u32,
    pub added: NaiveDate,
}

/// Whether a window that opened on `from` is still open on `today`. The mock's window ends 7
/// days after the moment it opened, and "today" is always a little later in the day than that
/// moment (purchases) or later than midnight (renewals), so 7 whole days is too late.
pub(super) fn is_open(from: NaiveDate, today: NaiveDate) -> bool {
    (today - from).num_days() < WINDOW_DAYS
}

/// What the clock does to a subscription on a day of its own.
#[derive(Debug, Clone, Copy)]
pub(super) enum Event {
    /// The term ends (a renewal or the lapse), or the next lapse step.
    Term,
    /// A cancellation window or a seat batch's window closes.
    Window,
}

/// What the model knows of a subscription.
#[derive(Debug, Clone)]
pub(super) struct ModelSubscription {
    pub id: SubscriptionId,
    pub order: String,
    pub family: Family,
    /// An E3 subscription: counts in the E3 units and takes the ATP add-on.
    pub e3: bool,
    pub parent: Option<SubscriptionId>,
    pub status: SubscriptionStatus,
    pub auto_renew: bool,
    pub quantity: u32,
    /// The term in months; `None` for the Azure plan, which never ends.
    pub term_months: Option<u32>,
    /// The day the current term began: the purchase or the last renewal.
    pub term_start: NaiveDate,
    /// New-commerce subscriptions: the seats that can still be given back.
    pub batches: Vec<Batch>,
}

impl ModelSubscription {
    /// `quantity` seats bought `today`.
    pub(super) fn bought(
        id: SubscriptionId,
        order: String,
        family: Family,
        term_months: Option<u32>,
        quantity: u32,
        today: NaiveDate,
    ) -> Self {
        Self {
            id,
            order,
            family,
            e3: false,
            parent: None,
            status: Active,
            auto_renew: family != Family::AzurePlan,
            quantity,
            term_months,
            term_start: today,
            batches: if family == Family::NewCommerce {
                vec![Batch {
                    quantity,
                    added: today,
                }]
            } else {
                Vec::new()
            },
        }
    }

    /// The term's last day, inclusive (`commitmentEndDate`): its start plus the term, less a day.
    pub(super) fn last_day(&self) -> Option<NaiveDate> {
        let months = self.term_months?;
        let end = self.term_start.checked_add_months(Months::new(months))?;
        Some(end - Duration::days(1))
    }

    /// The day the term is over: 00:00 UTC after its last day.
    fn term_over(&self) -> Option<NaiveDate> {
        self.last_day().map(|day| day + Duration::days(1))
    }

    /// A subscription that is still billed or can be: not deleted, expired or disabled.
    pub(super) fn is_live(&self) -> bool {
        !matches!(self.status, Deleted | Expired | Disabled)
    }

    fn is_new_commerce(&self) -> bool {
        self.family == Family::NewCommerce
    }

    /// The first day after `today` on which the clock changes something about it: the end of
    /// its term or its next lapse step (`Event::Term`), or a window closing (`Event::Window`).
    fn next_event(&self, event: Event, today: NaiveDate) -> Option<NaiveDate> {
        let over = self.term_over();
        let days: Vec<NaiveDate> = match event {
            Event::Term => {
                let days_after_term = match self.status {
                    Active | Suspended => Some(0),
                    Expired if self.is_new_commerce() => Some(EXPIRED_DAYS),
                    Disabled if self.is_new_commerce() => Some(DELETED_AFTER_DAYS),
                    _ => None,
                };
                over.zip(days_after_term)
                    .map(|(over, days)| over + Duration::days(days))
                    .into_iter()
                    .collect()
            }
            Event::Window => {
                let window = self.family.cancellable().then_some(self.term_start);
                window
                    .into_iter()
                    .chain(self.batches.iter().map(|b| b.added))
                    .map(|from| from + Duration::days(WINDOW_DAYS))
                    .collect()
            }
        };
        days.into_iter().filter(|day| *day > today).min()
    }

    /// The seats that can still be given back on `today`.
    pub(super) fn refundable(&self, today: NaiveDate) -> u32 {
        self.batches
            .iter()
            .filter(|b| is_open(b.added, today))
            .map(|b| b.quantity)
            .sum()
    }

    /// What the clock has done by `today`: renewals term after term while the subscription is
    /// active with auto-renew on; otherwise the end of the term (new commerce: `expired`, or
    /// `disabled` when suspended; anything else `expired`), then the new-commerce lapse.
    fn settle(&mut self, today: NaiveDate) {
        while let Some(over) = self.term_over().filter(|over| *over <= today) {
            match self.status {
                Active if self.auto_renew => {
                    self.term_start = over;
                    if self.is_new_commerce() {
                        self.batches = vec![Batch {
                            quantity: self.quantity,
                            added: over,
                        }];
                    }
                }
                Active | Suspended => {
                    self.status = if self.is_new_commerce() && self.status == Suspended {
                        Disabled
                    } else {
                        Expired
                    };
                    self.auto_renew = false;
                    self.batches.clear();
                    break;
                }
                _ => break,
            }
        }
        if let Some(over) = self.term_over().filter(|_| self.is_new_commerce()) {
            if self.status == Expired && today >= over + Duration::days(EXPIRED_DAYS) {
                self.status = Disabled;
            }
            if self.status == Disabled && today >= over + Duration::days(DELETED_AFTER_DAYS) {
                self.status = Deleted;
            }
        }
        self.batches.retain(|b| is_open(b.added, today));
    }
}

/// A reserved instance or a software purchase.
#[derive(Debug, Clone)]
pub(super) struct ModelPurchase {
    pub order: String,
    pub reserved: bool,
    pub cancelled: bool,
}

/// What the model knows of a user: whether it is active and whether it holds an E3 licence.
#[derive(Debug, Clone)]
pub(super) struct ModelUser {
    pub id: UserId,
    pub active: bool,
    pub holds_e3: bool,
}

/// The body of a subscription PATCH as the test sends it: a status alone, or the properties a
/// client that read the subscription sends back.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Body {
    pub status: Option<SubscriptionStatus>,
    pub quantity: Option<u32>,
    pub auto_renew: Option<bool>,
}

/// E3 units by bucket: active, in the grace period (`expired`), suspended (or disabled).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Units {
    pub active: i64,
    pub warning: i64,
    pub suspended: i64,
}

#[derive(Debug, Clone)]
pub(super) struct ModelCustomer {
    pub id: partner_center_mock::domain::CustomerId,
    pub related: bool,
    pub subscriptions: Vec<ModelSubscription>,
    pub purchases: Vec<ModelPurchase>,
    pub users: Vec<ModelUser>,
}

impl ModelCustomer {
    /// Applies what the clock did by `today` to every subscription.
    pub(super) fn settle(&mut self, today: NaiveDate) {
        for subscription in &mut self.subscriptions {
            subscription.settle(today);
        }
    }

    /// The first day after `today` on which `event` happens to one of its subscriptions.
    pub(super) fn next_event(&self, event: Event, today: NaiveDate) -> Option<NaiveDate> {
        self.subscriptions
            .iter()
            .filter_map(|s| s.next_event(event, today))
            .min()
    }

    /// The E3 units its subscriptions give: each E3 subscription's quantity, by status.
    pub(super) fn e3_units(&self) -> Units {
        let mut units = Units {
            active: 0,
            warning: 0,
            suspended: 0,
        };
        for s in self.subscriptions.iter().filter(|s| s.e3) {
            let quantity = i64::from(s.quantity);
            match s.status {
                Active => units.active += quantity,
                Expired => units.warning += quantity,
                Suspended | Disabled => units.suspended += quantity,
                _ => {}
            }
        }
        units
    }

    pub(super) fn consumed_e3(&self) -> i64 {
        let holders = self.users.iter().filter(|u| u.active && u.holds_e3).count();
        i64::try_from(holders).unwrap()
    }

    /// What assigning E3 to, removing E3 from, or deleting `user` answers.
    pub(super) fn expected_user_change(&self, user: &ModelUser, assign: Option<bool>) -> Outcome {
        if !self.related {
            return Err("no relationship");
        }
        if !user.active {
            return Err("user not found");
        }
        let units = self.e3_units();
        match assign {
            Some(true) if user.holds_e3 => Ok(()),
            Some(true) if units.active + units.warning + units.suspended == 0 => {
                Err("sku not subscribed")
            }
            Some(true) if units.active + units.warning - self.consumed_e3() < 1 => {
                Err("out of units")
            }
            Some(false) if !user.holds_e3 => Err("licence not assigned"),
            _ => Ok(()),
        }
    }

    /// What removing the reseller relationship answers: the first kind of blocker, in the
    /// documented precedence 900400 through 900405.
    pub(super) fn expected_removal(&self) -> Outcome {
        use Family::{AzurePlan, NewCommerce, Saas, SavingsPlan};
        if !self.related {
            return Err("relationship does not exist");
        }
        let subscriptions = &self.subscriptions;
        let purchases = &self.purchases;
        let blockers = [
            (
                // An active subscription (add-ons included), or a new-commerce one still billed:
                // a suspended one is, an expired, disabled or deleted one is not.
                subscriptions.iter().any(|s| {
                    !matches!(s.family, SavingsPlan | Saas)
                        && (s.status == Active || (s.family == NewCommerce && s.is_live()))
                }),
                "active subscriptions",
            ),
            (
                purchases.iter().any(|p| p.reserved && !p.cancelled),
                "active reserved instances",
            ),
            (
                purchases.iter().any(|p| !p.reserved && !p.cancelled),
                "software purchases",
            ),
            (
                subscriptions
                    .iter()
                    .any(|s| s.family == SavingsPlan && s.is_live()),
                "active savings plans",
            ),
            (
                subscriptions
                    .iter()
                    .any(|s| s.family == Saas && s.is_live()),
                "active saas subscriptions",
            ),
            (
                // Its Azure subscription stays active whatever the plan's own status.
                subscriptions.iter().any(|s| s.family == AzurePlan),
                "azure plan with active azure subscriptions",
            ),
        ];
        blockers
            .into_iter()
            .find_map(|(blocks, refusal)| blocks.then_some(refusal))
            .map_or(Ok(()), Err)
    }

    /// `PATCH .../subscriptions/{id}` with `body` on `today`: the status first, then the other
    /// properties. Applies the change to the model and answers what the mock should.
    pub(super) fn patch(&mut self, index: usize, body: Body, today: NaiveDate) -> Outcome {
        if !self.related {
            return Err("no relationship");
        }
        let s = &self.subscriptions[index];
        match s.status {
            Deleted => return Err("deleted"),
            Expired if s.is_new_commerce() => return Err("expired"),
            Disabled if s.is_new_commerce() => return Err("status cannot be set"),
            _ => {}
        }
        // The test's status bodies carry nothing else, so a status change is the whole change.
        match body.status.filter(|target| *target != s.status) {
            Some(target) => self.change_status(index, target, today),
            None => self.change_properties(index, body, today),
        }
    }

    fn change_status(
        &mut self,
        index: usize,
        target: SubscriptionStatus,
        today: NaiveDate,
    ) -> Outcome {
        let s = &self.subscriptions[index];
        let id = s.id;
        match (s.status, target) {
            (Active, Suspended) if s.family == Family::AzurePlan => {
                Err("azure subscriptions active")
            }
            (Active, Suspended) => {
                // Suspending a base suspends its active add-ons; new commerce loses auto-renew.
                for s in &mut self.subscriptions {
                    if s.id == id || (s.parent == Some(id) && s.status == Active) {
                        s.status = Suspended;
                        if s.is_new_commerce() {
                            s.auto_renew = false;
                        }
                    }
                }
                Ok(())
            }
            (Suspended, Active) => {
                let parent_active = s.parent.is_none_or(|parent| {
                    self.subscriptions
                        .iter()
                        .any(|p| p.id == parent && p.status == Active)
                });
                if !parent_active {
                    return Err("parent not active");
                }
                self.subscriptions[index].status = Active;
                Ok(())
            }
            (Active | Suspended, Deleted) if s.family.cancellable() => {
                if !is_open(s.term_start, today) {
                    return Err("window passed");
                }
                let s = &mut self.subscriptions[index];
                s.status = Deleted;
                s.auto_renew = false;
                s.batches.clear();
                Ok(())
            }
            (Suspended, Deleted) => Err("suspended"),
            _ => Err("status cannot be set"),
        }
    }

    /// Quantity and auto-renew. A new-commerce PATCH is the whole subscription: one that leaves
    /// out `autoRenewEnabled` turns auto-renew off.
    fn change_properties(&mut self, index: usize, body: Body, today: NaiveDate) -> Outcome {
        let s = &self.subscriptions[index];
        let quantity = body.quantity.filter(|q| *q != s.quantity);
        let auto_renew = body
            .auto_renew
            .unwrap_or(!s.is_new_commerce() && s.auto_renew);
        if quantity.is_none() && auto_renew == s.auto_renew {
            return Ok(());
        }
        match s.status {
            Active => {}
            Suspended => return Err("suspended"),
            _ => return Err("status cannot be set"),
        }
        if quantity.is_some_and(|q| q > s.family.maximum_quantity()) {
            return Err("quantity out of range");
        }
        let s = &mut self.subscriptions[index];
        if let Some(quantity) = quantity {
            if s.is_new_commerce() {
                change_seats(s, quantity, today)?;
            }
            s.quantity = quantity;
        }
        s.auto_renew = auto_renew;
        Ok(())
    }
}

/// A new-commerce quantity change: an increase adds a batch; a decrease gives back the newest
/// seats still inside their 7 days, and is refused (800090) when there are too few.
fn change_seats(s: &mut ModelSubscription, quantity: u32, today: NaiveDate) -> Outcome {
    if quantity > s.quantity {
        s.batches.push(Batch {
            quantity: quantity - s.quantity,
            added: today,
        });
        return Ok(());
    }
    let mut removing = s.quantity - quantity;
    if removing > s.refundable(today) {
        return Err("cannot decrease");
    }
    s.batches.retain(|b| is_open(b.added, today));
    while removing > 0 {
        let newest = s
            .batches
            .last_mut()
            .expect("the open batches cover the decrease");
        let taken = newest.quantity.min(removing);
        newest.quantity -= taken;
        removing -= taken;
        if newest.quantity == 0 {
            s.batches.pop();
        }
    }
    Ok(())
}
