//! `/v1/offers`: the catalog a partner sells from.

use super::auth::Caller;
use crate::domain::DomainError;
use crate::domain::ids::OfferId;
use crate::domain::offer::{Catalog, Offer};
use crate::http::error::ApiError;
use crate::http::extract::{Ids, Query};
use crate::http::response::ok;
use crate::http::routes::Routes;
use crate::http::state::Shared;
use crate::openapi::Operation;
use crate::views::offer::OfferView;
use crate::wire::query::QueryParams;
use crate::wire::{Collection, Links};
use axum::response::Response;

/// The `country` query parameter: required, two letters.
fn country(params: &QueryParams) -> Result<String, ApiError> {
    let country = params
        .non_empty("country")
        .ok_or_else(|| ApiError::BadRequest("country is required.".to_owned()))?;
    if country.len() == 2 && country.bytes().all(|b| b.is_ascii_alphabetic()) {
        Ok(country.to_ascii_uppercase())
    } else {
        Err(ApiError::BadRequest(format!(
            "country '{country}' is not a two-letter ISO country code."
        )))
    }
}

fn find(catalog: &Catalog, id: OfferId) -> Result<&Offer, ApiError> {
    Ok(catalog
        .offer(&id)
        .ok_or_else(|| DomainError::OfferNotFound(id.to_string()))?)
}

/// A collection of offers, written for `country`, linking to itself at `uri`.
fn collection<'a>(
    catalog: &Catalog,
    offers: impl Iterator<Item = &'a Offer>,
    country: &str,
    uri: String,
) -> Response {
    let items = offers
        .map(|offer| OfferView::new(catalog, offer, country))
        .collect();
    ok(&Collection::new(items).with_links(Links::to_self(uri)))
}

/// `GET /v1/offers?country=XX`.
pub(super) async fn list(caller: Caller, Query(params): Query) -> Result<Response, ApiError> {
    let country = country(&params)?;
    let catalog = caller.store.catalog();
    let uri = format!("/v1/offers?country={country}");
    Ok(collection(&catalog, catalog.offers().iter(), &country, uri))
}

/// `GET /v1/offers/{id}?country=XX`.
pub(super) async fn get(
    caller: Caller,
    Ids(id): Ids<OfferId>,
    Query(params): Query,
) -> Result<Response, ApiError> {
    let country = country(&params)?;
    let catalog = caller.store.catalog();
    Ok(ok(&OfferView::new(&catalog, find(&catalog, id)?, &country)))
}

/// `GET /v1/offers/{id}/addons?country=XX`.
pub(super) async fn add_ons(
    caller: Caller,
    Ids(id): Ids<OfferId>,
    Query(params): Query,
) -> Result<Response, ApiError> {
    let country = country(&params)?;
    let catalog = caller.store.catalog();
    let offer = find(&catalog, id)?;
    let uri = format!("/v1/offers/{}/addons?country={country}", offer.id);
    let add_ons = offer
        .add_ons
        .iter()
        .filter_map(|add_on| catalog.offer(add_on));
    Ok(collection(&catalog, add_ons, &country, uri))
}

pub(super) fn routes<S: Shared>() -> Routes<S> {
    let country = |operation: Operation| {
        operation
            .query("country", "Two-letter ISO country code.")
            .required()
    };
    Routes::new()
        .add(
            country(Operation::get("/v1/offers", "listOffers"))
                .summary("Lists the offers of the partner's catalog for a country.")
                .ok::<Collection<OfferView<'static>>>("The offers."),
            list,
        )
        .add(
            country(Operation::get("/v1/offers/{offer_id}", "getOffer"))
                .summary("Gets an offer.")
                .ok::<OfferView<'static>>("The offer."),
            get,
        )
        .add(
            country(Operation::get(
                "/v1/offers/{offer_id}/addons",
                "listOfferAddOns",
            ))
            .summary("Lists the add-ons that can be bought with an offer.")
            .ok::<Collection<OfferView<'static>>>("The add-on offers."),
            add_ons,
        )
}
