/**
 * Recording download and storage: {@link dev.ivr.activities.recording.RecordingActivitiesImpl} streams a
 * finished recording from Graph into a {@link dev.ivr.activities.recording.RecordingStore}
 * ({@link dev.ivr.activities.recording.FileSystemRecordingStore} by default).
 */
package dev.ivr.activities.recording;
