package io.convoy.worker;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;

/**
 * Kryo serializer for Java records. Spark 3.5 ships Kryo 4, which predates records: its
 * FieldSerializer cannot set their final fields on Java 17. Records are written component by
 * component and rebuilt through their canonical constructor, so their validation runs again.
 */
final class RecordSerializer<T extends Record> extends Serializer<T> {
  private final Method[] accessors;
  private final Constructor<T> constructor;

  RecordSerializer(Class<T> type) {
    super(false, true);
    RecordComponent[] components = type.getRecordComponents();
    accessors = new Method[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      accessors[i] = components[i].getAccessor();
      accessors[i].setAccessible(true);
      types[i] = components[i].getType();
    }
    try {
      constructor = type.getDeclaredConstructor(types);
      constructor.setAccessible(true);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("record " + type.getName() + " has no canonical constructor", e);
    }
  }

  @Override
  public void write(Kryo kryo, Output output, T record) {
    for (Method accessor : accessors) {
      try {
        kryo.writeClassAndObject(output, accessor.invoke(record));
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new KryoException("cannot read " + accessor.getName() + " of " + record.getClass().getName(), e);
      }
    }
  }

  @Override
  public T read(Kryo kryo, Input input, Class<T> type) {
    Object[] values = new Object[accessors.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = kryo.readClassAndObject(input);
    }
    try {
      return constructor.newInstance(values);
    } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
      throw new KryoException("cannot rebuild " + type.getName(), e);
    }
  }
}
