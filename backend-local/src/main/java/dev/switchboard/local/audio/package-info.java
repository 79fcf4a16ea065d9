/**
 * Audio glue of the offline backend: caller frames to recogniser PCM, synthesised PCM to output
 * frames ({@link dev.switchboard.local.audio.AudioPaths}), and utterance segmentation on the input
 * clock ({@link dev.switchboard.local.audio.UtteranceSegmenter}).
 *
 * <p>Depends on the transcoding module and the JDK only.
 */
package dev.switchboard.local.audio;
