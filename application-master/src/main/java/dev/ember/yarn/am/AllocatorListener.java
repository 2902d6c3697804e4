package dev.ember.yarn.am;

/**
 * Told by the {@link ExecutorAllocator} about executors whose containers ended and about the end of
 * the application's ability to run executors. In cluster deploy mode the driver's scheduler backend
 * listens ({@link YarnSchedulerBackend}). Called on the AMRM or NM client's callback threads, never
 * under the allocator's lock; implementations return quickly.
 */
interface AllocatorListener {
  /**
   * The container of executor {@code executorId} completed or could not be started, while the
   * application runs.
   *
   * @param reason what happened and where the container's log is ({@link ContainerExitClassifier})
   */
  void executorLost(String executorId, String reason);

  /**
   * Too many executors failed ({@code ember.yarn.maxExecutorFailures}): the allocator has
   * unregistered the application as FAILED with {@code diagnostics} and requests no more
   * containers. The driver must stop its jobs.
   */
  void applicationFailed(String diagnostics);

  /** A listener that ignores every event (before the driver's backend exists). */
  AllocatorListener NONE =
      new AllocatorListener() {
        @Override
        public void executorLost(String executorId, String reason) {}

        @Override
        public void applicationFailed(String diagnostics) {}
      };
}
