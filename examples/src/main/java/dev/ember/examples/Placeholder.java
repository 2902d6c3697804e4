package dev.ember.examples;

final class Placeholder {
  private Placeholder() {}
}
