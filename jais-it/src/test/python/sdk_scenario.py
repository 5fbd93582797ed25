#!/usr/bin/env python3
"""End-to-end scenario against a running JAIS (or AIS) cluster, driven by the UNMODIFIED
official AIStore Python SDK (package `aistore`, 1.25.x).

    . "$(scripts/python-sdk-env.sh | tail -1)"
    AIS_ENDPOINT=http://127.0.0.1:8080 "$AIS_SDK_PYTHON" jais-it/src/test/python/sdk_scenario.py

Prints one line per check ("ok: ..." / "FAIL: ..."), then "N passed, M failed" and exits
non-zero if anything failed. The SDK's HTTP retry is shortened (a stray 5xx fails in about a
second instead of ~93 s of back-off); set SDK_SCENARIO_DEFAULT_RETRY=1 to keep the defaults.
Optional: SDK_SCENARIO_SKIP_PARALLEL=1 skips get_reader(num_workers=...) (it forks workers).
"""

import os
import sys
import time
import traceback
import uuid

import xxhash
from tenacity import Retrying, retry_if_exception_type, stop_after_attempt, wait_fixed
from urllib3.util.retry import Retry

from aistore.sdk import Client
from aistore.sdk.errors import (
    AISError,
    ErrBckAlreadyExists,
    ErrBckNotFound,
    ErrObjNotFound,
)
from aistore.sdk.retry_config import NETWORK_RETRY_EXCEPTIONS, RetryConfig


def _xxhash_compat():
    """The SDK (utils.get_digest, used by get_reader(direct=True)) calls
    xxhash.xxh64(seed=..., input=...): xxhash 3.x syntax. xxhash 4.x (what the machine's
    wheelhouse has) rejects the `input=` keyword, so direct reads would die client-side with
    a TypeError before any request. Shim the dependency (not the SDK) so the scenario tests
    the server; say so loudly."""
    try:
        xxhash.xxh64(seed=0, input=b"")
        return
    except TypeError:
        pass
    orig = xxhash.xxh64

    def xxh64(*args, input=None, **kw):  # noqa: A002 - mirrors the xxhash 3.x keyword
        return orig(input, *args, **kw) if input is not None else orig(*args, **kw)

    xxhash.xxh64 = xxh64
    print(f"note: xxhash {xxhash.VERSION} rejects xxh64(input=...), which the SDK uses for "
          "direct=True; shimmed in this process", flush=True)


_xxhash_compat()

ENDPOINT = os.environ.get("AIS_ENDPOINT", "http://127.0.0.1:8080")
XXH_SEED = 1103515245  # AIS "MLCG32": Smap id_digest = XXH64(daemon_id, seed)

PASSED = []
FAILED = []


class Skip(Exception):
    """Raised by a step that cannot run with this SDK/cluster (not a failure)."""


def step(title):
    """Decorator-free runner: step("title")(fn) runs fn, records ok/FAIL, never raises."""

    def run(fn):
        t0 = time.monotonic()
        try:
            fn()
        except Skip as e:
            print(f"skip: {title}: {e}", flush=True)
            return
        except Exception as e:  # noqa: BLE001 - report every failure, keep going
            FAILED.append(title)
            print(f"FAIL: {title}: {type(e).__name__}: {e}", flush=True)
            traceback.print_exc(limit=6, file=sys.stdout)
            sys.stdout.flush()
            return
        PASSED.append(title)
        print(f"ok: {title} ({(time.monotonic() - t0) * 1000:.0f} ms)", flush=True)

    return run


def check(cond, msg):
    if not cond:
        raise AssertionError(msg)


def eq(actual, expected, what):
    if actual != expected:
        a, e = repr(actual), repr(expected)
        if len(a) > 200:
            a = a[:200] + f"... (len {len(actual)})"
        if len(e) > 200:
            e = e[:200] + f"... (len {len(expected)})"
        raise AssertionError(f"{what}: expected {e}, got {a}")


