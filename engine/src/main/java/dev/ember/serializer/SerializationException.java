package dev.ember.serializer;

/** A record or closure could not be serialized or deserialized; the message names the class. */
public class SerializationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SerializationException(String message) {
    super(message);
  }

  public SerializationException(String message, Throwable cause) {
    super(message, cause);
  }
}
