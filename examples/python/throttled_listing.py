#!/usr/bin/env python3
"""A Partner Center client written with plain `requests` that honours throttling, run against the
mock with Partner Center's documented limits turned on.

It takes an inventory the way a partner's reporting job does: page through every customer, list
each one's subscriptions, and read every subscription in full. One customer has 600
subscriptions, more than the 500 requests a minute Partner Center allows per customer, so the
job is throttled: it waits the `Retry-After` seconds the 429 names, backs off exponentially when
refused again, and carries on. The mock divides every window by 20 (a minute becomes 3 seconds),
so the run stays short.

    python3 examples/python/throttled_listing.py                 # starts the mock binary itself
    python3 examples/python/throttled_listing.py http://127.0.0.1:8080   # or uses a running mock
"""

import time
import uuid

from partner_center import PartnerCenter, mock

TIME_SCALE = 20
# The inventory runs in a namespace of its own, so that a shared mock's other users are untouched.
NAMESPACE = "throttled-listing"
E3 = "91fd106f-4b2c-4938-95ac-f54f74e9a239"
BIG_ESTATE = 600


class Throttled(Exception):
    pass


class PatientPartnerCenter(PartnerCenter):
    """The thin client, with every call retried after a 429, as Partner Center's guidance asks."""

    MAX_ATTEMPTS = 6

    def __init__(self, base_url, token):
        super().__init__(base_url, token, NAMESPACE)
        self.waits = []

    def request(self, method, path, body=None, headers=None):
        """Calls until the answer is not a 429; gives its JSON body."""
        for attempt in range(self.MAX_ATTEMPTS):
            answer = self.call(method, path, body, headers)
            if answer.status_code != 429:
                answer.raise_for_status()
                return answer.json()
            retry_after = int(answer.headers["Retry-After"])
            expected = {"statusCode": 429, "message": f"Rate limit is exceeded. Try again in {retry_after} seconds."}
            assert answer.json() == expected, answer.text
            # Wait what the service asks; when refused again, back off exponentially.
            wait = retry_after * 2 ** attempt
            self.waits.append(wait)
            time.sleep(wait)
        raise Throttled(f"{method} {path} was still throttled after {self.MAX_ATTEMPTS} attempts")

    def customers(self):
        page = self.request("GET", "/v1/customers?size=500")
        while True:
            yield from page["items"]
            following = page.get("links", {}).get("next")
            if not following:
                return
            # The link's uri, with the headers it names (the continuation token), as the SDK follows it.
            page = self.request("GET", following["uri"], headers={h["key"]: h["value"] for h in following["headers"]})

    def subscriptions(self, customer):
        return self.request("GET", f"/v1/customers/{customer}/subscriptions")["items"]

    def subscription(self, customer, subscription):
        return self.request("GET", f"/v1/customers/{customer}/subscriptions/{subscription}")


def inventory(pc):
    """Every customer's subscriptions, each read in full: {customer id: [subscription, ...]}."""
    estate = {}
    for customer in pc.customers():
        listed = pc.subscriptions(customer["id"])
        estate[customer["id"]] = [pc.subscription(customer["id"], s["id"]) for s in listed]
    return estate


def big_customer(pc):
    """A customer with BIG_ESTATE licence subscriptions, bought in three orders."""
    created = pc.request("POST", "/v1/customers", {
        "companyProfile": {"domain": f"estate{uuid.uuid4().hex[:8]}"},
        "billingProfile": {"email": "it@estate.example", "culture": "en-US", "language": "en",
                           "companyName": "Big Estate Ltd",
                           "defaultAddress": {"country": "US", "city": "Redmond", "state": "WA",
                                              "addressLine1": "1 Microsoft Way", "postalCode": "98052",
                                              "firstName": "Ada", "lastName": "Lovelace"}},
    })
    lines_per_order = BIG_ESTATE // 3
    for _ in range(3):
        lines = [{"lineItemNumber": n, "offerId": E3, "quantity": 1} for n in range(lines_per_order)]
        pc.request("POST", f"/v1/customers/{created['id']}/orders", {"lineItems": lines})
    return created["id"]


def main():
    # In CI, the flags (or PCMOCK_THROTTLING and PCMOCK_THROTTLING_TIME_SCALE) turn it on.
    with mock("--throttling", "documented", "--throttling-time-scale", str(TIME_SCALE)) as base_url:
        pc = PatientPartnerCenter(base_url, "python-throttled-listing")
        settings = {"throttling": "documented", "throttlingTimeScale": TIME_SCALE}
        pc.expect(200, "PUT", "/_mock/settings", settings)
        estate_owner = big_customer(pc)
        estate = inventory(pc)
        assert len(estate[estate_owner]) == BIG_ESTATE, len(estate[estate_owner])
        assert all(s["id"] and s["status"] for subscriptions in estate.values() for s in subscriptions)
        assert pc.waits, "600 reads of one customer's subscriptions go over the documented limit"
        read = sum(len(subscriptions) for subscriptions in estate.values())
        print(f"python throttled listing: read {read} subscriptions of {len(estate)} customers, "
              f"backing off {len(pc.waits)} times for {sum(pc.waits)} s in all - passed")


if __name__ == "__main__":
    main()
