package io.convoy.ml;

import io.convoy.driver.modelzip.LoadedModel;
import io.convoy.driver.modelzip.ModelZip;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.util.DefaultParamsReader$;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWriter;
import scala.Option;

/**
 * A saved {@link ConvoyClassificationModel}: Spark ML's {@code metadata} (class, uid and Params,
 * written and read by Spark's own DefaultParams helpers, as every Spark ML stage's) and convoy's
 * {@code model.zip} beside it, on any Hadoop file system. The folder is thus also a run's output
 * folder as far as {@code convoy evaluate --model} and {@code convoy predict --model} go.
 */
final class ModelFolder {
  static final String ZIP = "model.zip";

  private ModelFolder() {}

  static final class Writer extends MLWriter {
    private final ConvoyClassificationModel model;

    Writer(ConvoyClassificationModel model) {
      this.model = model;
    }

    @Override
    public void saveImpl(String path) {
      DefaultParamsWriter$.MODULE$.saveMetadata(model, path, sc(), Option.empty(), Option.empty());
      Path zip = new Path(path, ZIP);
      try {
        FileSystem fs = zip.getFileSystem(sc().hadoopConfiguration());
        try (OutputStream out = fs.create(zip, false)) {
          out.write(model.convoyModel().zip());
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + zip + ": " + e.getMessage(), e);
      }
    }
  }

  static final class Reader extends MLReader<ConvoyClassificationModel> {
    @Override
    public ConvoyClassificationModel load(String path) {
      DefaultParamsReader.Metadata metadata = DefaultParamsReader$.MODULE$.loadMetadata(path, sc(),
          ConvoyClassificationModel.class.getName());
      LoadedModel zip = ModelZip.read(new Path(path, ZIP).toString(), sc().hadoopConfiguration());
      ConvoyClassificationModel model = ConvoyClassificationModel.loaded(metadata.uid(), zip);
      metadata.getAndSetParams(model, Option.empty());
      return model;
    }
  }
}
