package dev.ember.io;

/**
 * The type of a column in a {@link RowSchema}, with the Java class its values have in a {@link
 * Row}.
 */
public enum FieldType {
  STRING(String.class),
  INT(Integer.class),
  LONG(Long.class),
  DOUBLE(Double.class),
  BOOLEAN(Boolean.class),
  /** Exact decimals, e.g. money: {@link java.math.BigDecimal}. */
  DECIMAL(java.math.BigDecimal.class),
  /** Calendar dates ({@code yyyy-MM-dd}): {@link java.time.LocalDate}. */
  DATE(java.time.LocalDate.class);

  private final Class<?> javaType;

  FieldType(Class<?> javaType) {
    this.javaType = javaType;
  }

  /** The class of non-null values of this type. */
  public Class<?> javaType() {
    return javaType;
  }
}
