#!/usr/bin/env python3
"""Erasure coding through the UNMODIFIED official AIStore Python SDK: ec-encode on a bucket with
objects (job ID, wait), the bucket's properties as HEAD returns them, set-bprops of ec, reads
after encoding, and settings the cluster (4 targets) cannot hold refused with 400.

    . "$(scripts/python-sdk-env.sh | tail -1)"
    AIS_ENDPOINT=http://127.0.0.1:8080 "$AIS_SDK_PYTHON" jais-it/src/test/python/sdk_ec.py

Prints "ok: ..." / "FAIL: ..." per check, then "N passed, M failed"; exits non-zero on a failure.
"""

import json
import os
import sys
import traceback
import uuid

from urllib3.util.retry import Retry

from aistore.sdk import Client
from aistore.sdk.errors import AISError
from aistore.sdk.retry_config import RetryConfig

results = {"passed": 0, "failed": 0}


def check(name, fn):
    try:
        fn()
        results["passed"] += 1
        print("ok:", name, flush=True)
    except Exception:  # noqa: BLE001 - report every failure and go on
        results["failed"] += 1
        print("FAIL:", name, flush=True)
        traceback.print_exc()


retry = RetryConfig(http_retry=Retry(total=1, backoff_factor=0.1, status_forcelist=[]),
                    network_retry=RetryConfig.default().network_retry)
client = Client(os.environ.get("AIS_ENDPOINT", "http://127.0.0.1:8080"), retry_config=retry)
bucket = client.bucket("sdk-ec-" + uuid.uuid4().hex[:8]).create()
other = client.bucket("sdk-ec2-" + uuid.uuid4().hex[:8]).create()
DATA = {"obj-%d" % i: os.urandom(1000 * (i + 1) * 37) for i in range(6)}


def props(b):
    return json.loads(b.head()["ais-bucket-props"])


def put_all():
    for name, data in DATA.items():
        bucket.object(name).get_writer().put_content(data)


def ec_encode():
    resp = bucket.make_request("POST", "ec-encode",
                               value={"data_slices": 2, "parity_slices": 1, "objsize_limit": 0})
    job_id = resp.text
    assert job_id, "no job ID"
    client.job(job_id=job_id).wait(timeout=60)
    ec = props(bucket)["ec"]
    assert ec["enabled"] is True, ec
    assert ec["data_slices"] == 2 and ec["parity_slices"] == 1 and ec["objsize_limit"] == 0, ec


def read_all():
    for name, data in DATA.items():
        assert bucket.object(name).get_reader().read_all() == data, name


def set_props():
    other.make_request("PATCH", "set-bprops",
                       value={"ec": {"enabled": True, "data_slices": 1, "parity_slices": 2}})
    ec = props(other)["ec"]
    assert ec["enabled"] is True and ec["data_slices"] == 1 and ec["parity_slices"] == 2, ec
    other.object("x").get_writer().put_content(b"small, replicated")
    assert other.object("x").get_reader().read_all() == b"small, replicated"


def refused():
    try:
        other.make_request("PATCH", "set-bprops",
                           value={"ec": {"enabled": True, "data_slices": 4, "parity_slices": 2}})
        raise AssertionError("4+2 on 4 targets accepted")
    except AISError as e:
        assert e.status_code == 400, e
    ec = props(other)["ec"]
    assert ec["data_slices"] == 1 and ec["parity_slices"] == 2, ec


check("put objects", put_all)
check("ec-encode job on a bucket with objects", ec_encode)
check("reads after encoding", read_all)
check("set-bprops ec, HEAD shows it", set_props)
check("settings beyond the cluster refused with 400, nothing changed", refused)
for b in (bucket, other):
    try:
        b.delete()
    except AISError:
        pass
print("%d passed, %d failed" % (results["passed"], results["failed"]))
sys.exit(1 if results["failed"] else 0)
