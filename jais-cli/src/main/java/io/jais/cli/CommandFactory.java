package io.jais.cli;

import java.lang.reflect.Constructor;
import picocli.CommandLine;

/**
 * Creates commands for picocli, handing the {@link Session} to those whose constructor takes one:
 * constructor injection keeps commands free of static state, so tests can run many in one JVM.
 */
record CommandFactory(Session session) implements CommandLine.IFactory {
  @Override
  public <K> K create(Class<K> type) throws Exception {
    Constructor<K> withSession;
    try {
      withSession = type.getDeclaredConstructor(Session.class);
    } catch (NoSuchMethodException e) {
      return CommandLine.defaultFactory().create(type);
    }
    withSession.setAccessible(true);
    return withSession.newInstance(session);
  }
}
