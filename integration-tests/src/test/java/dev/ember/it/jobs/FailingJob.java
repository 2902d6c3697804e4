package dev.ember.it.jobs;

/** A driver that fails: its exception must reach the RM's diagnostics and ember-submit. */
public final class FailingJob {
  private FailingJob() {}

  public static void main(String[] args) {
    throw new IllegalStateException("deliberate failure in FailingJob");
  }
}
