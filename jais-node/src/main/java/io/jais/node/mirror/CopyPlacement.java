package io.jais.node.mirror;

import io.jais.api.hash.Hrw;
import io.jais.node.storage.Mountpath;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Where new mirror copies of an object go (AIS {@code LeastUtilNoCopy}): on available mountpaths
 * that hold no file of the object yet, the least loaded first. Ties (e.g. an idle target) are
 * broken by HRW over the mountpath digests and the object's, so that copies of different objects
 * spread over the mountpaths instead of piling onto the first. Pure: no state, no I/O.
 */
final class CopyPlacement {
  private CopyPlacement() {}

  /**
   * @param available the target's available mountpaths
   * @param holding the mountpaths (as paths) that already hold the object: its main file and copies
   * @param needed how many new copies are wanted
   * @param load the current load of a mountpath (lower is better)
   * @param objectDigest the object's HRW key digest ({@link Hrw#keyDigest})
   * @return at most {@code needed} mountpaths, best first; fewer when not enough are free
   */
  static List<Mountpath> destinations(List<Mountpath> available, Collection<String> holding, int needed,
      ToLongFunction<Mountpath> load, long objectDigest) {
    if (needed <= 0) {
      return List.of();
    }
    List<Mountpath> free = new ArrayList<>();
    for (Mountpath mountpath : available) {
      if (!holding.contains(mountpath.toString())) {
        free.add(mountpath);
      }
    }
    Comparator<Mountpath> byHrw = (a, b) -> Long.compareUnsigned(Hrw.mix(b.digest() ^ objectDigest),
        Hrw.mix(a.digest() ^ objectDigest));
    free.sort(Comparator.<Mountpath>comparingLong(load).thenComparing(byHrw));
    return List.copyOf(free.subList(0, Math.min(needed, free.size())));
  }
}
