/**
 * Where recordings live: {@link dev.switchboard.recordings.storage.RecordingStore} (the filesystem
 * now; an S3-compatible store later uploads the same directory when a recording completes) and
 * {@link dev.switchboard.recordings.storage.SafeNames}, which keeps caller-influenced ids from
 * escaping the store's root.
 *
 * <p>Depends on the JDK only.
 */
package dev.switchboard.recordings.storage;
