/** The Graph calling surface under /v1.0: the route table, one handler per endpoint, validation, and the call and media engines. */
package dev.ivr.emulator.graph;
