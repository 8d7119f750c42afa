/**
 * Flow tooling, without Spring: {@link dev.ivr.flowtools.FlowLoader} reads a YAML or JSON flow
 * against the published {@link dev.ivr.flowtools.FlowSchema}; {@link dev.ivr.flowtools.FlowValidator}
 * checks the whole flow (references, reachability, dead ends, prompts, Graph limits, CEL, subflows);
 * {@link dev.ivr.flowtools.FlowRepository} keeps a flows directory, its versions, aliases and
 * routing table as atomically reloaded {@link dev.ivr.flowtools.FlowCatalog} snapshots;
 * {@link dev.ivr.flowtools.FlowCli} is the command line. Every problem is a
 * {@link dev.ivr.flowtools.FlowProblem} naming the file, the line and the node.
 */
package dev.ivr.flowtools;
