/**
 * The S3 front door (docs/s3.md): the Amazon S3 API over the same buckets and objects as the
 * native API, at {@code /s3} on every node. Proxies serve bucket operations and listings, and relay
 * object requests to the owning target ({@link io.jais.node.s3.TargetRelay}); targets serve the
 * object and multipart routes. Errors are S3 XML from one catalog ({@link io.jais.node.s3.S3Error})
 * rendered by {@link io.jais.node.s3.S3ErrorRenderer}; handlers only throw.
 */
package io.jais.node.s3;
