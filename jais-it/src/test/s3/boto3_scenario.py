"""boto3, unmodified, against JAIS's S3 front door. Usage: boto3_scenario.py ENDPOINT"""
import hashlib
import os
import sys

import boto3
from boto3.s3.transfer import TransferConfig
from botocore.config import Config
from botocore.exceptions import ClientError

endpoint = sys.argv[1]
s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                  config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1}))


def step(name):
    print("STEP", name, flush=True)


def expect_error(code, call, *args, **kwargs):
    try:
        call(*args, **kwargs)
    except ClientError as e:
        got = e.response["Error"]["Code"]
        assert got == code, f"expected {code}, got {got}: {e}"
        return
    raise AssertionError(f"expected {code}, but the call succeeded")


step("create_bucket")
s3.create_bucket(Bucket="boto-bucket")
expect_error("BucketAlreadyOwnedByYou", s3.create_bucket, Bucket="boto-bucket")
assert "boto-bucket" in [b["Name"] for b in s3.list_buckets()["Buckets"]]

step("put_get_metadata")
s3.put_object(Bucket="boto-bucket", Key="a/b.txt", Body=b"hello boto", ContentType="text/plain",
              Metadata={"origin": "boto3"})
got = s3.get_object(Bucket="boto-bucket", Key="a/b.txt")
assert got["Body"].read() == b"hello boto"
assert got["ETag"] == '"%s"' % hashlib.md5(b"hello boto").hexdigest(), got["ETag"]
assert got["ContentType"] == "text/plain" and got["Metadata"] == {"origin": "boto3"}, got

step("range")
assert s3.get_object(Bucket="boto-bucket", Key="a/b.txt", Range="bytes=6-9")["Body"].read() == b"boto"

step("multipart_upload_file")
data = os.urandom(21 * 1024 * 1024)
with open("/tmp/boto3-big.bin", "wb") as f:
    f.write(data)
s3.upload_file("/tmp/boto3-big.bin", "boto-bucket", "big.bin",
               Config=TransferConfig(multipart_threshold=8 * 1024 * 1024, multipart_chunksize=8 * 1024 * 1024))
head = s3.head_object(Bucket="boto-bucket", Key="big.bin")
assert head["ContentLength"] == len(data) and head["ETag"].endswith('-3"'), head
assert s3.get_object(Bucket="boto-bucket", Key="big.bin")["Body"].read() == data

step("list_v2_paging")
for i in range(5):
    s3.put_object(Bucket="boto-bucket", Key=f"list/{i}", Body=b"x")
paginator = s3.get_paginator("list_objects_v2")
keys = [o["Key"] for page in paginator.paginate(Bucket="boto-bucket", Prefix="list/", PaginationConfig={"PageSize": 2})
        for o in page.get("Contents", [])]
assert keys == [f"list/{i}" for i in range(5)], keys
top = s3.list_objects_v2(Bucket="boto-bucket", Delimiter="/")
assert [p["Prefix"] for p in top["CommonPrefixes"]] == ["a/", "list/"], top
assert [o["Key"] for o in top["Contents"]] == ["big.bin"], top

step("copy")
s3.copy_object(Bucket="boto-bucket", Key="copy.txt", CopySource={"Bucket": "boto-bucket", "Key": "a/b.txt"})
assert s3.get_object(Bucket="boto-bucket", Key="copy.txt")["Metadata"] == {"origin": "boto3"}

step("presigned_get")
import urllib.request
url = s3.generate_presigned_url("get_object", Params={"Bucket": "boto-bucket", "Key": "a/b.txt"}, ExpiresIn=60)
assert urllib.request.urlopen(url).read() == b"hello boto"

step("errors")
expect_error("NoSuchKey", s3.get_object, Bucket="boto-bucket", Key="missing")
expect_error("NoSuchBucket", s3.list_objects_v2, Bucket="no-such-bucket")
expect_error("InvalidRange", s3.get_object, Bucket="boto-bucket", Key="a/b.txt", Range="bytes=100-200")
expect_error("BadDigest", s3.put_object, Bucket="boto-bucket", Key="a/b.txt", Body=b"other",
             ContentMD5="AAAAAAAAAAAAAAAAAAAAAA==")
