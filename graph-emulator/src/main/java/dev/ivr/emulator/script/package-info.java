/** Running a caller script against a call: the voice track and scheduled key presses and hang-up. */
package dev.ivr.emulator.script;
