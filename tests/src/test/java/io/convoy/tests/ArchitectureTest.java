package io.convoy.tests;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;

/**
 * The map of docs/architecture.md as rules over the compiled classes of every module (tests
 * excluded): the modules' directions of ARCHITECTURE.md, and the driver's packages by job, each
 * importing only those under it.
 */
@AnalyzeClasses(packages = "io.convoy", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  private static final Set<String> SPARK_CONTEXTS =
      Set.of("org.apache.spark.SparkContext", "org.apache.spark.api.java.JavaSparkContext");

  // Modules: conf <- model, pipeline <- worker <- driver.

  @ArchTest
  static final ArchRule confImportsNeitherSparkNorDl4j = noClasses().that().resideInAPackage("io.convoy.conf..")
      .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "org.deeplearning4j..", "org.nd4j..")
      .because("conf is plain configuration records (ARCHITECTURE.md)");

  @ArchTest
  static final ArchRule modelAndPipelineNeverImportSpark = noClasses()
      .that().resideInAnyPackage("io.convoy.model..", "io.convoy.pipeline..")
      .should().dependOnClassesThat().resideInAPackage("org.apache.spark..")
      .because("only worker and driver run on Spark (ARCHITECTURE.md)");

  @ArchTest
  static final ArchRule confImportsNoOtherModule = noClasses().that().resideInAPackage("io.convoy.conf..")
      .should().dependOnClassesThat()
      .resideInAnyPackage("io.convoy.model..", "io.convoy.pipeline..", "io.convoy.worker..", "io.convoy.driver..");

  @ArchTest
  static final ArchRule modelAndPipelineImportOnlyConf = noClasses()
      .that().resideInAnyPackage("io.convoy.model..", "io.convoy.pipeline..")
      .should().dependOnClassesThat().resideInAnyPackage("io.convoy.worker..", "io.convoy.driver..");

  @ArchTest
  static final ArchRule workerNeverImportsDriver = noClasses().that().resideInAPackage("io.convoy.worker..")
      .should().dependOnClassesThat().resideInAPackage("io.convoy.driver..");

  /**
   * A replica's local work in a round and what it uses: shared by both transports' tasks, run and
   * tested without Spark.
   */
  @ArchTest
  static final ArchRule localRoundIsSparkFree = noClasses()
      .that().haveNameMatching("io\\.convoy\\.worker\\.(LocalRound|RoundTimings|ShardState|ReplicaCache|BatchPrefetcher"
          + "|BatchAssembler|DecodedTensors|RoundSpec|WorkerSettings)(\\$.*)?")
      .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "scala..")
      .because("the Spark-specific parts (task contexts, broadcasts, the ring's set-up) stay in RoundTask and "
          + "EpochTask (issue 14)");

  @ArchTest
  static final ArchRule onlySparkContextsCreatesASparkContext = noClasses()
      .that().doNotHaveFullyQualifiedName("io.convoy.driver.common.SparkContexts")
      .should().callConstructorWhere(DescribedPredicate.describe("a SparkContext's constructor",
          call -> SPARK_CONTEXTS.contains(call.getTargetOwner().getName())))
      .because("only the driver creates a SparkContext, in one place (ARCHITECTURE.md)");

  // The driver's packages.

  @ArchTest
  static final ArchRule driverPackagesAreFreeOfCycles = slices().matching("io.convoy.driver.(*)..")
      .should().beFreeOfCycles();

  /** From the top down; a layer may use only those below it, and of those only the ones named. */
  @ArchTest
  static final ArchRule driverLayers = layeredArchitecture().consideringOnlyDependenciesInLayers()
      .layer("Main").definedBy("io.convoy.driver")
      .layer("Bench").definedBy("io.convoy.driver.bench..")
      .layer("Cli").definedBy("io.convoy.driver.cli..")
      .layer("Train").definedBy("io.convoy.driver.train..")
      .layer("Checkpoint").definedBy("io.convoy.driver.checkpoint..")
      .layer("Metrics").definedBy("io.convoy.driver.metrics..")
      .layer("Scoring").definedBy("io.convoy.driver.scoring..")
      .layer("Engine").definedBy("io.convoy.driver.engine..")
      .layer("Data").definedBy("io.convoy.driver.data..")
      .layer("ModelZip").definedBy("io.convoy.driver.modelzip..")
      .layer("Report").definedBy("io.convoy.driver.report..")
      .layer("Common").definedBy("io.convoy.driver.common..")
      .whereLayer("Main").mayNotBeAccessedByAnyLayer()
      .whereLayer("Bench").mayOnlyBeAccessedByLayers("Main")
      .whereLayer("Cli").mayOnlyBeAccessedByLayers("Main", "Bench")
      .whereLayer("Train").mayOnlyBeAccessedByLayers("Bench", "Cli")
      .whereLayer("Checkpoint").mayOnlyBeAccessedByLayers("Train")
      .whereLayer("Metrics").mayOnlyBeAccessedByLayers("Bench", "Cli", "Train", "Checkpoint")
      .whereLayer("Engine").mayOnlyBeAccessedByLayers("Bench", "Cli", "Train", "Checkpoint", "Metrics")
      .whereLayer("Scoring").mayOnlyBeAccessedByLayers("Bench", "Cli")
      .whereLayer("Data").mayOnlyBeAccessedByLayers("Bench", "Cli", "Train", "Checkpoint", "Scoring")
      .whereLayer("ModelZip").mayOnlyBeAccessedByLayers("Bench", "Cli", "Train", "Checkpoint", "Scoring")
      .whereLayer("Report").mayOnlyBeAccessedByLayers("Bench", "Cli", "Train")
      .whereLayer("Common").mayOnlyBeAccessedByLayers("Main", "Bench", "Cli", "Train", "Checkpoint", "Metrics",
          "Scoring", "Engine", "Data", "ModelZip", "Report");
}
