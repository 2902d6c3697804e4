package dev.ember.lineage;

import com.google.common.collect.AbstractIterator;
import dev.ember.Dataset;
import dev.ember.EmberSession;
import dev.ember.Partition;
import dev.ember.TaskContext;
import dev.ember.scheduler.TaskLocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapred.FileInputFormat;
import org.apache.hadoop.mapred.FileSplit;
import org.apache.hadoop.mapred.InputSplit;
import org.apache.hadoop.mapred.InvalidInputException;
import org.apache.hadoop.mapred.JobConf;
import org.apache.hadoop.mapred.RecordReader;
import org.apache.hadoop.mapred.Reporter;
import org.apache.hadoop.mapred.TextInputFormat;

/**
 * Lines of text files on any Hadoop FileSystem, read through Hadoop's own {@code TextInputFormat}
 * (as Spark's {@code textFile} does): splits follow Hadoop's split computation, a line crossing a
 * split boundary is read exactly once, compressed files are decoded by Hadoop's codecs, and each
 * partition prefers the hosts holding its split's blocks. The hdfs-io module adds the other
 * formats.
 */
public final class HadoopTextDataset extends Dataset<String> {
  private static final long serialVersionUID = 1L;

  private final String path;
  private final int minPartitions;
  private final SerializableConfiguration conf;

  public HadoopTextDataset(EmberSession session, String path, int minPartitions) {
    super(session);
    this.path = path;
    this.minPartitions = minPartitions;
    this.conf = new SerializableConfiguration(session.hadoopConfiguration());
  }

  /**
   * One split of the input.
   *
   * @param hosts hosts holding the split's data
   */
  record SplitPartition(int index, String file, long start, long length, List<String> hosts)
      implements Partition {}

  private JobConf jobConf() {
    JobConf job = new JobConf(conf.get());
    FileInputFormat.setInputPaths(job, path);
    return job;
  }

  @Override
  protected Partition[] computePartitions() {
    JobConf job = jobConf();
    TextInputFormat format = new TextInputFormat();
    format.configure(job);
    InputSplit[] splits;
    try {
      splits = format.getSplits(job, minPartitions);
    } catch (InvalidInputException e) {
      throw new IllegalArgumentException(
          "textFile: input path does not exist or matches no files: "
              + path
              + " ("
              + e.getMessage().replace('\n', ' ')
              + ")",
          e);
    } catch (IOException e) {
      throw new UncheckedIOException("textFile: cannot list input " + path, e);
    }
    Partition[] out = new Partition[splits.length];
    for (int i = 0; i < splits.length; i++) {
      FileSplit split = (FileSplit) splits[i];
      try {
        out[i] =
            new SplitPartition(
                i,
                split.getPath().toString(),
                split.getStart(),
                split.getLength(),
                Arrays.asList(split.getLocations()));
      } catch (IOException e) {
        throw new UncheckedIOException("textFile: cannot locate blocks of " + split.getPath(), e);
      }
    }
    return out;
  }

  @Override
  public Iterator<String> compute(Partition partition, TaskContext context) {
    SplitPartition p = (SplitPartition) partition;
    JobConf job = jobConf();
    TextInputFormat format = new TextInputFormat();
    format.configure(job);
    FileSplit split =
        new FileSplit(new Path(p.file()), p.start(), p.length(), p.hosts().toArray(new String[0]));
    RecordReader<LongWritable, Text> reader;
    try {
      reader = format.getRecordReader(split, job, Reporter.NULL);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + p.file() + " at offset " + p.start(), e);
    }
    context.addCompletionListener(
        () -> {
          try {
            reader.close();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
    LongWritable key = reader.createKey();
    Text value = reader.createValue();
    return new AbstractIterator<>() {
      @Override
      protected String computeNext() {
        try {
          if (!reader.next(key, value)) {
            // The reader may end past the split: it finishes the line that crosses the end.
            context.metrics().addBytesRead(Math.max(0, reader.getPos() - p.start()));
            return endOfData();
          }
        } catch (IOException e) {
          throw new UncheckedIOException(
              "cannot read " + p.file() + " near offset " + key.get(), e);
        }
        context.metrics().addRecordsRead(1);
        return TextDecoding.decode(value);
      }
    };
  }

  @Override
  public List<Dependency> dependencies() {
    return List.of();
  }

  @Override
  public List<TaskLocation> preferredLocations(Partition partition) {
    return ((SplitPartition) partition).hosts().stream().map(TaskLocation::host).toList();
  }
}
