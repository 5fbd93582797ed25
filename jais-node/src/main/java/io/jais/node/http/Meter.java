package io.jais.node.http;

/**
 * What one route counts (a GET of an object, a listing, ...), told once per request when the
 * exchange ends: on the event loop, after the last byte of the response left or its write failed.
 * The metrics package implements it over data points resolved once, at start.
 *
 * <p>Implementation notes: {@link #record} runs on every request, the hot GET served from the event
 * loop included, so it must neither block nor allocate nor lock (counter adds only). A meter is a
 * {@link MeterSelector} that always selects itself, so a route with one meter needs no selector.
 */
public interface Meter extends MeterSelector {
  /** Counts nothing; the exchange then does not even read the clock. */
  Meter NONE = new Meter() {
    @Override
    public void record(int status, long nanos, long requestBytes, long responseBytes, boolean written) {}

    @Override
    public boolean active() {
      return false;
    }

    @Override
    public String toString() {
      return "Meter.NONE";
    }
  };

  /**
   * One request ended.
   *
   * @param status the response status
   * @param nanos from the request's head being parsed to the response's last byte leaving (or its
   *     write failing)
   * @param requestBytes body bytes received from the client
   * @param responseBytes body bytes of the response (0 for HEAD)
   * @param written false when writing the response failed (the client went away)
   */
  void record(int status, long nanos, long requestBytes, long responseBytes, boolean written);

  /** False only for {@link #NONE}. */
  default boolean active() {
    return true;
  }

  @Override
  default Meter select(Request request) {
    return this;
  }
}
