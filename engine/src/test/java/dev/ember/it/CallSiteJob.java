package dev.ember.it;

import dev.ember.Dataset;
import dev.ember.EmberSession;
import java.util.List;

/** Stands for an integration-test job: user code although it lives under {@code dev.ember}. */
public final class CallSiteJob {
  private CallSiteJob() {}

  /** The creation site of a dataset made here. */
  public static String creationSite(EmberSession session) {
    Dataset<Integer> numbers = session.parallelize(List.of(1, 2, 3), 1);
    return numbers.creationSite();
  }
}
