package io.jais.node;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.jais.node.storage.ObjectStore;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the layers of docs/architecture.md#code-map honest: base packages never reach up, only front
 * doors see HTTP,
 * and packages do not form cycles.
 */
class ArchitectureTest {
  private static final String[] BASE = {"io.jais.node.meta..", "io.jais.node.storage..",
      "io.jais.node.listing.."};
  private static final String[] ABOVE_BASE = {"io.jais.node.cluster..", "io.jais.node.http..", "io.jais.node.proxy..",
      "io.jais.node.target..", "io.jais.node.daemon..", "io.jais.node.launch..", "io.jais.node.objects..",
      "io.jais.node.transport..", "io.jais.node.metrics..", "io.jais.node.logs..", "io.jais.node.job..",
      "io.jais.node.rebalance..", "io.jais.node.mirror..", "io.jais.node.archive..", "io.jais.node.getbatch..",
      "io.jais.node.ec.."};
  /**
   * What {@code ObjectStore} does to single objects. Everything else on it stays open to the
   * front doors: listing and capacity (the target's list and summary pages walk local
   * directories; the object service would add nothing to that) and the node's housekeeping.
   */
  private static final String OBJECT_OPERATIONS =
      "put|putReplica|putReplicaIfNewer|head|open|openUntouched|openShared|tryOpenCached|delete|deleteIfSame|setCustom|copy|append|flush";
  /** Observability every package may report to: it must depend on none of them but HTTP. */
  private static final String[] OBSERVABILITY = {"io.jais.node.metrics..", "io.jais.node.logs.."};
  /** Network fronts: HTTP and the target-to-target streams each own their Netty channels. */
  private static final String[] FRONT_DOORS = {"io.jais.node.http..", "io.jais.node.proxy..", "io.jais.node.target..",
      "io.jais.node.daemon..", "io.jais.node.s3..", "io.jais.node", "io.jais.node.transport.."};

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

  /**
   * Every read and write of an object goes through the object service, so both front doors, peers
   * and jobs get the same bucket semantics, peer lookup and commit hooks. The composition root
   * ({@code io.jais.node}, {@code launch}) may reach the store to wire and start it.
   */
  @Test
  void objectStoreObjectOperations_onlyThroughTheObjectService() {
    noClasses().that().resideOutsideOfPackages("io.jais.node.objects..", "io.jais.node.storage..", "io.jais.node.launch..")
        .and().resideOutsideOfPackage("io.jais.node")
        .should().callMethodWhere(target(owner(assignableTo(ObjectStore.class))).and(target(nameMatching(OBJECT_OPERATIONS))))
        .check(classes);
  }

  @Test
  void objectService_doesNotSeeFrontDoors() {
    noClasses().that().resideInAnyPackage("io.jais.node.objects..").should().dependOnClassesThat()
        .resideInAnyPackage("io.jais.node.http..", "io.jais.node.proxy..", "io.jais.node.target..", "io.jais.node.s3..")
        .check(classes);
  }

  /** Data protection attaches to the object service's hooks; it never sees the requests. */
  @Test
  void mirroring_doesNotSeeFrontDoors() {
    noClasses().that().resideInAnyPackage("io.jais.node.mirror..").should().dependOnClassesThat()
        .resideInAnyPackage("io.jais.node.http..", "io.jais.node.proxy..", "io.jais.node.target..", "io.jais.node.s3..")
        .check(classes);
  }

  @Test
  void transport_doesNotSeeTheFrontDoorsThatUseIt() {
    noClasses().that().resideInAnyPackage("io.jais.node.transport..").should().dependOnClassesThat()
        .resideInAnyPackage("io.jais.node.http..", "io.jais.node.proxy..", "io.jais.node.target..",
            "io.jais.node.s3..")
        .check(classes);
  }

  @Test
  void metricsAndLogs_dependOnNoServiceNorFrontDoorButHttp() {
    noClasses().that().resideInAnyPackage(OBSERVABILITY).should().dependOnClassesThat()
        .resideInAnyPackage("io.jais.node.cluster..", "io.jais.node.proxy..", "io.jais.node.target..",
            "io.jais.node.daemon..", "io.jais.node.s3..", "io.jais.node.storage..", "io.jais.node.launch..",
            "io.jais.node.meta..", "io.jais.node.listing..")
        .check(classes);
  }

  @Test
  void topLevelPackages_areFreeOfCycles() {
    slices().matching("io.jais.node.(*)..").should().beFreeOfCycles().check(classes);
  }
}
