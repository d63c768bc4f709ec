#!/usr/bin/env python3
"""A Partner Center client written with plain `requests`, run against the mock.

It does what a partner's clean-up tool does before it lets a customer go: find the customer,
try to remove the reseller relationship, suspend what blocks it, cancel the reserved-instance
order, and remove it. The only thing that points it at the mock is the base URL.

    python3 examples/python/cleanup.py                 # starts the mock binary itself
    python3 examples/python/cleanup.py http://127.0.0.1:8080   # or uses a running mock
"""

import requests

from partner_center import PartnerCenter, mock

FABRIKAM = "33333333-3333-4333-8333-333333333333"


class CleanUp(PartnerCenter):
    """The two calls the clean-up adds to the thin client."""

    def customers(self, company_prefix):
        flt = '{"Field":"CompanyName","Value":"%s","Operator":"starts_with"}' % company_prefix
        answer = self.call("GET", f"/v1/customers?size=0&filter={requests.utils.quote(flt)}")
        answer.raise_for_status()
        return answer.json()["items"]

    def remove_relationship(self, customer):
        return self.call("PATCH", f"/v1/customers/{customer}", {"relationshipToPartner": "none"})


def clean_up(pc, customer):
    """Removes the relationship, clearing each blocker the service names; returns the steps taken."""
    steps = []
    for _ in range(5):
        answer = pc.remove_relationship(customer)
        if answer.status_code == 200:
            steps.append("removed")
            return steps
        fault = answer.json()
        steps.append(fault["code"])
        if fault["code"] == 900400:
            for subscription in fault["data"]:
                pc.call("PATCH", f"/v1/customers/{customer}/subscriptions/{subscription}", {"status": "suspended"}).raise_for_status()
        elif fault["code"] in (900401, 900402):
            for order in fault["data"]:
                pc.call("PATCH", f"/v1/customers/{customer}/orders/{order}", {"status": "cancelled"}).raise_for_status()
        else:
            raise RuntimeError(f"unexpected refusal: {fault}")
    raise RuntimeError(f"the relationship could not be removed: {steps}")


def main():
    with mock() as base_url:
        pc = CleanUp(base_url, "python-recipe")
        found = pc.customers("fabrikam")
        assert [c["id"] for c in found] == [FABRIKAM], found
        steps = clean_up(pc, FABRIKAM)
        assert steps == [900401, "removed"], steps
        gone = pc.call("GET", f"/v1/customers/{FABRIKAM}")
        assert gone.status_code == 403 and gone.json()["code"] == 20002, gone.text
        assert pc.customers("fabrikam") == []
        print(f"python recipe: removed Fabrikam after {steps[:-1]}; it now answers 403 20002 - passed")


if __name__ == "__main__":
    main()
