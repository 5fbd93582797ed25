"""boto3, unmodified, with the keys a file path cannot hold: folder markers, a//b, /lead, a/../b,
a/b beside a/b/c (both orders), listings of them, ContinuationToken echo and encoding-type=url.
Usage: boto3_names.py ENDPOINT"""
import sys
import urllib.parse

import boto3
import botocore.handlers
from botocore.config import Config
from botocore.exceptions import ClientError

endpoint = sys.argv[1]
s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                  config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1}))
B = "boto-names"


def step(name):
    print("STEP", name, flush=True)


def body(key):
    return ("content of " + key).encode()


def put(*keys):
    for key in keys:
        s3.put_object(Bucket=B, Key=key, Body=body(key))


def check(*keys):
    for key in keys:
        got = s3.get_object(Bucket=B, Key=key)["Body"].read()
        assert got == body(key), (key, got)
        assert s3.head_object(Bucket=B, Key=key)["ContentLength"] == len(body(key)), key


def listing(**kwargs):
    """Keys and common prefixes of every page (1-key pages), as botocore decodes them."""
    keys, prefixes = [], []
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=B, PaginationConfig={"PageSize": 1}, **kwargs):
        keys += [o["Key"] for o in page.get("Contents", [])]
        prefixes += [p["Prefix"] for p in page.get("CommonPrefixes", [])]
    return keys, prefixes


def raw_list(**params):
    """ListObjectsV2 without botocore's automatic encoding-type=url and decoding."""
    client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                          config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1}))
    client.meta.events.unregister("before-parameter-build.s3.ListObjectsV2",
                                  botocore.handlers.set_list_objects_encoding_type_url)
    return client.list_objects_v2(Bucket=B, **params)


def gone(key):
    try:
        s3.head_object(Bucket=B, Key=key)
    except ClientError as e:
        assert e.response["Error"]["Code"] in ("404", "NoSuchKey"), e
        return True
    return False


step("create_bucket")
s3.create_bucket(Bucket=B)

step("folder_markers_and_odd_keys")
odd = ["dir/", "dir/f", "a//b", "/lead", "a/../b", "x/./y", "e/"]
put(*odd)
check(*odd)

step("file_then_objects_below")
put("p/q", "p/q/r")
check("p/q", "p/q/r")

step("objects_below_then_file")
put("m/n/o", "m/n")
check("m/n", "m/n/o")

step("list_without_delimiter")
keys, prefixes = listing()
expected = sorted(odd + ["p/q", "p/q/r", "m/n", "m/n/o"], key=lambda k: k.encode())
assert keys == expected and prefixes == [], (keys, expected)

step("list_with_delimiter")
keys, prefixes = listing(Delimiter="/")
assert keys == [] and prefixes == ["/", "a/", "dir/", "e/", "m/", "p/", "x/"], (keys, prefixes)
keys, prefixes = listing(Prefix="dir/", Delimiter="/")
assert keys == ["dir/", "dir/f"] and prefixes == [], (keys, prefixes)
keys, prefixes = listing(Prefix="a/", Delimiter="/")
assert keys == [] and prefixes == ["a/../", "a//"], (keys, prefixes)
keys, prefixes = listing(Prefix="p/", Delimiter="/")
assert keys == ["p/q"] and prefixes == ["p/q/"], (keys, prefixes)
keys, prefixes = listing(Prefix="e/")
assert keys == ["e/"], keys

step("empty_and_slash_prefix_listings")
assert listing(Prefix="nothing/") == ([], [])
assert listing(Prefix="/") == (["/lead"], [])
assert listing(Prefix="//") == ([], [])

step("delete")
for key in ["dir/", "a//b", "/lead", "a/../b", "p/q/r", "m/n"]:
    s3.delete_object(Bucket=B, Key=key)
    assert gone(key), key
check("dir/f", "p/q", "m/n/o", "x/./y", "e/")
keys, _ = listing()
assert keys == ["dir/f", "e/", "m/n/o", "p/q", "x/./y"], keys

step("continuation_token_echo")
page = raw_list(MaxKeys=1)
token = page["NextContinuationToken"]
assert s3.list_objects_v2(Bucket=B, MaxKeys=1, ContinuationToken=token)["ContinuationToken"] == token
assert raw_list(ContinuationToken="").get("ContinuationToken") == "", "empty token not echoed"

step("encoding_type_url")
special = ["sp ace/k y", "per%cent", "plus+sign", "n\u00f6n-\u00e4scii/\u00df", "amp&er"]
put(*special)
encoded = raw_list(Prefix="", EncodingType="url", StartAfter="a b")
assert encoded["EncodingType"] == "url"
assert encoded["StartAfter"] == "a%20b", encoded["StartAfter"]
got = [o["Key"] for o in encoded["Contents"]]
assert "sp%20ace/k%20y" in got and "per%25cent" in got and "plus%2Bsign" in got, got
assert "n%C3%B6n-%C3%A4scii/%C3%9F" in got, got
assert [urllib.parse.unquote(k) for k in got] == sorted(set(special + ["dir/f", "e/", "m/n/o", "p/q", "x/./y"]),
                                                         key=lambda k: k.encode()), got
delimited = raw_list(Prefix="sp ace/", Delimiter=" ", EncodingType="url")
assert delimited["Prefix"] == "sp%20ace/" and delimited["Delimiter"] == "%20", delimited
assert [p["Prefix"] for p in delimited["CommonPrefixes"]] == ["sp%20ace/k%20"], delimited
verbatim = raw_list(Prefix="sp ace/", Delimiter=" ")
assert verbatim["Prefix"] == "sp ace/" and verbatim["Delimiter"] == " ", verbatim
assert [p["Prefix"] for p in verbatim["CommonPrefixes"]] == ["sp ace/k "], verbatim
plain = raw_list(Prefix="per")
assert [o["Key"] for o in plain["Contents"]] == ["per%cent"], plain
check(*special)

step("many_slashes")
slashes, deep = "/" * 600, "d/" * 400 + "leaf"  # 601 and 401 path segments
put(slashes, deep)
check(slashes, deep)
assert listing(Prefix="d/d/d/")[0] == [deep]
assert listing(Prefix="//")[0] == [slashes]
for key in (slashes, deep):
    s3.delete_object(Bucket=B, Key=key)
    assert gone(key), key

print("ALL STEPS PASSED", flush=True)
