package io.jais.node;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the layers of DESIGN §3 honest: base packages never reach up, only front doors see HTTP,
 * and packages do not form cycles.
 */
class ArchitectureTest {
  private static final String[] BASE = {"io.jais.node.meta..", "io.jais.node.storage..",
      "io.jais.node.listing.."};
  private static final String[] ABOVE_BASE = {"io.jais.node.cluster..", "io.jais.node.http..", "io.jais.node.proxy..",
      "io.jais.node.target..", "io.jais.node.daemon..", "io.jais.node.launch..", "io.jais.node.job.."};
  private static final String[] FRONT_DOORS = {"io.jais.node.http..", "io.jais.node.proxy..", "io.jais.node.target..",
      "io.jais.node.daemon..", "io.jais.node.s3..", "io.jais.node"};

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.jais.node");
  }

  @Test
  void basePackages_doNotDependOnServicesOrFrontDoors() {
    noClasses().that().resideInAnyPackage(BASE).should().dependOnClassesThat().resideInAnyPackage(ABOVE_BASE)
        .check(classes);
  }

  @Test
  void nettyChannelsAndHttpCodecs_onlyInFrontDoors() {
    noClasses().that().resideOutsideOfPackages(FRONT_DOORS).should().dependOnClassesThat()
        .resideInAnyPackage("io.netty.channel..", "io.netty.handler..")
        .check(classes);
  }

  @Test
  void clusterServices_doNotSeeHttpFrontDoors() {
    noClasses().that().resideInAnyPackage("io.jais.node.cluster..").should().dependOnClassesThat()
        .resideInAnyPackage("io.jais.node.http..", "io.jais.node.proxy..", "io.jais.node.target..")
        .check(classes);
  }

  @Test
  void topLevelPackages_areFreeOfCycles() {
    slices().matching("io.jais.node.(*)..").should().beFreeOfCycles().check(classes);
  }
}
