/**
 * Requests to external systems for a flow's {@code http} node:
 * {@link dev.ivr.activities.external.HttpActivitiesImpl} over {@link java.net.http.HttpClient}.
 */
package dev.ivr.activities.external;
