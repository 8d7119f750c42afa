/**
 * The Graph calling requests of the IVR: {@link dev.ivr.activities.graph.GraphCallActivitiesImpl} over
 * the microsoft-graph SDK, authenticated with msal4j client-credentials tokens
 * ({@link dev.ivr.activities.graph.GraphSettings}, {@link dev.ivr.activities.graph.GraphClients}).
 */
package dev.ivr.activities.graph;
