package io.convoy.worker;

import com.esotericsoftware.kryo.Kryo;
import io.convoy.pipeline.dataset.Sample;
import java.util.ArrayList;
import org.apache.spark.serializer.KryoRegistrator;
import org.nd4j.kryo.Nd4jSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.cpu.nativecpu.NDArray;

/**
 * Registers what convoy ships through Spark's Kryo (partition data, cached shard bytes,
 * broadcasts, task results) and ND4J arrays with ND4J's own serializer, so that Kryo never
 * falls back to Java serialization of native-backed arrays.
 */
public final class ConvoyKryoRegistrator implements KryoRegistrator {
  @Override
  public void registerClasses(Kryo kryo) {
    kryo.register(float[].class);
    kryo.register(double[].class);
    kryo.register(int[].class);
    kryo.register(long[].class);
    kryo.register(byte[].class);
    kryo.register(ArrayList.class);
    kryo.register(Sample.class, new RecordSerializer<>(Sample.class));
    kryo.register(EncodedSample.class, new RecordSerializer<>(EncodedSample.class));
    kryo.register(ModelState.class, new RecordSerializer<>(ModelState.class));
    kryo.register(RoundTimings.class, new RecordSerializer<>(RoundTimings.class));
    kryo.register(RoundResult.class);
    kryo.register(EpochOutcome.class, new RecordSerializer<>(EpochOutcome.class));
    kryo.register(RoundReport.class, new RecordSerializer<>(RoundReport.class));
    kryo.register(EvalResult.class);
    kryo.register(INDArray.class, new Nd4jSerializer());
    kryo.register(NDArray.class, new Nd4jSerializer());
  }
}
