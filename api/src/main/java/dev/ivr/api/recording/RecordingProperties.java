package dev.ivr.api.recording;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code ivr.recordings.dir}: where the worker's file store writes recordings (default {@code recordings}). */
@ConfigurationProperties("ivr.recordings")
record RecordingProperties(@DefaultValue("recordings") Path dir) {}
