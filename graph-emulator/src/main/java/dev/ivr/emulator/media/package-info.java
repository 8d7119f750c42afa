/** WAV files, the synthetic caller voice, prompt fetching with resourceId caching, and recordings with their download endpoint. */
package dev.ivr.emulator.media;
