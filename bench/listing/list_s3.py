"""Lists a bucket end to end through S3 ListObjectsV2 (1,000 keys a page) and prints
"<objects> <seconds>". Usage: list_s3.py ENDPOINT BUCKET boto3|raw
boto3: the paginator, as applications list. raw: one HTTP connection (requests), the next token
cut out of the XML by a regular expression: what the server costs without botocore's parsing."""
import re
import sys
import time

endpoint, bucket, mode = sys.argv[1], sys.argv[2], sys.argv[3]
start = time.perf_counter()
count = 0
if mode == "boto3":
    import boto3
    from botocore.config import Config
    s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="jais",
                      aws_secret_access_key="jais", config=Config(s3={"addressing_style": "path"}))
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, PaginationConfig={"PageSize": 1000}):
        count += page.get("KeyCount", 0)
else:
    import requests
    session = requests.Session()
    token = None
    key = re.compile(rb"<Key>")
    next_token = re.compile(rb"<NextContinuationToken>([^<]*)</NextContinuationToken>")
    while True:
        params = {"list-type": "2", "max-keys": "1000"}
        if token:
            params["continuation-token"] = token
        body = session.get(f"{endpoint}/{bucket}", params=params).content
        count += len(key.findall(body))
        found = next_token.search(body)
        if not found:
            break
        token = found.group(1).decode()
print(count, f"{time.perf_counter() - start:.2f}")
