package io.jais.api.batch;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;

/**
 * One entry of a get-batch request (AIS {@code apc.MossIn}): an object, or a member of a shard
 * ({@code archpath}), or a byte range of either.
 *
 * @param objname the object
 * @param bucket the bucket; empty: the request's bucket
 * @param provider the bucket's provider; empty: {@code ais}
 * @param uname AIS's full identity (not supported: answered 501 by the target)
 * @param archpath the member of the shard {@code objname} to read
 * @param opaque the caller's tag, base64 (standard or URL-safe alphabet), echoed back
 * @param start first byte of the range (0 with length 0: the whole thing)
 * @param length bytes of the range; -1 to the end
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
public record MossIn(
    @JsonProperty("objname") String objname,
    @JsonProperty("bucket") String bucket,
    @JsonProperty("provider") String provider,
    @JsonProperty("uname") String uname,
    @JsonProperty("archpath") String archpath,
    @JsonProperty("opaque") String opaque,
    @JsonProperty("start") long start,
    @JsonProperty("length") long length) {

  public MossIn {
    objname = objname == null ? "" : objname;
    bucket = bucket == null ? "" : bucket;
    provider = provider == null ? "" : provider;
    uname = uname == null ? "" : uname;
    archpath = archpath == null ? "" : archpath;
    opaque = opaque == null ? "" : opaque;
  }

  /** Checks what AIS checks when it decodes an entry: a name, a member path within the shard, a sane range. */
  public void validate() {
    if (objname.isEmpty()) {
      throw JaisException.invalid("get-batch: an entry without objname");
    }
    if (!archpath.isEmpty() && (archpath.contains("\0") || java.util.Arrays.asList(archpath.split("/")).contains(".."))) {
      throw JaisException.invalid("get-batch: invalid archpath \"" + archpath + "\" (oname: \"" + objname + "\")");
    }
    if (start < 0 || length < -1 || start != 0 && length == 0) {
      throw new JaisException(ErrorCode.RANGE_NOT_SATISFIABLE, "get-batch: invalid range start=" + start
          + (length == -1 ? "" : ",length=" + length) + " (oname: \"" + objname + "\")");
    }
  }

  /** True when a part of the object (or member) is asked for. */
  public boolean ranged() {
    return start != 0 || length != 0;
  }

  /** The name of the entry in the output: {@code bucket/objname[/archpath]} or, with {@code onlyObjName}, {@code objname[/archpath]}. */
  public String nameInArchive(String bucketName, boolean onlyObjName) {
    String base = onlyObjName ? objname : bucketName + "/" + objname;
    if (archpath.isEmpty()) {
      return base;
    }
    return archpath.startsWith("/") ? base + archpath : base + "/" + archpath;
  }
}
