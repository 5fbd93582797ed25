"""boto3, unmodified, on the S3 behaviours tools and SDKs rely on. Usage: boto3_compat.py ENDPOINT

Asserts what S3 answers: retried CompleteMultipartUpload, UploadPartCopy ranges, bucket naming,
headers kept with objects (also through copies and multipart uploads), metadata limits, GET/HEAD by
part number and IMF-fixdate dates. Prints STEP before each step and ALL STEPS PASSED at the end."""
import datetime
import hashlib
import re
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

endpoint = sys.argv[1]
s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                  config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1}))
MIB = 1024 * 1024
IMF_FIXDATE = re.compile(r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} "
                         r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$")


def step(name):
    print("STEP", name, flush=True)


def expect_error(code, status, call, *args, **kwargs):
    try:
        call(*args, **kwargs)
    except ClientError as e:
        got = e.response["Error"]["Code"]
        got_status = e.response["ResponseMetadata"]["HTTPStatusCode"]
        assert got == code and got_status == status, f"expected {status} {code}, got {got_status} {got}: {e}"
        return e
    raise AssertionError(f"expected {code}, but the call succeeded")


def headers(response):
    return response["ResponseMetadata"]["HTTPHeaders"]


def upload(bucket, key, parts, **create_args):
    upload_id = s3.create_multipart_upload(Bucket=bucket, Key=key, **create_args)["UploadId"]
    listed = []
    for number, data in enumerate(parts, start=1):
        etag = s3.upload_part(Bucket=bucket, Key=key, UploadId=upload_id, PartNumber=number, Body=data)["ETag"]
        listed.append({"ETag": etag, "PartNumber": number})
    return upload_id, listed


B = "boto-compat"
step("bucket_names")
for bad in ["a", "ab", "foo..bar", "foo.-bar", "foo-", "192.168.5.123", "a" * 64, "xn--abc"]:
    expect_error("InvalidBucketName", 400, s3.create_bucket, Bucket=bad)
s3.create_bucket(Bucket=B)
s3.create_bucket(Bucket="b" * 63)
s3.delete_bucket(Bucket="b" * 63)

step("complete_multipart_retried")
parts = [b"1" * (5 * MIB), b"2" * 1000]
upload_id, listed = upload(B, "retried", parts)
first = s3.complete_multipart_upload(Bucket=B, Key="retried", UploadId=upload_id, MultipartUpload={"Parts": listed})
again = s3.complete_multipart_upload(Bucket=B, Key="retried", UploadId=upload_id, MultipartUpload={"Parts": listed})
assert again["ETag"] == first["ETag"] and again["Location"] == first["Location"], (first, again)
assert again["Key"] == "retried" and again["Bucket"] == B, again
md5s = b"".join(hashlib.md5(p).digest() for p in parts)
assert first["ETag"] == '"%s-2"' % hashlib.md5(md5s).hexdigest(), first
expect_error("NoSuchUpload", 404, s3.complete_multipart_upload, Bucket=B, Key="retried", UploadId=upload_id,
             MultipartUpload={"Parts": listed[:1]})
expect_error("NoSuchUpload", 404, s3.complete_multipart_upload, Bucket=B, Key="retried",
             UploadId="0123456789abcdef0123456789abcdef", MultipartUpload={"Parts": listed})
assert s3.get_object(Bucket=B, Key="retried")["Body"].read() == b"".join(parts)

step("upload_part_copy_ranges")
source = bytes(range(256)) * 4  # 1024 bytes
s3.put_object(Bucket=B, Key="src", Body=source)
dest_id = s3.create_multipart_upload(Bucket=B, Key="dst")["UploadId"]
copy = dict(Bucket=B, Key="dst", UploadId=dest_id, CopySource={"Bucket": B, "Key": "src"}, PartNumber=1)
for bad in ["0-2", "bytes=0", "bytes=hello-world", "bytes=0-bar", "bytes=hello-", "bytes=0-2,3-5", "bytes=9-3"]:
    expect_error("InvalidArgument", 400, s3.upload_part_copy, CopySourceRange=bad, **copy)
for outside in ["bytes=0-1024", "bytes=0-5000", "bytes=2000-2001"]:
    e = expect_error("InvalidArgument", 400, s3.upload_part_copy, CopySourceRange=outside, **copy)
    assert "size: 1024" in e.response["Error"]["Message"], e.response
assert s3.list_parts(Bucket=B, Key="dst", UploadId=dest_id).get("Parts", []) == []
etag = s3.upload_part_copy(CopySourceRange="bytes=100-199", **copy)["CopyPartResult"]["ETag"]
assert etag == '"%s"' % hashlib.md5(source[100:200]).hexdigest(), etag
s3.complete_multipart_upload(Bucket=B, Key="dst", UploadId=dest_id,
                             MultipartUpload={"Parts": [{"ETag": etag, "PartNumber": 1}]})
assert s3.get_object(Bucket=B, Key="dst")["Body"].read() == source[100:200]

step("kept_headers")
expires = datetime.datetime(2033, 5, 6, 7, 8, 9, tzinfo=datetime.timezone.utc)
kept = dict(ContentType="text/csv; charset=utf-8", ContentEncoding="gzip", ContentDisposition='attachment; filename="x y.csv"',
            ContentLanguage="de-CH", CacheControl="public, max-age=14400", Expires=expires,
            WebsiteRedirectLocation="/elsewhere", Metadata={"Origin": "boto3", "n": "1"})
wire = {"content-type": "text/csv; charset=utf-8", "content-encoding": "gzip",
        "content-disposition": 'attachment; filename="x y.csv"', "content-language": "de-CH",
        "cache-control": "public, max-age=14400", "expires": "Fri, 06 May 2033 07:08:09 GMT",
        "x-amz-website-redirect-location": "/elsewhere", "x-amz-meta-origin": "boto3", "x-amz-meta-n": "1"}


