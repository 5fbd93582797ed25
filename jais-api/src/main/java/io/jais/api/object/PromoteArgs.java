package io.jais.api.object;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.jais.api.error.JaisException;

/**
 * The value of the {@code promote} action (AIS {@code apc.PromoteArgs}): a file or directory on
 * the targets' file systems becomes objects of a bucket. A file becomes object {@code obj} (or,
 * when {@code obj} is empty or ends with '/', {@code obj} + its base name); each file of a
 * directory becomes {@code obj} + its path relative to the directory.
 *
 * @param targetId {@code tid}: only this target promotes, from its own file system; empty: all
 * @param source {@code src}: an absolute path under {@link #ROOT}
 * @param objectName {@code obj}: the object name, or the prefix of the names
 * @param recursive {@code rcr}: include the directory's subdirectories
 * @param overwrite {@code ovw}: replace existing objects (else they are kept)
 * @param deleteSource {@code dls}: remove each file once it is promoted
 * @param notFileShare {@code notshr}: the source is not one share every target sees, but each
 *     target's own directory: every target promotes all the files it has
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PromoteArgs(
    @JsonProperty("tid") @JsonInclude(JsonInclude.Include.NON_EMPTY) String targetId,
    @JsonProperty("src") String source,
    @JsonProperty("obj") String objectName,
    @JsonProperty("rcr") boolean recursive,
    @JsonProperty("ovw") boolean overwrite,
    @JsonProperty("dls") boolean deleteSource,
    @JsonProperty("notshr") boolean notFileShare) {

  /** The only tree promote reads from, as in AIS ({@code apc.PromoteRoot}). */
  public static final String ROOT = "/var/lib/ais/promote";

  public PromoteArgs {
    targetId = targetId == null ? "" : targetId;
    source = source == null ? "" : source;
    objectName = objectName == null ? "" : objectName;
  }

  /**
   * These arguments with the source reconciled with the action's {@code name} (which AIS also
   * accepts as the source) and checked: an absolute path under {@link #ROOT} without {@code .}
   * or {@code ..} elements; an object name or prefix without them either.
   *
   * @throws JaisException 400 otherwise
   */
  public PromoteArgs validated(String name) {
    String src = source;
    if (name != null && !name.isEmpty()) {
      if (!src.isEmpty() && !src.equals(name)) {
        throw JaisException.invalid("conflicting promote source: \"" + name + "\" vs \"" + src + "\"");
      }
      src = name;
    }
    if (src.isEmpty()) {
      throw JaisException.invalid("invalid promote source: pathname is empty");
    }
    if (!src.startsWith("/")) {
      throw JaisException.invalid("invalid promote source \"" + src + "\": must be an absolute path");
    }
    if (hasDotElement(src)) {
      throw JaisException.invalid("invalid promote source \"" + src + "\": must not contain '.' or '..' path elements");
    }
    if (!src.equals(ROOT) && !src.startsWith(ROOT + "/")) {
      throw JaisException.invalid("invalid promote source \"" + src + "\": must be under " + ROOT);
    }
    if (hasDotElement(objectName)) {
      throw JaisException.invalid("invalid object name or prefix \"" + objectName + "\": must not contain '.' or '..' path elements");
    }
    return new PromoteArgs(targetId, src, objectName, recursive, overwrite, deleteSource, notFileShare);
  }

  private static boolean hasDotElement(String path) {
    for (String element : path.split("/", -1)) {
      if (element.equals(".") || element.equals("..")) {
        return true;
      }
    }
    return false;
  }

  /** The arguments in words, for the job's {@code ctlmsg} (AIS's form). */
  @Override
  public String toString() {
    return "src:" + source + ", dst:" + objectName + (targetId.isEmpty() ? "" : ", node:" + targetId) + ", flags:"
        + (recursive ? "recurs" : "non-recurs") + (overwrite ? ",overwrite" : "") + (deleteSource ? ",delete-src" : "")
        + (notFileShare ? ",not-file-share" : "");
  }
}
