/** A tiny HTTP layer over the JDK HttpServer: requests, responses, the router, errors, JSON. */
package dev.ivr.emulator.http;
