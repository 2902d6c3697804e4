package dev.ember.it.jobs;

/**
 * A driver that sleeps for the milliseconds of its optional argument (default 10 minutes, i.e.
 * until it is killed), for the tests of ember-submit --kill and of the running application's
 * endpoints.
 */
public final class SleepJob {
  private SleepJob() {}

  public static void main(String[] args) throws InterruptedException {
    Thread.sleep(args.length > 0 ? Long.parseLong(args[0]) : 600_000);
  }
}
