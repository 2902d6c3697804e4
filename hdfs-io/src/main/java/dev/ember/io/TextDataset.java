package dev.ember.io;

import dev.ember.EmberSession;
import dev.ember.TaskContext;
import java.util.Iterator;
import org.apache.hadoop.conf.Configuration;

/** The lines of text files, made by {@link TextSource#read}; elements are the lines' text. */
final class TextDataset extends FileSplitDataset<String> {
  private static final long serialVersionUID = 1L;

  TextDataset(EmberSession session, String path, Configuration conf, SplitOptions split) {
    super(session, path, conf, split, true, "text");
  }

  @Override
  Iterator<String> read(FileSplitPartition split, Iterator<Line> lines, TaskContext context) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return lines.hasNext();
      }

      @Override
      public String next() {
        return lines.next().text();
      }
    };
  }
}
