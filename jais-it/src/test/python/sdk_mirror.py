#!/usr/bin/env python3
"""Mirroring and quarantine through the UNMODIFIED official AIStore Python SDK, with its DEFAULT
retry policy: a mirrored object's props report its copies and their mountpaths; a quarantined
object's GET fails at once with a clear error (410) that the SDK's policy does not retry.

    "$AIS_SDK_PYTHON" sdk_mirror.py MIRRORED_BUCKET MIRRORED_OBJECT COPIES QUARANTINE_BUCKET QUARANTINED_OBJECT

Prints "ok: ..." / "FAIL: ..." per check, then "N passed, M failed"; exits non-zero on a failure.
"""

import json
import os
import sys
import traceback

from urllib3.util.retry import Retry

from aistore.sdk import Client
from aistore.sdk.errors import AISError
from aistore.sdk.retry_config import RetryConfig

results = {"passed": 0, "failed": 0}
retries = {"n": 0}


def check(name, fn):
    try:
        fn()
        results["passed"] += 1
        print("ok:", name, flush=True)
    except Exception:  # noqa: BLE001 - report every failure and go on
        results["failed"] += 1
        print("FAIL:", name, flush=True)
        traceback.print_exc()


class CountingRetry(Retry):
    """The SDK's default HTTP retry policy, unchanged, counting the retries it decides on."""

    def increment(self, *args, **kwargs):
        retries["n"] += 1
        return super().increment(*args, **kwargs)


default = RetryConfig.default()
http = default.http_retry
counting = CountingRetry(total=http.total, connect=http.connect, read=http.read, redirect=http.redirect,
                         status=http.status, backoff_factor=http.backoff_factor,
                         status_forcelist=http.status_forcelist, allowed_methods=http.allowed_methods,
                         raise_on_status=http.raise_on_status)
client = Client(os.environ.get("AIS_ENDPOINT", "http://127.0.0.1:8080"),
                retry_config=RetryConfig(http_retry=counting, network_retry=default.network_retry))
mirrored_bucket, mirrored_object, copies, quarantine_bucket, quarantined_object = sys.argv[1:6]


def mirrored_props():
    props = client.bucket(mirrored_bucket).object(mirrored_object).props
    assert props.mirror_copies == int(copies), props.mirror_copies
    paths = props.mirror_paths
    assert len(paths) == int(copies) and len(set(paths)) == int(copies), paths


def make_n_copies_down_by_one():
    bucket = client.bucket(mirrored_bucket)
    job_id = bucket.make_request("POST", "make-n-copies", int(copies) - 1).text.strip('"')
    client.job(job_id=job_id).wait(timeout=60)
    props = bucket.object(mirrored_object).props
    assert props.mirror_copies == int(copies) - 1, props.mirror_copies
    mirror = json.loads(bucket.head()["Ais-Bucket-Props"])["mirror"]
    assert mirror["copies"] == int(copies) - 1 and mirror["enabled"], mirror


def quarantined_get_fails_without_retries():
    before = retries["n"]
    try:
        client.bucket(quarantine_bucket).object(quarantined_object).get_reader().read_all()
    except AISError as e:
        assert e.status_code == 410, e.status_code
        assert "quarantined" in str(e), str(e)
    else:
        raise AssertionError("GET of a quarantined object succeeded")
    assert retries["n"] == before, "the SDK retried %d time(s)" % (retries["n"] - before)


check("mirrored object: props report its copies and their mountpaths", mirrored_props)
check("make-n-copies through the SDK's bucket request: one copy fewer", make_n_copies_down_by_one)
check("quarantined object: 410 at once, not retried", quarantined_get_fails_without_retries)
check("quarantined object: still 410, still not retried", quarantined_get_fails_without_retries)

print("%d passed, %d failed" % (results["passed"], results["failed"]), flush=True)
sys.exit(1 if results["failed"] else 0)
