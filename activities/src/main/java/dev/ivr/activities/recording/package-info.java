/**
 * Recording download and storage: {@link dev.ivr.activities.recording.RecordingActivitiesImpl} streams a
 * finished recording from Graph into a {@link dev.ivr.recordings.RecordingStore}
 * ({@link dev.ivr.recordings.FileSystemRecordingStore} by default).
 */
package dev.ivr.activities.recording;
