package io.jais.node.transport;

/**
 * A receive handler registered under its name; closing it unregisters the handler (objects
 * already handed to it still finish). Later objects for the name get an error ack.
 */
public final class Registration implements AutoCloseable {
  private final Runnable unregister;
  private final String trname;

  Registration(Runnable unregister, String trname) {
    this.unregister = unregister;
    this.trname = trname;
  }

  public String trname() {
    return trname;
  }

  @Override
  public void close() {
    unregister.run();
  }
}
