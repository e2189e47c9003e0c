package io.convoy.tests;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;

/**
 * The map of docs/architecture.md as rules over the compiled classes of every module (tests
 * excluded): the modules' directions of ARCHITECTURE.md, benchmarks apart from the product, and the
 * pipeline's and the driver's packages by job, each importing only those under it.
 */
@AnalyzeClasses(packages = "io.convoy", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  private static final Set<String> SPARK_CONTEXTS =
      Set.of("org.apache.spark.SparkContext", "org.apache.spark.api.java.JavaSparkContext");

  // Modules: conf <- model, pipeline <- worker <- driver <- bench; conf, model <- torch.

  /** The product modules: every module but bench (submit and tests have no main classes). */
  private static final String[] PRODUCT = {"io.convoy.conf..", "io.convoy.model..", "io.convoy.pipeline..",
      "io.convoy.worker..", "io.convoy.driver..", "io.convoy.torch.."};

  @ArchTest
  static final ArchRule noProductModuleImportsBench = noClasses().that().resideInAnyPackage(PRODUCT)
      .should().dependOnClassesThat().resideInAPackage("io.convoy.bench..")
      .because("benchmarks and baselines live in their own module, which depends on the product and never the "
          + "reverse; the driver finds convoy bench through ServiceLoader (issue 14)");

  @ArchTest
  static final ArchRule benchLivesOnlyInModuleBench = noClasses().that().resideInAnyPackage(PRODUCT)
      .should().resideInAnyPackage("..bench..", "..benchmark..")
      .because("a benchmark or baseline in a product module belongs in module bench (io.convoy.bench)");

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
  static final ArchRule configurationNamesDependOnNothingOfConvoy = noClasses()
      .that().resideInAPackage("io.convoy.conf.names..")
      .should().dependOnClassesThat().resideOutsideOfPackages("io.convoy.conf.names..", "java..")
      .because("the configuration's vocabularies are the leaf every module reads; a name that needed the "
          + "tree or the binder would tie them all to it");

  @ArchTest
  static final ArchRule libtorchOpsKnowNothingOfTheNetworks = noClasses()
      .that().resideInAPackage("io.convoy.torch.ops..")
      .should().dependOnClassesThat().resideInAPackage("io.convoy.torch")
      .because("the ops are the layer below the replays: TorchStack and TorchGraph compose them, never the reverse");

  @ArchTest
  static final ArchRule optimizersKnowNothingOfTheZoo = noClasses()
      .that().resideInAPackage("io.convoy.model.optim..")
      .should().dependOnClassesThat().resideInAPackage("io.convoy.model.zoo..")
      .because("the zoo configures networks with the optimizers, not the reverse");

  @ArchTest
  static final ArchRule modelAndPipelineImportOnlyConf = noClasses()
      .that().resideInAnyPackage("io.convoy.model..", "io.convoy.pipeline..")
      .should().dependOnClassesThat().resideInAnyPackage("io.convoy.worker..", "io.convoy.driver..");

  @ArchTest
  static final ArchRule noModuleImportsTorch = noClasses()
      .that().resideInAnyPackage("io.convoy.conf..", "io.convoy.model..", "io.convoy.pipeline..",
          "io.convoy.worker..", "io.convoy.driver..", "io.convoy.bench..")
      .should().dependOnClassesThat().resideInAPackage("io.convoy.torch..")
      .because("the libtorch backend is optional: model finds it through ServiceLoader (GradientBackend), "
          + "so that nothing needs libtorch's natives unless model.backend = libtorch, and the -Pcuda build "
          + "(JavaCPP 1.5.7) leaves the module out (issue 16)");

  @ArchTest
  static final ArchRule torchImportsOnlyConfAndModel = noClasses().that().resideInAPackage("io.convoy.torch..")
      .should().dependOnClassesThat().resideInAnyPackage("io.convoy.pipeline..", "io.convoy.worker..",
          "io.convoy.driver..", "io.convoy.bench..", "org.apache.spark..")
      .because("the libtorch backend computes a DL4J network's gradients and knows nothing of data or Spark");

  @ArchTest
  static final ArchRule workerNeverImportsDriver = noClasses().that().resideInAPackage("io.convoy.worker..")
      .should().dependOnClassesThat().resideInAPackage("io.convoy.driver..");

  /**
   * A replica's local work in a round and what it uses: shared by both transports' tasks, run and
   * tested without Spark.
   */
  @ArchTest
  static final ArchRule localRoundIsSparkFree = noClasses()
      .that().haveNameMatching("io\\.convoy\\.worker\\.(replica\\.(LocalRound|RoundTimings|ShardState|ReplicaCache|RoundSpec"
          + "|WorkerSettings)|data\\.(BatchPrefetcher|BatchAssembler|DecodedTensors))(\\$.*)?")
      .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "scala..")
      .because("the Spark-specific parts (task contexts, broadcasts, the ring's set-up) stay in RoundTask and "
          + "EpochTask (issue 14)");

  @ArchTest
  static final ArchRule onlySparkContextsCreatesASparkContext = noClasses()
      .that().doNotHaveFullyQualifiedName("io.convoy.driver.common.SparkContexts")
      .should().callConstructorWhere(DescribedPredicate.describe("a SparkContext's constructor",
          call -> SPARK_CONTEXTS.contains(call.getTargetOwner().getName())))
      .because("only the driver creates a SparkContext, in one place (ARCHITECTURE.md)");

  // The Spark ML stages (module ml): on top of the driver, through its API.

  /**
   * What module ml may use of the driver, named one by one: the API, the records it hands over,
   * and scoring, which transform shares with convoy predict (its per-executor model cache and
   * batching run inside ml's tasks, so no API call can stand between them).
   */
  private static final DescribedPredicate<JavaClass> DRIVER_BEYOND_WHAT_ML_MAY_USE =
      JavaClass.Predicates.resideInAPackage("io.convoy.driver..")
          .and(DescribedPredicate.not(JavaClass.Predicates.resideInAnyPackage("io.convoy.driver.api..",
              "io.convoy.driver.scoring..", "io.convoy.driver.modelzip..", "io.convoy.driver.common..")))
          .and(DescribedPredicate.not(JavaClass.Predicates.simpleNameStartingWith("TrainingSummary")
              .and(JavaClass.Predicates.resideInAPackage("io.convoy.driver.train"))))
          .as("driver classes outside api, scoring, modelzip, common and train.TrainingSummary");

  @ArchTest
  static final ArchRule mlUsesTheDriverThroughItsApiAndScoring = noClasses().that().resideInAPackage("io.convoy.ml..")
      .should().dependOnClassesThat(DRIVER_BEYOND_WHAT_ML_MAY_USE)
      .because("the Spark ML stages train and load through io.convoy.driver.api (and the records it hands "
          + "over: LoadedModel, TrainingSummary) and score through io.convoy.driver.scoring, the one way images "
          + "become class probabilities, so the driver's inside can change under them");

  @ArchTest
  static final ArchRule nothingBelowImportsTheMlStages = noClasses()
      .that().resideInAnyPackage("io.convoy.conf..", "io.convoy.model..", "io.convoy.pipeline..", "io.convoy.worker..",
          "io.convoy.driver..")
      .should().dependOnClassesThat().resideInAPackage("io.convoy.ml..")
      .because("ml is a module on top of the driver (docs/architecture.md)");

  // The pipeline's packages: image <- codec, ops <- dataset <- synthetic, pack <- the pipeline itself.

  @ArchTest
  static final ArchRule pipelinePackagesAreFreeOfCycles = slices().matching("io.convoy.pipeline.(*)..")
      .should().beFreeOfCycles();

  @ArchTest
  static final ArchRule pipelineLayers = layeredArchitecture().consideringOnlyDependenciesInLayers()
      .layer("Pipeline").definedBy("io.convoy.pipeline")
      .layer("Pack").definedBy("io.convoy.pipeline.pack..")
      .layer("Synthetic").definedBy("io.convoy.pipeline.synthetic..")
      .layer("Dataset").definedBy("io.convoy.pipeline.dataset..")
      .layer("Ops").definedBy("io.convoy.pipeline.ops..")
      .layer("Codec").definedBy("io.convoy.pipeline.codec..")
      .layer("Image").definedBy("io.convoy.pipeline.image..")
      .whereLayer("Pipeline").mayNotBeAccessedByAnyLayer()
      .whereLayer("Pack").mayOnlyBeAccessedByLayers("Pipeline")
      .whereLayer("Synthetic").mayOnlyBeAccessedByLayers("Pipeline", "Pack")
      .whereLayer("Dataset").mayOnlyBeAccessedByLayers("Pipeline", "Pack", "Synthetic")
      .whereLayer("Ops").mayOnlyBeAccessedByLayers("Pipeline", "Pack")
      .whereLayer("Codec").mayOnlyBeAccessedByLayers("Pipeline", "Pack", "Synthetic", "Dataset")
      .whereLayer("Image").mayOnlyBeAccessedByLayers("Pipeline", "Pack", "Synthetic", "Dataset", "Ops", "Codec");

  // The worker's packages: data <- replica <- jobs, allreduce (<- collective) <- the worker itself.

  @ArchTest
  static final ArchRule workerPackagesAreFreeOfCycles = slices().matching("io.convoy.worker.(*)..")
      .should().beFreeOfCycles();

  @ArchTest
  static final ArchRule workerLayers = layeredArchitecture().consideringOnlyDependenciesInLayers()
      .layer("Worker").definedBy("io.convoy.worker")
      .layer("Jobs").definedBy("io.convoy.worker.jobs..")
      .layer("Allreduce").definedBy("io.convoy.worker.allreduce..")
      .layer("Collective").definedBy("io.convoy.worker.collective..")
      .layer("Replica").definedBy("io.convoy.worker.replica..")
      .layer("Data").definedBy("io.convoy.worker.data..")
      .whereLayer("Worker").mayNotBeAccessedByAnyLayer()
      .whereLayer("Jobs").mayOnlyBeAccessedByLayers("Worker")
      .whereLayer("Allreduce").mayOnlyBeAccessedByLayers("Worker")
      .whereLayer("Collective").mayOnlyBeAccessedByLayers("Allreduce")
      .whereLayer("Replica").mayOnlyBeAccessedByLayers("Worker", "Jobs", "Allreduce")
      .whereLayer("Data").mayOnlyBeAccessedByLayers("Worker", "Jobs", "Allreduce", "Replica");

  // The driver's packages.

  @ArchTest
  static final ArchRule driverPackagesAreFreeOfCycles = slices().matching("io.convoy.driver.(*)..")
      .should().beFreeOfCycles();

  /** From the top down; a layer may use only those below it, and of those only the ones named. */
  @ArchTest
  static final ArchRule driverLayers = layeredArchitecture().consideringOnlyDependenciesInLayers()
      .layer("Main").definedBy("io.convoy.driver")
      .layer("Cli").definedBy("io.convoy.driver.cli..")
      .layer("Api").definedBy("io.convoy.driver.api..")
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
      .whereLayer("Cli").mayOnlyBeAccessedByLayers("Main")
      .whereLayer("Api").mayOnlyBeAccessedByLayers("Cli")
      .whereLayer("Train").mayOnlyBeAccessedByLayers("Cli", "Api")
      .whereLayer("Checkpoint").mayOnlyBeAccessedByLayers("Train")
      .whereLayer("Metrics").mayOnlyBeAccessedByLayers("Cli", "Train", "Checkpoint")
      .whereLayer("Engine").mayOnlyBeAccessedByLayers("Cli", "Api", "Train", "Checkpoint", "Metrics")
      .whereLayer("Scoring").mayOnlyBeAccessedByLayers("Cli", "Api")
      .whereLayer("Data").mayOnlyBeAccessedByLayers("Cli", "Api", "Train", "Checkpoint", "Scoring")
      .whereLayer("ModelZip").mayOnlyBeAccessedByLayers("Cli", "Api", "Train", "Checkpoint", "Scoring")
      .whereLayer("Report").mayOnlyBeAccessedByLayers("Cli", "Train")
      .whereLayer("Common").mayOnlyBeAccessedByLayers("Main", "Cli", "Api", "Train", "Checkpoint", "Metrics",
          "Scoring", "Engine", "Data", "ModelZip", "Report");
}
