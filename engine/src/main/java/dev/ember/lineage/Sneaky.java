package dev.ember.lineage;

/**
 * Rethrows a user function's checked exception unchanged, so that the job failure's cause is the
 * exception the user threw, not a wrapper (iterators cannot declare checked exceptions).
 */
public final class Sneaky {
  private Sneaky() {}

  /**
   * Throws {@code t} as is; declared to return so call sites can write {@code throw rethrow(e)}.
   */
  public static RuntimeException rethrow(Throwable t) {
    throw Sneaky.<RuntimeException>uncheckedCast(t);
  }

  @SuppressWarnings({"unchecked", "TypeParameterUnusedInFormals"})
  private static <E extends Throwable> E uncheckedCast(Throwable t) throws E {
    throw (E) t;
  }
}
