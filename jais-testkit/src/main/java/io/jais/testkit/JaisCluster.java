package io.jais.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test class against an in-process {@link io.jais.node.launch.LocalCluster} on loopback,
 * started once for the class in a fresh temporary directory. Test methods and constructors may
 * take a {@code LocalCluster} or a {@code JaisClient} (connected to the primary) parameter.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(JaisClusterExtension.class)
public @interface JaisCluster {
  int proxies() default 1;

  int targets() default 3;

  int mountpaths() default 2;
}
