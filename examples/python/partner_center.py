"""What the Python recipes share: a Partner Center client written with plain `requests`, and the
mock it runs against (a running one, or the binary started for the recipe)."""

import contextlib
import os
import subprocess
import sys
import uuid

import requests


class PartnerCenter:
    """A thin client: a bearer token, and the mock's partner namespace when one is named."""

    def __init__(self, base_url, token, namespace=None):
        self.base_url = base_url.rstrip("/")
        self.session = requests.Session()
        self.session.trust_env = False  # loopback only: never through a proxy
        self.session.headers.update({"Authorization": f"Bearer {token}", "Accept": "application/json"})
        if namespace:
            self.session.headers["X-Mock-Partner"] = namespace

    def call(self, method, path, body=None, headers=None):
        """One request, with fresh MS-RequestId and MS-CorrelationId headers; gives the response."""
        sent = {"MS-RequestId": str(uuid.uuid4()), "MS-CorrelationId": str(uuid.uuid4()), **(headers or {})}
        return self.session.request(method, self.base_url + path, json=body, headers=sent, timeout=10)

    def expect(self, status, method, path, body=None):
        """Calls, checks the status, and gives the JSON body."""
        answer = self.call(method, path, body)
        assert answer.status_code == status, f"{method} {path}: {answer.status_code} {answer.text}"
        return answer.json()


@contextlib.contextmanager
def mock(*flags):
    """The base URL to run against: the recipe's first argument, else that of the mock binary
    (PCMOCK_BINARY, else target/debug/partner-center-mock) started here with `flags` and stopped
    when the recipe is done."""
    if len(sys.argv) > 1:
        yield sys.argv[1]
        return
    binary = os.environ.get("PCMOCK_BINARY", os.path.join("target", "debug", "partner-center-mock"))
    process = subprocess.Popen([binary, "--port", "0", *flags], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        yield process.stdout.readline().strip().removeprefix("listening on ")
    finally:
        process.terminate()
        process.wait(timeout=10)
