/**
 * What operators and dashboards see of calls without changing them: search attributes, the Web UI's
 * summary and details, the call-index workflow, and the workflow's metrics.
 */
package dev.ivr.workflows.visibility;
