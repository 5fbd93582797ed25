"""Fills a bucket for bench/listing.sh fast: copies one object that was PUT through the API
(its 1 KiB of content and its metadata attribute, which holds no name for a plain file) to
COUNT names PREFIX%06d.jpg beside it. All objects have the same content, so the same checksum:
each copy is exactly what a PUT of that content would have stored.
Usage: fill.py OBJECTS_DIR FIRST_NAME PREFIX COUNT"""
import os
import sys
import time

objects, first, prefix, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
source = os.path.join(objects, first)
with open(source, "rb") as f:
    data = f.read()
lom = os.getxattr(source, "user.jais.lom")
start = time.perf_counter()
for i in range(1, count + 1):
    path = os.path.join(objects, f"{prefix}{i:06d}.jpg")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.write(fd, data)
    os.setxattr(fd, "user.jais.lom", lom)
    os.close(fd)
print(f"filled {count} objects in {time.perf_counter() - start:.1f} s", file=sys.stderr)
