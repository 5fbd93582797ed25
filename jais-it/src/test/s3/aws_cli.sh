#!/usr/bin/env bash
# The aws CLI, unmodified, against JAIS's S3 front door. Usage: aws_cli.sh ENDPOINT WORKDIR
# Every step prints "STEP name" first, so a failure names the step that broke.
set -euo pipefail
endpoint="$1"; work="$2"
export AWS_PAGER="" AWS_DEFAULT_REGION=us-east-1
unset AWS_CA_BUNDLE AWS_PROFILE
aws() { command aws --endpoint-url "$endpoint" "$@"; }
s3api() { command aws --endpoint-url "$endpoint" s3api "$@"; }
step() { echo "STEP $*"; }
expect_error() { # expect_error CODE command...: the command must fail with that S3 error code
  local code="$1"; shift
  if out=$("$@" 2>&1); then echo "expected $code, but succeeded: $out"; exit 1; fi
  grep -q "$code" <<<"$out" || { echo "expected $code, got: $out"; exit 1; }
}
mkdir -p "$work/tree/a/b" "$work/down"
head -c 22000000 /dev/urandom > "$work/big.bin"
for i in 1 2 3; do echo "file $i" > "$work/tree/f$i"; echo "deep $i" > "$work/tree/a/b/g$i"; done

step mb;              aws s3 mb s3://cli-bucket
step mb-again;        expect_error BucketAlreadyOwnedByYou aws s3 mb s3://cli-bucket
step ls-buckets;      aws s3 ls | grep cli-bucket >/dev/null
step cp-up-multipart; aws s3 cp --no-progress "$work/big.bin" s3://cli-bucket/big.bin
step etag-multipart;  s3api head-object --bucket cli-bucket --key big.bin | grep '"ETag": "\\"[0-9a-f]*-[0-9]*\\""' >/dev/null
step cp-down;         aws s3 cp --no-progress s3://cli-bucket/big.bin "$work/down/big.bin"; cmp "$work/big.bin" "$work/down/big.bin"
step sync-up;         aws s3 sync --no-progress "$work/tree" s3://cli-bucket/tree
step sync-again-noop; [ -z "$(aws s3 sync --no-progress "$work/tree" s3://cli-bucket/tree)" ]
step sync-down;       aws s3 sync --no-progress s3://cli-bucket/tree "$work/down/tree"; diff -r "$work/tree" "$work/down/tree"
step ls-recursive;    [ "$(aws s3 ls --recursive s3://cli-bucket | wc -l)" = 7 ]
step ls-delimiter;    aws s3 ls s3://cli-bucket/tree/ | grep "PRE a/" >/dev/null
step range-get;       s3api get-object --bucket cli-bucket --key tree/f1 --range bytes=0-3 "$work/range.out" >/dev/null
                      [ "$(cat "$work/range.out")" = "file" ]
step copy;            aws s3 cp s3://cli-bucket/tree/f2 s3://cli-bucket/copied/f2
                      aws s3 cp s3://cli-bucket/copied/f2 - | grep "file 2" >/dev/null
step batch-delete;    s3api delete-objects --bucket cli-bucket --delete '{"Objects":[{"Key":"tree/f1"},{"Key":"tree/f3"}],"Quiet":true}'
                      [ "$(aws s3 ls --recursive s3://cli-bucket/tree/ | wc -l)" = 4 ]
step no-such-key;     expect_error "404" s3api head-object --bucket cli-bucket --key missing
step no-such-key-get; expect_error NoSuchKey s3api get-object --bucket cli-bucket --key missing "$work/x"
step invalid-range;   expect_error InvalidRange s3api get-object --bucket cli-bucket --key tree/f2 --range bytes=500-600 "$work/x"
step bad-md5;         expect_error BadDigest s3api put-object --bucket cli-bucket --key tree/f2 --body "$work/tree/f1" --content-md5 AAAAAAAAAAAAAAAAAAAAAA==
                      aws s3 cp s3://cli-bucket/tree/f2 - | grep "file 2" >/dev/null
step presign;         url=$(aws s3 presign s3://cli-bucket/tree/f2); curl -sf "$url" | grep "file 2" >/dev/null
step rb-not-empty;    expect_error BucketNotEmpty aws s3 rb s3://cli-bucket
step rb-force;        aws s3 rb --force s3://cli-bucket
step gone;            expect_error NoSuchBucket aws s3 ls s3://cli-bucket
echo "ALL STEPS PASSED"