def check_kept(key, expected=wire):
    for name, call in (("get", s3.get_object), ("head", s3.head_object)):
        got = call(Bucket=B, Key=key)
        for header, value in expected.items():
            assert headers(got).get(header) == value, (key, name, header, headers(got).get(header))
        assert got["Metadata"] == {"origin": "boto3", "n": "1"}, got["Metadata"]


s3.put_object(Bucket=B, Key="kept", Body=b"kept", **kept)
check_kept("kept")
s3.put_object(Bucket=B, Key="encodings", Body=b"x", ContentEncoding="deflate, gzip")
assert headers(s3.head_object(Bucket=B, Key="encodings"))["content-encoding"] == "deflate, gzip"

step("kept_headers_through_copy_and_multipart")
s3.copy_object(Bucket=B, Key="copied", CopySource={"Bucket": B, "Key": "kept"})
copied = {k: v for k, v in wire.items() if k != "x-amz-website-redirect-location"}  # S3 does not copy it
check_kept("copied", copied)
assert "x-amz-website-redirect-location" not in headers(s3.head_object(Bucket=B, Key="copied"))
s3.copy_object(Bucket=B, Key="replaced", CopySource={"Bucket": B, "Key": "kept"}, MetadataDirective="REPLACE",
               ContentType="application/json", CacheControl="no-store", Metadata={"new": "yes"})
replaced = s3.head_object(Bucket=B, Key="replaced")
assert replaced["ContentType"] == "application/json" and replaced["CacheControl"] == "no-store", replaced
assert replaced["Metadata"] == {"new": "yes"} and "content-disposition" not in headers(replaced), replaced
mp_id, mp_parts = upload(B, "multi-kept", [b"only part"], **kept)
s3.complete_multipart_upload(Bucket=B, Key="multi-kept", UploadId=mp_id, MultipartUpload={"Parts": mp_parts})
check_kept("multi-kept")

step("metadata_limits")
s3.put_object(Bucket=B, Key="meta-fits", Body=b"x", Metadata={"k": "v" * 2047})
expect_error("MetadataTooLarge", 400, s3.put_object, Bucket=B, Key="meta-big", Body=b"x", Metadata={"k": "v" * 2048})
expect_error("MetadataTooLarge", 400, s3.create_multipart_upload, Bucket=B, Key="meta-big", Metadata={"k": "v" * 4000})
expect_error("NotImplemented", 501, s3.put_object, Bucket=B, Key="meta-big", Body=b"x", StorageClass="GLACIER")
s3.put_object(Bucket=B, Key="standard", Body=b"x", StorageClass="STANDARD")
expect_error("404", 404, s3.head_object, Bucket=B, Key="meta-big")

step("get_by_part_number")
sizes = [5 * MIB, 5 * MIB + 10, 777]
data = [bytes([i + 1]) * size for i, size in enumerate(sizes)]
part_id, part_list = upload(B, "by-part", data)
whole = s3.complete_multipart_upload(Bucket=B, Key="by-part", UploadId=part_id, MultipartUpload={"Parts": part_list})
offset, total = 0, sum(sizes)
for number, chunk in enumerate(data, start=1):
    got = s3.get_object(Bucket=B, Key="by-part", PartNumber=number)
    assert got["Body"].read() == chunk, number
    assert got["PartsCount"] == 3 and got["ETag"] == whole["ETag"], got
    assert got["ContentRange"] == "bytes %d-%d/%d" % (offset, offset + len(chunk) - 1, total), got["ContentRange"]
    assert got["ResponseMetadata"]["HTTPStatusCode"] == 206
    head = s3.head_object(Bucket=B, Key="by-part", PartNumber=number)
    assert head["ContentLength"] == len(chunk) and head["PartsCount"] == 3, head
    offset += len(chunk)
expect_error("InvalidPartNumber", 416, s3.get_object, Bucket=B, Key="by-part", PartNumber=4)
expect_error("416", 416, s3.head_object, Bucket=B, Key="by-part", PartNumber=4)
expect_error("InvalidRequest", 400, s3.get_object, Bucket=B, Key="by-part", PartNumber=1, Range="bytes=0-9")
single = s3.get_object(Bucket=B, Key="src", PartNumber=1)
assert single["Body"].read() == source and single["ContentRange"] == "bytes 0-1023/1024", single
expect_error("InvalidPartNumber", 416, s3.get_object, Bucket=B, Key="src", PartNumber=2)

step("dates_are_imf_fixdate")
for response in (s3.head_object(Bucket=B, Key="kept"), s3.get_object(Bucket=B, Key="kept"),
                 s3.put_object(Bucket=B, Key="dated", Body=b"d"), s3.list_objects_v2(Bucket=B, MaxKeys=1)):
    sent = headers(response)
    assert IMF_FIXDATE.match(sent["date"]), sent["date"]
    if "last-modified" in sent:
        assert IMF_FIXDATE.match(sent["last-modified"]), sent["last-modified"]

step("cleanup")
for upload_left in s3.list_multipart_uploads(Bucket=B).get("Uploads", []):
    s3.abort_multipart_upload(Bucket=B, Key=upload_left["Key"], UploadId=upload_left["UploadId"])
keys = [o["Key"] for o in s3.list_objects_v2(Bucket=B)["Contents"]]
s3.delete_objects(Bucket=B, Delete={"Objects": [{"Key": k} for k in keys]})
s3.delete_bucket(Bucket=B)
print("ALL STEPS PASSED")
