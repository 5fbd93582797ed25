#!/usr/bin/env python3
"""Names a file path cannot hold (folder markers, a//b, /lead, a/../b, a/b beside a/b/c) through
the UNMODIFIED official AIStore Python SDK: put, get, head, list with and without NO_RECURSION,
delete. Also a listing paged through many pages (the target keeps its walk between them).

    . "$(scripts/python-sdk-env.sh | tail -1)"
    AIS_ENDPOINT=http://127.0.0.1:8080 "$AIS_SDK_PYTHON" jais-it/src/test/python/sdk_names.py

Prints "ok: ..." / "FAIL: ..." per check, then "N passed, M failed"; exits non-zero on a failure.
"""

import os
import sys
import traceback
import uuid

from urllib3.util.retry import Retry

from aistore.sdk import Client
from aistore.sdk.errors import AISError, ErrObjNotFound
from aistore.sdk.list_object_flag import ListObjectFlag
from aistore.sdk.retry_config import NETWORK_RETRY_EXCEPTIONS, RetryConfig

results = {"passed": 0, "failed": 0}
IS_DIR = 1 << 8  # AIS apc.EntryIsDir: the SDK has no accessor for it


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
bucket = client.bucket("sdk-names-" + uuid.uuid4().hex[:8]).create()
# no "a/../b" or "a/./": requests (urllib3) removes dot segments from URLs, so the SDK sends "b", "a/"
NAMES = ["dir/", "dir/f", "a//b", "/lead", "a/", "p/q", "p/q/r", "m/n/o", "m/n"]


def data(name):
    return ("content of " + name).encode()


def put_all():
    for name in NAMES:
        bucket.object(name).get_writer().put_content(data(name))


def get_head_all():
    for name in NAMES:
        assert bucket.object(name).get_reader().read_all() == data(name), name
        assert int(bucket.object(name).head()["Content-Length"]) == len(data(name)), name


def names(prefix="", flags=None, page_size=0):
    return [(e.name + " dir" if e.flags & IS_DIR else e.name)
            for e in bucket.list_objects_iter(prefix=prefix, flags=flags, page_size=page_size)]


def list_recursive():
    got = names()
    assert got == sorted(NAMES, key=lambda n: n.encode()), got
    assert names(page_size=2) == got


def list_no_recursion():
    flags = [ListObjectFlag.NO_RECURSION]
    assert names("", flags) == ["/ dir", "a/ dir", "dir/ dir", "m/ dir", "p/ dir"], names("", flags)
    assert names("dir/", flags) == ["dir/", "dir/f"], names("dir/", flags)
    assert names("p/", flags) == ["p/q", "p/q/ dir"], names("p/", flags)
    assert names("a/", flags) == ["a/", "a// dir"], names("a/", flags)


def list_prefixes():
    assert names("/") == ["/lead"]
    assert names("nothing/") == []


def delete_all():
    for name in NAMES:
        bucket.object(name).delete()
        try:
            bucket.object(name).head()
            raise AssertionError(name + " still there")
        except (ErrObjNotFound, AISError) as e:  # a HEAD's 404 has no body to classify by
            assert getattr(e, "status_code", 404) == 404, e
    assert names() == []


def many_pages():
    for i in range(2500):
        bucket.object("many/%05d" % i).get_writer().put_content(b"x")
    got = [e.name for e in bucket.list_objects_iter(prefix="many/", page_size=100)]
    assert got == ["many/%05d" % i for i in range(2500)], (len(got), got[:3])
    sizes = [e.size for e in bucket.list_all_objects(prefix="many/", page_size=1000)]
    assert sizes == [1] * 2500, sizes[:3]


check("put names a path cannot hold", put_all)
check("get and head them", get_head_all)
check("list recursively, by their names, in order", list_recursive)
check("list with NO_RECURSION", list_no_recursion)
check("list prefixes: '/' and one that matches nothing", list_prefixes)
check("delete them", delete_all)
check("list 2,500 objects in pages of 100 and 1,000", many_pages)
bucket.delete()
print(f"{results['passed']} passed, {results['failed']} failed", flush=True)
sys.exit(1 if results["failed"] else 0)
