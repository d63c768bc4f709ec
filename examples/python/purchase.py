#!/usr/bin/env python3
"""A new-commerce purchase written with plain `requests`, run against the mock.

It buys the way a partner's ordering tool does: find the product in the catalog, follow its links
to the catalog item id, build a cart (a mistyped line comes back with its error and is fixed with
PUT), check it out, and read the subscription. Then it lets the customer go: the removal of the
reseller relationship is refused while the subscription lives, so it cancels it inside its 7-day
window and removes the relationship. A second run buys under a provisioning delay: the order stays
`pending` until the mock's clock is moved past the delay, then it is `completed`.

    python3 examples/python/purchase.py                          # starts the mock binary itself
    python3 examples/python/purchase.py http://127.0.0.1:8080    # or uses a running mock

Each run works in its own partner namespace (`python-purchase`, `python-purchase-delayed`), reset
first, so the recipe can run again and leaves the `default` namespace alone.
"""

import os

from partner_center import PartnerCenter, mock

ADATUM = "11111111-1111-4111-8111-111111111111"  # removable before the purchase
PRODUCT = "CFQ7TTC0LH18"  # Microsoft 365 Business Basic


def cart_of(catalog_item):
    return {"lineItems": [{"catalogItemId": catalog_item, "quantity": 5, "billingCycle": "monthly", "termDuration": "P1Y"}]}


def find_catalog_item(pc):
    """Products, then the product's SKUs, then the SKU's availabilities; links carry no /v1."""
    products = pc.expect(200, "GET", "/v1/products?country=US&targetView=OnlineServices")["items"]
    product = next(p for p in products if p["id"] == PRODUCT)
    assert product["productType"]["id"] == "OnlineServicesNCE", product
    sku = pc.expect(200, "GET", "/v1" + product["links"]["skus"]["uri"])["items"][0]
    availability = pc.expect(200, "GET", "/v1" + sku["links"]["availabilities"]["uri"])["items"][0]
    return availability["catalogItemId"]


def checkout(pc, catalog_item):
    """Creates a cart for Adatum and checks it out; gives the checkout result."""
    cart = pc.expect(201, "POST", f"/v1/customers/{ADATUM}/carts", cart_of(catalog_item))
    assert "error" not in cart["lineItems"][0], cart
    result = pc.expect(201, "POST", f"/v1/customers/{ADATUM}/carts/{cart['id']}/checkout")
    assert result["orderErrors"] == [], result
    return result


def buy_cancel_and_remove(pc):
    catalog_item = find_catalog_item(pc)
    carts = f"/v1/customers/{ADATUM}/carts"

    # A mistyped line does not fail the request: the cart carries the line's integer error, and
    # cannot be checked out until the line is fixed.
    mistyped = pc.expect(201, "POST", carts, cart_of(catalog_item[:-1] + "X"))
    assert mistyped["lineItems"][0]["error"]["errorCode"] == 10001, mistyped
    refused = pc.call("POST", f"{carts}/{mistyped['id']}/checkout")
    assert refused.status_code == 400 and refused.json()["code"] == 800009, refused.text
    fixed = pc.expect(201, "PUT", f"{carts}/{mistyped['id']}", cart_of(catalog_item))
    assert "error" not in fixed["lineItems"][0], fixed

    result = pc.expect(201, "POST", f"{carts}/{mistyped['id']}/checkout")
    order = result["orders"][0]
    assert order["status"] == "completed" and result["orderErrors"] == [], result
    subscription = order["lineItems"][0]["subscriptionId"]
    bought = pc.expect(200, "GET", f"/v1/customers/{ADATUM}/subscriptions/{subscription}")
    assert (bought["status"], bought["offerId"], bought["quantity"]) == ("active", catalog_item, 5), bought

    removal = {"relationshipToPartner": "none"}
    blocked = pc.call("PATCH", f"/v1/customers/{ADATUM}", removal)
    assert blocked.status_code == 400, blocked.text
    assert (blocked.json()["code"], blocked.json()["data"]) == (900400, [subscription]), blocked.text
    assert blocked.headers["X-Mock-Rule"] == "relationship-removal-active-subscriptions"

    cancelled = pc.expect(200, "PATCH", f"/v1/customers/{ADATUM}/subscriptions/{subscription}", {"status": "deleted"})
    assert cancelled["status"] == "deleted", cancelled
    removed = pc.expect(200, "PATCH", f"/v1/customers/{ADATUM}", removal)
    assert removed["relationshipToPartner"] == "none", removed
    return order["id"], subscription


def buy_under_a_provisioning_delay(pc):
    pc.expect(200, "PUT", "/_mock/settings", {"provisioningDelay": "PT10M"})
    order = checkout(pc, find_catalog_item(pc))["orders"][0]
    order_path = f"/v1/customers/{ADATUM}/orders/{order['id']}"
    subscription = order["lineItems"][0]["subscriptionId"]
    provisioning = f"/v1/customers/{ADATUM}/subscriptions/{subscription}/provisioningstatus"

    def line_status():
        return pc.expect(200, "GET", f"{order_path}/provisioningstatus")["items"][0]["status"]

    assert order["status"] == "pending", order
    assert pc.expect(200, "GET", order_path)["status"] == "pending"
    assert line_status() == "PrefulfillmentPending"
    assert pc.expect(200, "GET", provisioning)["status"] == "pending"

    pc.expect(200, "POST", "/_mock/clock/advance", {"duration": "PT10M"})
    assert pc.expect(200, "GET", order_path)["status"] == "completed"
    assert line_status() == "Fulfilled"
    assert pc.expect(200, "GET", provisioning)["status"] == "success"
    return order["id"]


def main():
    with mock() as base_url:
        token = os.environ.get("PCMOCK_ADMIN_TOKEN", "python-recipe")
        at_once = PartnerCenter(base_url, token, "python-purchase")
        delayed = PartnerCenter(base_url, token, "python-purchase-delayed")
        for pc in (at_once, delayed):  # a reset keeps the settings: set the delay to none as well
            pc.expect(200, "POST", "/_mock/reset")
            pc.expect(200, "PUT", "/_mock/settings", {"provisioningDelay": "PT0S"})

        order, subscription = buy_cancel_and_remove(at_once)
        pending = buy_under_a_provisioning_delay(delayed)
        print(
            f"python purchase recipe: order {order} made subscription {subscription}, cancelled before the"
            f" removal; order {pending} was pending until the clock passed the delay - passed"
        )


if __name__ == "__main__":
    main()
