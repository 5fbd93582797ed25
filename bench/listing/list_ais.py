"""Lists a bucket end to end through the unmodified AIS Python SDK and prints
"<objects> <seconds>". Usage: list_ais.py ENDPOINT BUCKET PAGE_SIZE [PROPS]"""
import sys
import time

from aistore.sdk import Client

endpoint, bucket, page_size = sys.argv[1], sys.argv[2], int(sys.argv[3])
props = sys.argv[4] if len(sys.argv) > 4 else ""
client = Client(endpoint)
start = time.perf_counter()
count = sum(1 for _ in client.bucket(bucket).list_objects_iter(page_size=page_size, props=props))
print(count, f"{time.perf_counter() - start:.2f}")
