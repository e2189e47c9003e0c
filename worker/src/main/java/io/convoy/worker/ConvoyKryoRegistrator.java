package io.convoy.worker;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import org.apache.spark.serializer.KryoRegistrator;
import org.nd4j.kryo.Nd4jSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.cpu.nativecpu.NDArray;

/**
 * Registers convoy's task data and ND4J arrays (with ND4J's own Kryo serializer) so that
 * Spark's Kryo never falls back to Java serialization of native-backed arrays.
 */
public final class ConvoyKryoRegistrator implements KryoRegistrator {
  @Override
  public void registerClasses(Kryo kryo) {
    kryo.register(float[].class);
    kryo.register(long[].class);
    kryo.register(byte[].class);
    // Records: Kryo 4 cannot set their final fields; Java serialization handles them.
    kryo.register(EncodedSample.class, new JavaSerializer());
    kryo.register(ModelState.class, new JavaSerializer());
    kryo.register(RoundResult.class);
    kryo.register(EvalResult.class);
    kryo.register(INDArray.class, new Nd4jSerializer());
    kryo.register(NDArray.class, new Nd4jSerializer());
  }
}
