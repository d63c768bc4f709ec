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

import os
import subprocess
import sys
import time
import uuid

import requests

TIME_SCALE = 20
# The inventory runs in a namespace of its own, so that a shared mock's other users are untouched.
NAMESPACE = "throttled-listing"
E3 = "91fd106f-4b2c-4938-95ac-f54f74e9a239"
BIG_ESTATE = 600


class Throttled(Exception):
    pass


class PartnerCenter:
    """A thin client: every call is retried after a 429, as Partner Center's guidance asks."""

    MAX_ATTEMPTS = 6

    def __init__(self, base_url, token):
        self.base_url = base_url.rstrip("/")
        self.session = requests.Session()
        self.session.trust_env = False  # loopback only: never through a proxy
        self.session.headers.update({"Authorization": f"Bearer {token}", "Accept": "application/json",
                                     "X-Mock-Partner": NAMESPACE})
        self.waits = []

    def call(self, method, path, body=None, headers=None):
        sent = {"MS-RequestId": str(uuid.uuid4()), "MS-CorrelationId": str(uuid.uuid4()), **(headers or {})}
        for attempt in range(self.MAX_ATTEMPTS):
            answer = self.session.request(method, self.base_url + path, json=body, headers=sent, timeout=10)
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
        page = self.call("GET", "/v1/customers?size=500")
        while True:
            yield from page["items"]
            following = page.get("links", {}).get("next")
            if not following:
                return
            # The link's uri, with the headers it names (the continuation token), as the SDK follows it.
            page = self.call("GET", following["uri"], headers={h["key"]: h["value"] for h in following["headers"]})

    def subscriptions(self, customer):
        return self.call("GET", f"/v1/customers/{customer}/subscriptions")["items"]

    def subscription(self, customer, subscription):
        return self.call("GET", f"/v1/customers/{customer}/subscriptions/{subscription}")


def inventory(pc):
    """Every customer's subscriptions, each read in full: {customer id: [subscription, ...]}."""
    estate = {}
    for customer in pc.customers():
        listed = pc.subscriptions(customer["id"])
        estate[customer["id"]] = [pc.subscription(customer["id"], s["id"]) for s in listed]
    return estate


def big_customer(pc):
    """A customer with BIG_ESTATE licence subscriptions, bought in three orders."""
    created = pc.call("POST", "/v1/customers", {
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
        pc.call("POST", f"/v1/customers/{created['id']}/orders", {"lineItems": lines})
    return created["id"]


def main():
    process = None
    if len(sys.argv) > 1:
        base_url = sys.argv[1]
    else:
        binary = os.environ.get("PCMOCK_BINARY", os.path.join("target", "debug", "partner-center-mock"))
        # In CI, the flags (or PCMOCK_THROTTLING and PCMOCK_THROTTLING_TIME_SCALE) turn it on.
        process = subprocess.Popen([binary, "--port", "0", "--throttling", "documented",
                                    "--throttling-time-scale", str(TIME_SCALE)],
                                   stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        base_url = process.stdout.readline().strip().removeprefix("listening on ")
    try:
        pc = PartnerCenter(base_url, "python-throttled-listing")
        settings = {"throttling": "documented", "throttlingTimeScale": TIME_SCALE}
        pc.session.put(base_url.rstrip("/") + "/_mock/settings", json=settings, timeout=10).raise_for_status()
        estate_owner = big_customer(pc)
        estate = inventory(pc)
        assert len(estate[estate_owner]) == BIG_ESTATE, len(estate[estate_owner])
        assert all(s["id"] and s["status"] for subscriptions in estate.values() for s in subscriptions)
        assert pc.waits, "600 reads of one customer's subscriptions go over the documented limit"
        read = sum(len(subscriptions) for subscriptions in estate.values())
        print(f"python throttled listing: read {read} subscriptions of {len(estate)} customers, "
              f"backing off {len(pc.waits)} times for {sum(pc.waits)} s in all - passed")
    finally:
        if process:
            process.terminate()
            process.wait(timeout=10)


if __name__ == "__main__":
    main()
