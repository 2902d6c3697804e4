package dev.ember.io.avro;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.AbstractIterator;
import dev.ember.Dataset;
import dev.ember.EmberSession;
import dev.ember.Partition;
import dev.ember.TaskContext;
import dev.ember.lineage.Dependency;
import dev.ember.lineage.SerializableConfiguration;
import dev.ember.scheduler.TaskLocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
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
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.input.InvalidInputException;

/**
 * Records of Avro object container files, one partition per input split. Splits come from Hadoop's
 * {@link FileInputFormat} (block size, {@code mapreduce.input.fileinputformat.split.minsize /
 * maxsize}, hidden files {@code _*} and {@code .*} skipped, subdirectories ignored) and each
 * partition prefers its split's block hosts. A split reads the Avro blocks whose sync marker starts
 * inside it ({@code DataFileReader.sync(start)}, then {@code pastSync(end)}), the scheme of
 * avro-mapred's {@code AvroRecordReader}, so every record is read exactly once however files are
 * split.
 *
 * <p>With a reader schema, Avro's schema resolution applies: fields added with defaults get their
 * defaults in old files, removed fields are skipped, promotable types are promoted.
 */
public final class AvroDataset extends Dataset<GenericRecord> {
  private static final long serialVersionUID = 1L;
  private static final String IGNORE_SUBDIRS =
      "mapreduce.input.fileinputformat.input.dir.nonrecursive.ignore.subdirs";

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
   * One split of one file.
   *
   * @param hosts the hosts holding the split's blocks
   */
  record SplitPartition(int index, String file, long start, long length, List<String> hosts)
      implements Partition {
    SplitPartition {
      hosts = List.copyOf(hosts);
    }
  }

  /** Computes the splits on the driver; throws if the path does not exist. */
  @Override
  protected Partition[] computePartitions() {
    List<InputSplit> splits;
    try {
      Job job = Job.getInstance(conf.get());
      job.getConfiguration().setBoolean(IGNORE_SUBDIRS, true);
      FileInputFormat.setInputPaths(job, path);
      splits = new SplitFormat().getSplits(job);
    } catch (InvalidInputException e) {
      throw new IllegalArgumentException(
          "AvroSource.read: input path does not exist or matches no files: "
              + path
              + " ("
              + e.getMessage().replace('\n', ' ')
              + "); check the path and the file system URI",
          e);
    } catch (IOException e) {
      throw new UncheckedIOException("AvroSource.read: cannot list input " + path, e);
    }
    Partition[] out = new Partition[splits.size()];
    for (int i = 0; i < out.length; i++) {
      FileSplit split = (FileSplit) splits.get(i);
      try {
        out[i] =
            new SplitPartition(
                i,
                split.getPath().toString(),
                split.getStart(),
                split.getLength(),
                Arrays.asList(split.getLocations()));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot locate the blocks of " + split.getPath(), e);
      }
    }
    return out;
  }

  @Override
  public Iterator<GenericRecord> compute(Partition partition, TaskContext context) {
    SplitPartition p = (SplitPartition) partition;
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
    return ((SplitPartition) partition).hosts().stream().map(TaskLocation::host).toList();
  }

  /** Hadoop's split computation; records are read by {@link #compute}, not by this format. */
  private static final class SplitFormat extends FileInputFormat<Void, Void> {
    @Override
    public RecordReader<Void, Void> createRecordReader(
        InputSplit split, TaskAttemptContext context) {
      throw new UnsupportedOperationException("splits only");
    }
  }
}
