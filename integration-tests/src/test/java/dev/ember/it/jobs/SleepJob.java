package dev.ember.it.jobs;

/** A driver that runs until it is killed, for the tests of ember-submit --kill. */
public final class SleepJob {
  private SleepJob() {}

  public static void main(String[] args) throws InterruptedException {
    Thread.sleep(600_000);
  }
}
