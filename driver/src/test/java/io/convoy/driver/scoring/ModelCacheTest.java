package io.convoy.driver.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.convoy.conf.ConfigLoader;
import io.convoy.driver.common.SparkContexts;
import io.convoy.driver.modelzip.LoadedModel;
import io.convoy.driver.modelzip.ModelZip;
import io.convoy.driver.testing.TrainedModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

/** The per-JVM model cache: one load per model per JVM, whatever the number of tasks, jobs or threads. */
class ModelCacheTest {

  @Test
  void manyTasksOfManyJobsLoadTheModelOncePerJvm() throws Exception {
    LoadedModel model = ModelZip.read(TrainedModel.get().run.toString(), new Configuration());
    byte[] image = ScoringFixtures.images(TrainedModel.get().data.resolve("val")).get(0);
    try (JavaSparkContext sc = SparkContexts.create(ConfigLoader.load(null, List.of("cluster.master=local[2]")),
        "model cache test")) {
      // An id of its own: other tests of this JVM may have cached this model already.
      ModelHandle handle = new ModelHandle("many-tasks-" + System.nanoTime(),
          sc.broadcast(ShippedModel.of(model).toBytes()));
      int loadsBefore = ModelCache.loads();
      for (int job = 0; job < 3; job++) {
        // local[2]: the tasks run in this JVM, two at a time, so the cache they use is this one.
        List<Integer> networks = sc.parallelize(IntStream.range(0, 24).boxed().toList(), 24)
            .map(i -> {
              ScoringModel scoring = handle.scoringModel();
              scoring.score(List.of(image));
              return scoring.networks();
            }).collect();
        assertEquals(24, networks.size());
      }
      assertEquals(1, ModelCache.loads() - loadsBefore, "72 tasks in 3 jobs must load the model once");
      int networks = handle.scoringModel().networks();
      assertTrue(networks >= 1 && networks <= 2, "one network per concurrent task at most, built " + networks);
    }
  }

  @Test
  void threadsAskingAtOnceShareOneLoad() throws Exception {
    ShippedModel shipped = ScoringFixtures.untrained(false, 7);
    String id = "concurrent-" + System.nanoTime();
    AtomicInteger built = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<ScoringModel>> got = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        got.add(pool.submit(() -> {
          start.await();
          return ModelCache.get(id, () -> {
            built.incrementAndGet();
            return shipped;
          });
        }));
      }
      start.countDown();
      ScoringModel first = got.get(0).get();
      for (Future<ScoringModel> f : got) {
        assertSame(first, f.get());
      }
      assertEquals(1, built.get());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aModelsIdIsItsContentWhateverPathItWasReadFrom() throws Exception {
    LoadedModel fromFolder = ModelZip.read(TrainedModel.get().run.toString(), new Configuration());
    LoadedModel fromZip = ModelZip.read(TrainedModel.get().run.resolve("model.zip").toString(), new Configuration());
    assertEquals(ModelHandle.id(fromFolder), ModelHandle.id(fromZip));
    assertEquals(64, ModelHandle.id(fromFolder).length());
  }
}
