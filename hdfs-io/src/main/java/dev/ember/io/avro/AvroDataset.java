package dev.ember.io.avro;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.AbstractIterator;
import dev.ember.Dataset;
import dev.ember.EmberSession;
import dev.ember.Partition;
import dev.ember.TaskContext;
import dev.ember.io.FileSplitPartition;
import dev.ember.io.InputSplits;
import dev.ember.io.SplitOptions;
import dev.ember.lineage.Dependency;
import dev.ember.lineage.SerializableConfiguration;
import dev.ember.scheduler.TaskLocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapred.JobConf;

/**
 * Records of Avro object container files, one partition per input split. Splits come from Hadoop's
 * {@link FileInputFormat} (block size, {@code mapreduce.input.fileinputformat.split.minsize /
 * maxsize}, hidden files {@code _*} and {@code .*} skipped, a subdirectory is an error naming it)
 * and each partition prefers its split's block hosts. A split reads the Avro blocks whose sync
 * marker starts inside it ({@code DataFileReader.sync(start)}, then {@code pastSync(end)}), the
 * scheme of avro-mapred's {@code AvroRecordReader}, so every record is read exactly once however
 * files are split.
 *
 * <p>With a reader schema, Avro's schema resolution applies: fields added with defaults get their
 * defaults in old files, removed fields are skipped, promotable types are promoted.
 */
public final class AvroDataset extends Dataset<GenericRecord> {
  private static final long serialVersionUID = 1L;

  private final String path;
  // Empty when records are read with each file's own schema (Optional is not Serializable).
  private final String readerSchemaJson;
  private final SerializableConfiguration conf;

  /**
   * @param path a file, directory or glob
   * @param readerSchema the schema to read records as, or empty for each file's own schema
   */
  public AvroDataset(EmberSession session, String path, Optional<Schema> readerSchema) {
    super(session);
    this.path = requireNonNull(path, "path is null");
    this.readerSchemaJson = readerSchema.map(Schema::toString).orElse("");
    this.conf = new SerializableConfiguration(session.hadoopConfiguration());
  }

  /**
   * Computes the splits on the driver, as the other file sources do.
   *
   * @throws dev.ember.io.InputPathException if the path does not exist or matches no files
   */
  @Override
  protected Partition[] computePartitions() {
    JobConf job = InputSplits.jobConf(conf.get(), path, SplitOptions.DEFAULT);
    return InputSplits.plan(job, path, SplitOptions.DEFAULT, true, "avro")
        .toArray(new Partition[0]);
  }

  @Override
  public Iterator<GenericRecord> compute(Partition partition, TaskContext context) {
    FileSplitPartition p = (FileSplitPartition) partition;
    Path file = new Path(p.file());
    DataFileReader<GenericRecord> reader = open(file);
    context.addCompletionListener(
        () -> {
          try {
            reader.close();
          } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + file, e);
          }
        });
    long end = p.start() + p.length();
    try {
      reader.sync(p.start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot seek to offset " + p.start() + " of " + file, e);
    }
    return new AbstractIterator<>() {
      @Override
      protected GenericRecord computeNext() {
        try {
          if (!reader.hasNext() || reader.pastSync(end)) {
            return endOfData();
          }
          GenericRecord record = reader.next();
          context.metrics().addRecordsRead(1);
          return record;
        } catch (IOException | AvroRuntimeException e) {
          throw new IllegalStateException(
              "cannot read Avro file " + file + " in split at offset " + p.start() + ": " + e, e);
        }
      }
    };
  }

  private DataFileReader<GenericRecord> open(Path file) {
    try {
      FileSystem fs = file.getFileSystem(conf.get());
      long length = fs.getFileStatus(file).getLen();
      GenericDatumReader<GenericRecord> datumReader = new GenericDatumReader<>();
      if (!readerSchemaJson.isEmpty()) {
        datumReader.setExpected(new Schema.Parser().parse(readerSchemaJson));
      }
      HadoopSeekableInput in = new HadoopSeekableInput(fs.open(file), length);
      try {
        return new DataFileReader<>(in, datumReader);
      } catch (IOException | RuntimeException e) {
        in.close();
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot open " + file + " as an Avro data file (is it one?): " + e.getMessage(), e);
    }
  }

  @Override
  public List<Dependency> dependencies() {
    return List.of();
  }

  @Override
  public List<TaskLocation> preferredLocations(Partition partition) {
    return ((FileSplitPartition) partition).preferredLocations();
  }
}