assert s3.get_object(Bucket="boto-bucket", Key="a/b.txt")["Body"].read() == b"hello boto"
expect_error("BucketNotEmpty", s3.delete_bucket, Bucket="boto-bucket")
upload = s3.create_multipart_upload(Bucket="boto-bucket", Key="mp")["UploadId"]
expect_error("InvalidArgument", s3.upload_part, Bucket="boto-bucket", Key="mp", UploadId=upload, PartNumber=0, Body=b"x")
expect_error("NoSuchUpload", s3.upload_part, Bucket="boto-bucket", Key="mp", UploadId="nope", PartNumber=1, Body=b"x")
s3.abort_multipart_upload(Bucket="boto-bucket", Key="mp", UploadId=upload)

step("empty_then_nonempty_put_on_one_connection")
# botocore sends Expect: 100-continue with empty bodies too and misreads the next response on the
# connection if the server answered without the 100 (the next upload hung until the read timeout)
one = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                   config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1},
                                 read_timeout=10, max_pool_connections=1))
one.put_object(Bucket="boto-bucket", Key="empty", Body=b"")
one.put_object(Bucket="boto-bucket", Key="after-empty", Body=b"x")
assert one.get_object(Bucket="boto-bucket", Key="after-empty")["Body"].read() == b"x"
assert one.get_object(Bucket="boto-bucket", Key="empty")["Body"].read() == b""

step("unsupported_operations_change_nothing")
tags = {"TagSet": [{"Key": "k", "Value": "v"}]}
expect_error("NotImplemented", s3.put_object_tagging, Bucket="boto-bucket", Key="a/b.txt", Tagging=tags)
expect_error("NotImplemented", s3.get_object_tagging, Bucket="boto-bucket", Key="a/b.txt")
expect_error("NotImplemented", s3.put_object_acl, Bucket="boto-bucket", Key="a/b.txt", ACL="private")
expect_error("NotImplemented", s3.get_object_acl, Bucket="boto-bucket", Key="a/b.txt")
expect_error("NotImplemented", s3.put_object, Bucket="boto-bucket", Key="a/b.txt", Body=b"new", IfNoneMatch="*")
expect_error("InvalidArgument", s3.get_object, Bucket="boto-bucket", Key="a/b.txt", VersionId="v1")
expect_error("InvalidArgument", s3.delete_object, Bucket="boto-bucket", Key="a/b.txt", VersionId="v1")
assert s3.get_object(Bucket="boto-bucket", Key="a/b.txt", VersionId="null")["Body"].read() == b"hello boto"
expect_error("NotImplemented", s3.put_bucket_versioning, Bucket="boto-bucket",
             VersioningConfiguration={"Status": "Enabled"})
assert "Status" not in s3.get_bucket_versioning(Bucket="boto-bucket")
expect_error("NotImplemented", s3.put_bucket_tagging, Bucket="boto-bucket", Tagging=tags)
expect_error("NotImplemented", s3.put_bucket_acl, Bucket="boto-bucket", ACL="private")
expect_error("NotImplemented", s3.get_public_access_block, Bucket="boto-bucket")
expect_error("NotImplemented", s3.get_bucket_request_payment, Bucket="boto-bucket")
s3.create_bucket(Bucket="boto-empty")
expect_error("NotImplemented", s3.delete_bucket_policy, Bucket="boto-empty")
expect_error("NotImplemented", s3.delete_bucket_tagging, Bucket="boto-empty")
expect_error("NotImplemented", s3.delete_bucket_cors, Bucket="boto-empty")
s3.head_bucket(Bucket="boto-empty")  # still there
s3.delete_bucket(Bucket="boto-empty")
got = s3.get_object(Bucket="boto-bucket", Key="a/b.txt")
assert got["Body"].read() == b"hello boto" and got["Metadata"] == {"origin": "boto3"}, got

step("delete_objects_and_bucket")
keys = [o["Key"] for o in s3.list_objects_v2(Bucket="boto-bucket")["Contents"]]
result = s3.delete_objects(Bucket="boto-bucket", Delete={"Objects": [{"Key": k} for k in keys]})
assert sorted(d["Key"] for d in result["Deleted"]) == sorted(keys), result
s3.delete_bucket(Bucket="boto-bucket")
print("ALL STEPS PASSED")
