/**
 * Hadoop FileSystem sources and sinks for Ember datasets: input splits with block locations
 * (preferred hosts for the task scheduler), text, CSV and Avro formats, compression codecs, and the
 * output commit protocol built on Hadoop's {@code FileOutputCommitter}.
 */
package dev.ember.io;
