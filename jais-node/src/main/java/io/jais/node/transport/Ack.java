package io.jais.node.transport;

import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import java.util.Objects;

/**
 * The receiver's answer to one object, sent once its handler returned: OK, or the error the
 * handler threw (its {@link ErrorCode} and message; {@link ErrorCode#INTERNAL} for anything that
 * was not a {@link JaisException}). An OK means the handler finished, e.g. the object is committed.
 *
 * @param code null when OK
 * @param message empty when OK
 */
public record Ack(ErrorCode code, String message) {
  public static final Ack OK = new Ack(null, "");

  public Ack {
    message = Objects.requireNonNullElse(message, "");
  }

  public static Ack error(ErrorCode code, String message) {
    return new Ack(Objects.requireNonNull(code, "code"), message);
  }

  public boolean isOk() {
    return code == null;
  }

  /** The error as the exception the handler threw (code and message); null when OK. */
  public JaisException toException() {
    return code == null ? null : new JaisException(code, message);
  }

  /** Returns this ack if OK; throws its error otherwise. */
  public Ack orThrow() {
    if (code != null) {
      throw toException();
    }
    return this;
  }

  @Override
  public String toString() {
    return code == null ? "OK" : code + ": " + message;
  }
}