def raises(exc_type, fn, what):
    """fn() must raise exc_type (an AISError subclass); returns the exception."""
    try:
        fn()
    except exc_type as e:
        return e
    except Exception as e:  # noqa: BLE001
        raise AssertionError(
            f"{what}: expected {exc_type.__name__}, got {type(e).__name__}: {e}"
        ) from e
    raise AssertionError(f"{what}: expected {exc_type.__name__}, nothing was raised")


def xxh(data: bytes) -> str:
    return xxhash.xxh64(data).hexdigest()


def make_client():
    if os.environ.get("SDK_SCENARIO_DEFAULT_RETRY") == "1":
        return Client(ENDPOINT)
    fast = RetryConfig(
        http_retry=Retry(
            total=1,
            backoff_factor=0.2,
            status_forcelist=[429, 500, 502, 503, 504],
            connect=0,
            read=0,
        ),
        network_retry=Retrying(
            wait=wait_fixed(0.5),
            stop=stop_after_attempt(3),
            retry=retry_if_exception_type(NETWORK_RETRY_EXCEPTIONS),
            reraise=True,
        ),
    )
    return Client(ENDPOINT, retry_config=fast, timeout=(5, 30))


def main():
    print(f"AIS_ENDPOINT={ENDPOINT}", flush=True)
    client = make_client()
    run_id = uuid.uuid4().hex[:10]
    bck_name = f"sdk-scn-{run_id}"
    bck = client.bucket(bck_name)
    prefix = "pfx/"
    rnd = os.urandom

    # object payloads
    small = {f"{prefix}obj-{i:03d}": rnd(1 + i * 37) for i in range(25)}
    big_name, big = "big/3mib.bin", rnd(3 * 1024 * 1024 + 123)
    empty_name = "empty"
    tricky = {
        "tricky/a b": b"space",
        "tricky/x?y=1&z": b"query-chars",
        "tricky/%25": b"percent",
        "tricky/你好/世界.txt": "unicode 你好".encode(),
        "tricky/hash#frag": b"fragment",
    }
    all_objects = {**small, big_name: big, empty_name: b"", **tricky}

    # ---------------------------------------------------------------- cluster
    @step("cluster map: get_info() has pmap/tmap/proxy_si, version, uuid, id_digest")
    def _():
        smap = client.cluster().get_info()
        check(len(smap.pmap) > 0, "pmap is empty")
        check(len(smap.tmap) > 0, "tmap is empty")
        check(int(smap.version) > 0, f"smap version must be > 0, got {smap.version!r}")
        check(smap.uuid, "cluster uuid is empty")
        check(smap.proxy_si and smap.proxy_si.daemon_id in smap.pmap,
              f"proxy_si {smap.proxy_si and smap.proxy_si.daemon_id!r} not in pmap")
        for nodes, kind in ((smap.pmap, "proxy"), (smap.tmap, "target")):
            for did, node in nodes.items():
                eq(node.daemon_id, did, "Snode.daemon_id vs map key")
                eq(node.daemon_type, kind, f"daemon_type of {did}")
                check(node.public_net and node.public_net.direct_url,
                      f"{did}: public_net.direct_url missing")
                eq(node.id_digest, xxhash.xxh64(did.encode(), seed=XXH_SEED).intdigest(),
                   f"{did}: id_digest (XXH64(daemon_id, seed {XXH_SEED}))")
        print(f"     {len(smap.pmap)} proxies, {len(smap.tmap)} targets, "
              f"version {smap.version}, uuid {smap.uuid}", flush=True)

    if FAILED:  # no cluster map: the endpoint is down or not AIS-compatible; stop here
        print(f"cannot read the cluster map from {ENDPOINT}; not running the other steps")
        print(f"{len(PASSED)} passed, {len(FAILED)} failed", flush=True)
        return 1

    # ---------------------------------------------------------------- buckets
    @step(f"create bucket ais://{bck_name}")
    def _():
        bck.create()

    @step("create(exist_ok=True) on an existing bucket is a no-op")
    def _():
        bck.create(exist_ok=True)

    @step("create() on an existing bucket raises ErrBckAlreadyExists")
    def _():
        raises(ErrBckAlreadyExists, bck.create, "second create() without exist_ok")

    @step("list_buckets() contains the new bucket")
    def _():
        names = [b.name for b in client.cluster().list_buckets()]
        check(bck_name in names, f"{bck_name} not in list_buckets(): {names}")
        models = [b for b in client.cluster().list_buckets() if b.name == bck_name]
        eq(models[0].provider, "ais", "bucket provider")

    @step("bucket head(): Ais-Bucket-Props JSON with checksum.type xxhash2")
    def _():
        import json
        hdrs = bck.head()
        props = json.loads(hdrs["Ais-Bucket-Props"])
        eq(props["checksum"]["type"], "xxhash2", "bucket checksum type")

    # ------------------------------------------------------------ invalid names
    # docs/native-api.md#buckets / SDK test_create_bucket_invalid_name: create() must raise an AISError
    # subclass; delete(missing_ok=True) may succeed or raise an AISError subclass.
    for bad in ["*", ".", "", " ", "bucket/badname", "bucket and name", "#badname",
                "$badname", "~badname", "..", ".hidden", "x" * 65]:
        @step(f"invalid bucket name {bad!r}: create() raises AISError")
        def _(bad=bad):
            b = client.bucket(bad)
            raises(AISError, b.create, f"create({bad!r})")
            try:
                b.delete(missing_ok=True)
            except AISError:
                pass
            except Exception as e:  # noqa: BLE001
                raise AssertionError(f"delete(missing_ok=True) on {bad!r}: expected success or "
                                     f"AISError, got {type(e).__name__}: {e}") from e

    # ------------------------------------------------------------------- PUT
    @step(f"put {len(all_objects)} objects (25 small, 3 MiB, empty, tricky names)")
    def _():
        for name, data in all_objects.items():
            bck.object(name).get_writer().put_content(data)

    # ------------------------------------------------------------------- GET
    @step("get read_all() returns the exact bytes for every object")
    def _():
        for name, data in all_objects.items():
            got = bck.object(name).get_reader().read_all()
            eq(got, data, f"content of {name!r}")

    @step("list_objects() round-trips the tricky names")
    def _():
        names = [e.name for e in bck.list_all_objects(prefix="tricky/")]
        eq(names, sorted(tricky), "tricky names listed")

    @step("range read bytes=5-100 (206) and open-ended bytes=5- and suffix bytes=-10")
    def _():
        obj = bck.object(big_name)
        eq(obj.get_reader(byte_range="bytes=5-100").read_all(), big[5:101], "bytes=5-100")
        eq(obj.get_reader(byte_range="bytes=5-").read_all(), big[5:], "bytes=5-")
        eq(obj.get_reader(byte_range="bytes=-10").read_all(), big[-10:], "bytes=-10")
        eq(b"".join(obj.get_reader(byte_range="bytes=1000-2047", chunk_size=100)),
           big[1000:2048], "iterated range bytes=1000-2047")

    @step("chunked read: iterate get_reader(chunk_size=64 KiB)")
    def _():
        chunks = list(bck.object(big_name).get_reader(chunk_size=64 * 1024))
        check(len(chunks) > 1, f"expected several chunks, got {len(chunks)}")
        eq(b"".join(chunks), big, "joined chunks")

    @step("as_file().read() and reader.attributes (HEAD v1) size/checksum")
    def _():
        reader = bck.object(big_name).get_reader()
        eq(reader.attributes.size, len(big), "reader.attributes.size")
        eq(reader.attributes.checksum_value, xxh(big), "reader.attributes.checksum_value")
        with reader.as_file() as f:
            eq(f.read(), big, "as_file().read()")

    @step("parallel read: get_reader(num_workers=4, chunk_size=1 MiB) read_all + iterate")
    def _():
        if os.environ.get("SDK_SCENARIO_SKIP_PARALLEL") == "1":
            raise Skip("SDK_SCENARIO_SKIP_PARALLEL=1")
        obj = bck.object(big_name)
        # HEAD v2 props=chunked, then Range GETs bytes=<s>-<e-1> from 4 forked workers
        with obj.get_reader(num_workers=4, chunk_size=1024 * 1024).read_all() as buf:
            eq(buf.tobytes(), big, "parallel read_all()")
        eq(b"".join(obj.get_reader(num_workers=4, chunk_size=1024 * 1024)), big,
           "parallel iteration")
        # default chunk size (8 MiB or the object's max chunk size)
        with obj.get_reader(num_workers=2).read_all() as buf:
            eq(buf.tobytes(), big, "parallel read_all() with default chunk size")

    @step("direct=True read goes straight to the HRW target")
    def _():
        for name in (big_name, "tricky/你好/世界.txt", f"{prefix}obj-007"):
            eq(bck.object(name).get_reader(direct=True).read_all(), all_objects[name],
               f"direct read of {name!r}")
        eq(bck.object(big_name).get_reader(direct=True, byte_range="bytes=10-19").read_all(),
           big[10:20], "direct range read")

    # ------------------------------------------------------------------ HEAD
    @step("head()/props: size, xxhash2 checksum, version 1, present, no custom md")
    def _():
        for name in (big_name, empty_name, f"{prefix}obj-003", "tricky/x?y=1&z"):
            data = all_objects[name]
            obj = bck.object(name)
            hdrs = obj.head()
            check("Content-Length" in hdrs, f"{name!r}: HEAD without Content-Length")
            p = obj.props
            eq(p.size, len(data), f"{name!r} size")
            eq(p.checksum_type, "xxhash2", f"{name!r} checksum type")
            eq(p.checksum_value, xxh(data), f"{name!r} checksum value (xxh64 hex)")
            eq(p.obj_version, "1", f"{name!r} version after one PUT")
            eq(p.present, True, f"{name!r} present")
            eq(p.custom_metadata, {}, f"{name!r} custom metadata of a plain object")
            check(p.access_time, f"{name!r}: Ais-Atime missing")
            eq(p.name, name, f"{name!r} Ais-Name")
            eq(p.bucket_name, bck_name, f"{name!r} Ais-Bucket-Name")

    @step("overwrite bumps version to 2 and updates checksum")
    def _():
        name = f"{prefix}obj-000"
        data = b"overwritten " + rnd(100)
        obj = bck.object(name)
        obj.get_writer().put_content(data)
        small[name] = all_objects[name] = data
        p = obj.props
        eq(p.obj_version, "2", "version after second PUT")
        eq(p.size, len(data), "size after overwrite")
        eq(p.checksum_value, xxh(data), "checksum after overwrite")
        eq(obj.get_reader().read_all(), data, "content after overwrite")

    @step("HEAD v2: head_v2(props) returns only what was asked")
    def _():
        obj = bck.object(big_name)
        if not hasattr(obj, "head_v2"):
            raise Skip("this SDK has no Object.head_v2")
        a = obj.head_v2()  # default props "name,size"
        eq(a.size, len(big), "v2 size")
        check(a.present, "v2 Ais-Present must be true")
        eq(a.last_modified, "", "v2 Last-Modified must be absent unless asked")
        eq(a.etag, "", "v2 ETag must be absent unless asked")
        eq(a.checksum_value, "", "v2 checksum must be absent unless asked")
        a = obj.head_v2("checksum,version,atime")
        eq(a.checksum_type, "xxhash2", "v2 checksum type")
        eq(a.checksum_value, xxh(big), "v2 checksum value")
        eq(a.obj_version, "1", "v2 version")
        check(a.access_time, "v2 atime missing")
        a = obj.head_v2("chunked")
        eq(a.size, len(big), "v2 size with props=chunked")
        a = bck.object(empty_name).head_v2()
        eq(a.size, 0, "v2 size of the empty object")

    # ---------------------------------------------------------- custom props
    @step("set_custom_props merges, replace_existing replaces; read back via HEAD")
    def _():
        name = f"{prefix}obj-001"
        obj = bck.object(name)
        w = obj.get_writer()
        w.set_custom_props({"testkey1": "testval1", "testkey2": "testval2"})
        eq(obj.props.custom_metadata, {"testkey1": "testval1", "testkey2": "testval2"},
           "custom md after first PATCH")
        w.set_custom_props({"testkey3": "testval3"})
        eq(obj.props.custom_metadata,
           {"testkey1": "testval1", "testkey2": "testval2", "testkey3": "testval3"},
           "custom md after merge")
        w.set_custom_props({"only": "this"}, replace_existing=True)
        eq(obj.props.custom_metadata, {"only": "this"}, "custom md after replace_existing")
        r = obj.get_reader()
        r.read_all()
        eq(r.attributes.custom_metadata, {"only": "this"}, "custom md on GET headers")
        eq(obj.get_reader().read_all(), small[name], "content unchanged by PATCH")

    # ---------------------------------------------------------- append/flush
    @step("append_content x3 + flush: old content visible until flush, then C+A1+A2+A3")
    def _():
        name = "append/target"
        obj = bck.object(name)
        base = b"base-content|"
        obj.get_writer().put_content(base)
        w = obj.get_writer()
        parts = [b"A1-" + rnd(10), b"A2-" + rnd(1000), b"A3-" + rnd(5)]
        handle = ""
        for part in parts:
            handle = w.append_content(part, handle=handle)
            check(handle, "append_content returned an empty Ais-Append-Handle")
        eq(obj.get_reader().read_all(), base, "content before flush")
        last = w.append_content(b"", handle=handle, flush=True)
        eq(last, "", "handle returned by flush")
        want = base + b"".join(parts)
        eq(obj.get_reader().read_all(), want, "content after flush")
        eq(obj.props.checksum_value, xxh(want), "checksum after flush")

        fresh = bck.object("append/fresh")
        h = fresh.get_writer().append_content(b"first")
        h = fresh.get_writer().append_content(b"-second", handle=h)
        fresh.get_writer().append_content(b"", handle=h, flush=True)
        eq(fresh.get_reader().read_all(), b"first-second", "append to a new object")

    # --------------------------------------------------------------- listing
    expected = sorted(small)

    @step("list_objects paging, page sizes 7 and 17: each object once, sorted, non-empty UUID")
    def _():
        for page_size in (7, 17):
            names, token, list_uuid, pages = [], "", "", 0
            while True:
                page = bck.list_objects(prefix=prefix, page_size=page_size,
                                        uuid=list_uuid, continuation_token=token)
                pages += 1
                check(page.uuid, f"page {pages}: empty list UUID (SDK iterators loop forever)")
                entries = page.entries
                check(len(entries) <= page_size,
                      f"page {pages}: {len(entries)} entries > page_size {page_size}")
                if len(entries) == page_size:
                    eq(page.continuation_token, entries[-1].name,
                       f"page {pages}: token of a full page = last name")
                names += [e.name for e in entries]
                if page.continuation_token == "":
                    break
                token, list_uuid = page.continuation_token, page.uuid
                check(pages < 100, "more than 100 pages: paging does not terminate")
            eq(names, expected, f"names over all pages (page_size={page_size})")

    @step("list_all_objects(page_size=7) and list_objects_iter(prefix, page_size=17)")
    def _():
        eq([e.name for e in bck.list_all_objects(prefix=prefix, page_size=7)], expected,
           "list_all_objects")
        eq([e.name for e in bck.list_objects_iter(prefix=prefix, page_size=17)], expected,
           "list_objects_iter")
        everything = [e.name for e in bck.list_objects_iter()]
        eq(everything, sorted(everything), "whole-bucket listing order")
        check(set(all_objects) <= set(everything),
              f"missing from listing: {sorted(set(all_objects) - set(everything))}")

    @step("start_after: strictly greater names only")
    def _():
        after = expected[10]
        eq([e.name for e in bck.list_all_objects(prefix=prefix, start_after=after)],
           expected[11:], f"start_after={after!r}")
        eq([e.name for e in bck.list_all_objects(prefix=prefix, page_size=4,
                                                 start_after=after)],
           expected[11:], f"start_after={after!r} with page_size=4")

    @step("props name,size: sizes match; entries ok and cached")
    def _():
        entries = bck.list_all_objects(prefix=prefix, props="name,size")
        eq({e.name: e.size for e in entries}, {n: len(d) for n, d in small.items()},
           "listed sizes")
        for e in entries:
            check(e.is_ok(), f"{e.name}: entry status flags not ok (f={e.flags})")
            check(e.is_cached(), f"{e.name}: IsCached flag (64) missing (f={e.flags})")
        entries = bck.list_all_objects(prefix=prefix, props="name,size,checksum,version")
        for e in entries:
            eq(e.checksum, xxh(small[e.name]), f"{e.name}: listed checksum")
            check(e.version in ("1", "2"), f"{e.name}: listed version {e.version!r}")

    # ---------------------------------------------------------------- errors
    @step("missing object: GET raises ErrObjNotFound, HEAD raises AISError 404")
    def _():
        obj = bck.object("no/such/object")
        raises(ErrObjNotFound, lambda: obj.get_reader().read_all(), "GET missing object")
        e = raises(AISError, obj.head, "HEAD missing object")
        eq(e.status_code, 404, "HEAD missing object status")

    @step("missing bucket: list_objects/GET raise ErrBckNotFound")
    def _():
        nb = client.bucket(f"no-such-bck-{run_id}")
        raises(ErrBckNotFound, nb.list_objects, "list_objects on a missing bucket")
        raises(ErrBckNotFound, lambda: nb.object("x").get_reader().read_all(),
               "GET from a missing bucket")
        raises(ErrBckNotFound, nb.delete, "delete() of a missing bucket")
        nb.delete(missing_ok=True)

    # ---------------------------------------------------------------- delete
    @step("delete objects, then GET raises ErrObjNotFound and listing no longer has them")
    def _():
        victims = [f"{prefix}obj-002", empty_name, "tricky/a b", "tricky/你好/世界.txt"]
        for name in victims:
            bck.object(name).delete()
        for name in victims:
            e = raises(ErrObjNotFound, lambda n=name: bck.object(n).get_reader().read_all(),
                       f"GET deleted {name!r}")
            eq(e.status_code, 404, f"GET deleted {name!r} status")
        raises(ErrObjNotFound, bck.object(victims[0]).delete, "second delete")
        left = {e.name for e in bck.list_objects_iter()}
        check(not (set(victims) & left), f"deleted objects still listed: {set(victims) & left}")

    # --------------------------------------------------------------- destroy
    @step("destroy bucket; gone from list_buckets; delete(missing_ok=True) again")
    def _():
        bck.delete()
        names = [b.name for b in client.cluster().list_buckets()]
        check(bck_name not in names, f"{bck_name} still listed after delete")
        raises(ErrBckNotFound, bck.list_objects, "list_objects after destroy")
        bck.delete(missing_ok=True)

    if FAILED:  # best-effort cleanup after a failure
        try:
            bck.delete(missing_ok=True)
        except Exception:  # noqa: BLE001
            pass

    print(f"{len(PASSED)} passed, {len(FAILED)} failed", flush=True)
    for t in FAILED:
        print(f"  failed: {t}")
    return 1 if FAILED else 0


if __name__ == "__main__":
    sys.exit(main())
