"""PUTs COUNT objects of SIZE bytes (distinct contents) through the unmodified AIS Python SDK,
16 at a time. Usage: fill.py ENDPOINT BUCKET COUNT SIZE"""
import os
import sys
from concurrent.futures import ThreadPoolExecutor

from aistore.sdk import Client

endpoint, bucket, count, size = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
client = Client(endpoint)
base = os.urandom(size)


def put(i):
    data = i.to_bytes(8, "big") + base[8:]
    client.bucket(bucket).object(f"data/{i:07d}").get_writer().put_content(data)


with ThreadPoolExecutor(16) as pool:
    list(pool.map(put, range(count)))
