package io.convoy.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.convoy.pipeline.dataset.Sample;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import scala.reflect.ClassTag$;

/** Everything convoy ships through Spark's Kryo survives it, with registration required. */
class KryoRoundTripTest {
  private final SerializerInstance kryo = new KryoSerializer(new SparkConf()
      .set("spark.kryo.registrator", ConvoyKryoRegistrator.class.getName())
      .set("spark.kryo.registrationRequired", "true")).newInstance();

  @SuppressWarnings("unchecked")
  private <T> T roundTrip(T value) {
    ByteBuffer bytes = kryo.serialize(value, ClassTag$.MODULE$.apply(Object.class));
    return (T) kryo.deserialize(bytes, ClassTag$.MODULE$.apply(Object.class));
  }

  @Test
  void recordsOfPartitionsAndBroadcastsRoundTrip() {
    List<Sample> shard = new ArrayList<>(List.of(new Sample("file:/d/a/1.png", 0), new Sample("hdfs://nn/d/b/2.jpg", 1)));
    assertEquals(shard, roundTrip(shard));

    EncodedSample encoded = roundTrip(new EncodedSample("file:/d/a/1.png", 3, new byte[] {1, 2, 3}));
    assertEquals("file:/d/a/1.png", encoded.path());
    assertEquals(3, encoded.label());
    assertArrayEquals(new byte[] {1, 2, 3}, encoded.bytes());

    ModelState state = roundTrip(new ModelState(new float[] {1.5f, -2f}, new float[0]));
    assertArrayEquals(new float[] {1.5f, -2f}, state.parameters());
    assertEquals(0, state.updaterState().length);
  }

  @Test
  void taskResultsRoundTrip() {
    RoundResult r = RoundResult.of(new float[] {1, 2}, new float[] {3});
    r.examples = 64;
    r.batches = 1;
    r.lossSum = 0.5;
    RoundResult back = roundTrip(r);
    assertArrayEquals(new float[] {1, 2}, back.vectorSum());
    assertEquals(64, back.examples());
    assertEquals(0.5, back.meanLoss());
    assertArrayEquals(new float[] {3}, back.meanUpdaterState());
    RoundResult merged = roundTrip(back.add(RoundResult.of(new float[] {3, 4}, new float[] {5})));
    assertArrayEquals(new float[] {2, 3}, merged.meanParameters());

    RoundTimings timings = new RoundTimings(0.1, 0.2, 0.3, 0.4, 0.5);
    r.timings = timings;
    assertEquals(timings, roundTrip(r).timings());
    RoundReport report = new RoundReport(3, 1, 0.5, 64, 2, 1.5, timings, 0.01);
    assertEquals(report, roundTrip(report));

    EvalResult e = new EvalResult(3);
    e.record(new float[] {0.1f, 0.7f, 0.2f}, 0, 1);
    EvalResult eBack = roundTrip(e);
    assertEquals(1, eBack.examples());
    assertEquals(1.0, eBack.top1());
  }
}
